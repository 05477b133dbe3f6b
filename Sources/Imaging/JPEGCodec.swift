import CImageShims

/// JPEG through libjpeg-turbo. The libjpeg calls run inside CImageShims, which owns the
/// setjmp guard libjpeg's error handling requires; this file only moves bytes and converts
/// the rare CMYK files, which libjpeg cannot turn into RGB itself.
public enum JPEGCodec {
    public static func decode(_ bytes: [UInt8]) throws -> RGBAImage {
        guard !bytes.isEmpty else { throw ImagingError("JPEG: empty input") }
        var output: UnsafeMutablePointer<UInt8>? = nil
        var width: Int32 = 0, height: Int32 = 0, layout: Int32 = 0
        var errorText = [CChar](repeating: 0, count: 256)
        let status = bytes.withUnsafeBufferPointer { input in
            errorText.withUnsafeMutableBufferPointer { error in
                svjpeg_decode(input.baseAddress, input.count, ImageLimits.maxPixels,
                              &output, &width, &height, &layout, error.baseAddress, error.count)
            }
        }
        guard status == 0, let output else { throw ImagingError("JPEG: \(text(errorText))") }
        defer { svjpeg_free(output) }

        let w = Int(width), h = Int(height)
        var pixels = Array(UnsafeBufferPointer(start: output, count: w * h * 4))
        switch UInt32(bitPattern: layout) {
        case SVJPEG_CMYK.rawValue: cmykToRGBA(&pixels, inverted: false)
        case SVJPEG_CMYK_INVERTED.rawValue: cmykToRGBA(&pixels, inverted: true)
        default: break
        }
        return RGBAImage(width: w, height: h, pixels: pixels)
    }

    /// Baseline JFIF with optimized Huffman tables (every decoder reads it; smaller than
    /// default tables). Alpha is dropped: JPEG has no alpha channel. Quality is clamped to 1...100.
    public static func encode(_ image: RGBAImage, quality: Int = 85) throws -> [UInt8] {
        // libjpeg's own limit; checked here too so the Int32 conversions below cannot trap.
        guard (1...65500).contains(image.width), (1...65500).contains(image.height) else {
            throw ImagingError("JPEG: cannot encode a \(image.width)x\(image.height) image (each side must be 1...65500)")
        }
        var output: UnsafeMutablePointer<UInt8>? = nil
        var size: UInt = 0
        var errorText = [CChar](repeating: 0, count: 256)
        let status = image.pixels.withUnsafeBufferPointer { rgba in
            errorText.withUnsafeMutableBufferPointer { error in
                svjpeg_encode_rgba(rgba.baseAddress, Int32(image.width), Int32(image.height),
                                   Int32(min(max(quality, 1), 100)),
                                   &output, &size, error.baseAddress, error.count)
            }
        }
        guard status == 0, let output else { throw ImagingError("JPEG: \(text(errorText))") }
        defer { svjpeg_free(output) }
        return Array(UnsafeBufferPointer(start: output, count: Int(size)))
    }

    /// CMYK -> RGB by the naive complement formula, which is what browsers do without a
    /// colour profile. Adobe files store inverted values, i.e. (255 - ink).
    private static func cmykToRGBA(_ pixels: inout [UInt8], inverted: Bool) {
        pixels.withUnsafeMutableBufferPointer { p in
            var i = 0
            while i < p.count {
                // "Paper" amounts: 255 means no ink.
                var c = Int(p[i]), m = Int(p[i + 1]), y = Int(p[i + 2]), k = Int(p[i + 3])
                if !inverted { c = 255 - c; m = 255 - m; y = 255 - y; k = 255 - k }
                p[i] = UInt8((c * k + 127) / 255)
                p[i + 1] = UInt8((m * k + 127) / 255)
                p[i + 2] = UInt8((y * k + 127) / 255)
                p[i + 3] = 255
                i += 4
            }
        }
    }

    private static func text(_ buffer: [CChar]) -> String {
        let bytes = buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }
        return bytes.isEmpty ? "libjpeg failed without a message" : String(decoding: bytes, as: UTF8.self)
    }
}
