import CPNG

/// PNG through libpng's simplified `png_image_*` API: it reports errors through the
/// png_image's message field instead of longjmp, so no C shim is needed, and it converts
/// every PNG variant (palette, grey, 16-bit, tRNS, gAMA) to 8-bit sRGB RGBA for us.
public enum PNGCodec {
    public static func decode(_ bytes: [UInt8]) throws -> RGBAImage {
        guard !bytes.isEmpty else { throw ImagingError("PNG: empty input") }
        var image = png_image()
        image.version = UInt32(PNG_IMAGE_VERSION)
        // Releases libpng's state if we stop between begin and finish (a no-op otherwise).
        defer { png_image_free(&image) }

        // libpng reads from `bytes` until finish_read returns, so both calls stay inside.
        return try bytes.withUnsafeBytes { raw -> RGBAImage in
            guard png_image_begin_read_from_memory(&image, raw.baseAddress, raw.count) != 0 else {
                throw ImagingError("PNG: \(message(of: image))")
            }
            let width = Int(image.width), height = Int(image.height)
            try ImageLimits.check(width: width, height: height, format: "PNG")
            // Deflate expands at most ~1032:1 and a PNG row holds at least 1 bit per pixel
            // plus a filter byte, so a small file claiming a huge image is refused before
            // the pixel buffer is allocated (the data would run out anyway).
            guard height * (1 + width / 8) <= raw.count * 1100 else {
                throw ImagingError("PNG: \(raw.count) bytes cannot hold a \(width)x\(height) image (truncated or corrupt)")
            }
            // Straight-alpha 8-bit sRGB; libpng converts from whatever the file holds.
            image.format = formatRGBA
            var pixels = [UInt8](repeating: 0, count: width * height * 4)
            let ok = pixels.withUnsafeMutableBytes { out in
                png_image_finish_read(&image, nil, out.baseAddress, 0, nil)
            }
            guard ok != 0 else { throw ImagingError("PNG: \(message(of: image))") }
            return RGBAImage(width: width, height: height, pixels: pixels)
        }
    }

    /// Encodes as 8-bit RGBA, or RGB when every pixel is opaque (a quarter fewer bytes to
    /// compress). Output depends only on the pixels: the simplified writer adds no time stamps.
    public static func encode(_ image: RGBAImage) throws -> [UInt8] {
        guard image.width > 0, image.height > 0 else {
            throw ImagingError("PNG: cannot encode an empty \(image.width)x\(image.height) image")
        }
        // PNG stores sizes as 31-bit values and libpng's row stride is an Int32.
        guard image.width <= Int(Int32.max) / 4, image.height <= Int(Int32.max) else {
            throw ImagingError("PNG: image is too large to encode (\(image.width)x\(image.height))")
        }
        let opaque = image.isOpaque
        let source = opaque ? dropAlpha(image.pixels) : image.pixels

        // Most textures compress well below their raw size; if the first guess is too small,
        // libpng reports the exact size needed and the second attempt uses it.
        var capacity = source.count / 2 + 4096
        for _ in 0..<2 {
            var png = png_image()
            png.version = UInt32(PNG_IMAGE_VERSION)
            png.width = UInt32(image.width)
            png.height = UInt32(image.height)
            png.format = opaque ? formatRGB : formatRGBA
            defer { png_image_free(&png) }

            var output = [UInt8](repeating: 0, count: capacity)
            var size = capacity
            let ok = source.withUnsafeBytes { raw in
                output.withUnsafeMutableBytes { out in
                    png_image_write_to_memory(&png, out.baseAddress, &size, 0, raw.baseAddress, 0, nil)
                }
            }
            if ok != 0 {
                output.removeSubrange(size...)
                return output
            }
            // Failure with a larger size means "buffer too small"; anything else is an error.
            guard size > capacity else { throw ImagingError("PNG: \(message(of: png))") }
            capacity = size
        }
        throw ImagingError("PNG: libpng kept asking for a larger output buffer")
    }

    // png.h defines PNG_FORMAT_RGBA as an expression of other macros, which Swift cannot
    // import, so the formats are rebuilt from the flag macros it can.
    private static let formatRGB = UInt32(PNG_FORMAT_FLAG_COLOR)
    private static let formatRGBA = UInt32(PNG_FORMAT_FLAG_COLOR | PNG_FORMAT_FLAG_ALPHA)

    private static func dropAlpha(_ rgba: [UInt8]) -> [UInt8] {
        var rgb = [UInt8](repeating: 0, count: rgba.count / 4 * 3)
        rgba.withUnsafeBufferPointer { src in
            rgb.withUnsafeMutableBufferPointer { dst in
                var s = 0, d = 0
                while s < src.count {
                    dst[d] = src[s]
                    dst[d + 1] = src[s + 1]
                    dst[d + 2] = src[s + 2]
                    s += 4
                    d += 3
                }
            }
        }
        return rgb
    }

    /// libpng's error text lives in a fixed char array inside png_image.
    private static func message(of image: png_image) -> String {
        let text = withUnsafeBytes(of: image.message) { raw in
            String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
        }
        return text.isEmpty ? "libpng failed without a message" : text
    }
}
