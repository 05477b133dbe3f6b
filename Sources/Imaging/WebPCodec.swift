import CWebP

/// WebP through libwebp's simple API (single-threaded, so the same pixels and settings always
/// give the same bytes): lossy with or without alpha, lossless, and decoding (for the quality
/// check of what was encoded).
public enum WebPCodec {
    /// Lossy at `quality` 0–100. Alpha is kept only when `keepAlpha` (and then losslessly, as
    /// libwebp does); otherwise the image is encoded as opaque RGB.
    public static func encodeLossy(_ image: RGBAImage, quality: Float, keepAlpha: Bool) throws -> [UInt8] {
        try checkSize(image)
        var output: UnsafeMutablePointer<UInt8>?
        let size: Int
        if keepAlpha {
            size = image.pixels.withUnsafeBufferPointer {
                WebPEncodeRGBA($0.baseAddress, Int32(image.width), Int32(image.height), Int32(image.width * 4), quality, &output)
            }
        } else {
            var rgb = [UInt8](repeating: 0, count: image.width * image.height * 3)
            for pixel in 0 ..< image.width * image.height {
                rgb[pixel * 3] = image.pixels[pixel * 4]
                rgb[pixel * 3 + 1] = image.pixels[pixel * 4 + 1]
                rgb[pixel * 3 + 2] = image.pixels[pixel * 4 + 2]
            }
            size = rgb.withUnsafeBufferPointer {
                WebPEncodeRGB($0.baseAddress, Int32(image.width), Int32(image.height), Int32(image.width * 3), quality, &output)
            }
        }
        return try take(output, size)
    }

    /// Lossless (normal maps: their directions must survive exactly).
    public static func encodeLossless(_ image: RGBAImage) throws -> [UInt8] {
        try checkSize(image)
        var output: UnsafeMutablePointer<UInt8>?
        let size = image.pixels.withUnsafeBufferPointer {
            WebPEncodeLosslessRGBA($0.baseAddress, Int32(image.width), Int32(image.height), Int32(image.width * 4), &output)
        }
        return try take(output, size)
    }

    /// Near-lossless (libwebp's `near_lossless`, 0–100, lower is smaller): the lossless format
    /// after values are nudged by a few levels where that saves bytes (Lantern's 2048² normal
    /// map, 1.74 MB lossless: at 60, at most 2 levels, 1.08 MB; at 40, at most 4 levels, 0.90 MB);
    /// for normal maps, whose directions must survive but not to the last bit.
    public static func encodeNearLossless(_ image: RGBAImage, level: Int32) throws -> [UInt8] {
        try checkSize(image)
        var config = WebPConfig()
        guard WebPConfigInit(&config) != 0 else { throw ImagingError("WebP: the encoder's settings did not initialise") }
        config.lossless = 1
        config.near_lossless = level  // (libwebp skips this step when `exact` is set)
        var picture = WebPPicture()
        guard WebPPictureInit(&picture) != 0 else { throw ImagingError("WebP: the encoder's picture did not initialise") }
        defer { WebPPictureFree(&picture) }
        picture.use_argb = 1
        picture.width = Int32(image.width)
        picture.height = Int32(image.height)
        let imported = image.pixels.withUnsafeBufferPointer { WebPPictureImportRGBA(&picture, $0.baseAddress, Int32(image.width * 4)) }
        guard imported != 0 else { throw ImagingError("WebP: the picture could not be imported") }
        var writer = WebPMemoryWriter()
        WebPMemoryWriterInit(&writer)
        defer { WebPMemoryWriterClear(&writer) }
        picture.writer = WebPMemoryWrite
        let encoded = withUnsafeMutablePointer(to: &writer) { pointer -> Int32 in
            picture.custom_ptr = UnsafeMutableRawPointer(pointer)
            return WebPEncode(&config, &picture)
        }
        guard encoded != 0, let memory = writer.mem, writer.size > 0 else { throw ImagingError("WebP: the encoder failed") }
        return Array(UnsafeBufferPointer(start: memory, count: writer.size))
    }

    public static func decode(_ bytes: [UInt8]) throws -> RGBAImage {
        var width: Int32 = 0, height: Int32 = 0
        guard bytes.withUnsafeBufferPointer({ WebPGetInfo($0.baseAddress, $0.count, &width, &height) }) != 0 else {
            throw ImagingError("WebP: not a readable WebP image (\(bytes.count) bytes)")
        }
        try ImageLimits.check(width: Int(width), height: Int(height), format: "WebP")
        guard let decoded = bytes.withUnsafeBufferPointer({ WebPDecodeRGBA($0.baseAddress, $0.count, &width, &height) }) else {
            throw ImagingError("WebP: the image data is damaged")
        }
        defer { WebPFree(decoded) }
        let count = Int(width) * Int(height) * 4
        return RGBAImage(width: Int(width), height: Int(height), pixels: Array(UnsafeBufferPointer(start: decoded, count: count)))
    }

    /// `webp` with an ICC colour profile attached (a Display P3 photo keeps its colours), through
    /// libwebpmux, which rewrites the container as the extended format with an ICCP chunk.
    public static func attaching(iccProfile: [UInt8], to webp: [UInt8]) throws -> [UInt8] {
        guard !iccProfile.isEmpty else { return webp }
        return try webp.withUnsafeBufferPointer { image in
            try iccProfile.withUnsafeBufferPointer { profile in
                var bitstream = WebPData(bytes: image.baseAddress, size: image.count)
                guard let mux = WebPMuxCreate(&bitstream, 1) else { throw ImagingError("WebP: not a WebP image to add a colour profile to") }
                defer { WebPMuxDelete(mux) }
                var chunk = WebPData(bytes: profile.baseAddress, size: profile.count)
                var output = WebPData()
                defer { WebPDataClear(&output) }
                guard WebPMuxSetChunk(mux, "ICCP", &chunk, 1) == WEBP_MUX_OK, WebPMuxAssemble(mux, &output) == WEBP_MUX_OK,
                      let bytes = output.bytes else {
                    throw ImagingError("WebP: the colour profile could not be added")
                }
                return Array(UnsafeBufferPointer(start: bytes, count: output.size))
            }
        }
    }

    /// Within our pixel limit and WebP's 16383-pixel side.
    private static func checkSize(_ image: RGBAImage) throws {
        try ImageLimits.check(width: image.width, height: image.height, format: "WebP")
        guard image.width <= 16_383, image.height <= 16_383 else {
            throw ImagingError("WebP: \(image.width)x\(image.height) is over WebP's 16383 px side")
        }
    }

    /// "RIFF" size "WEBP".
    public static func isWebP(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 12 && bytes[0 ..< 4].elementsEqual(Array("RIFF".utf8)) && bytes[8 ..< 12].elementsEqual(Array("WEBP".utf8))
    }

    private static func take(_ output: UnsafeMutablePointer<UInt8>?, _ size: Int) throws -> [UInt8] {
        guard let output, size > 0 else { throw ImagingError("WebP: the encoder failed") }
        defer { WebPFree(output) }
        return Array(UnsafeBufferPointer(start: output, count: size))
    }
}
