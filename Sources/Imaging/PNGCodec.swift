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
            // libpng writes every byte of the buffer, so it is not zeroed first (for a 2048²
            // texture that memset cost about as much as a tenth of the decode).
            var ok: Int32 = 0
            let byteCount = width * height * 4
            let pixels = [UInt8](unsafeUninitializedCapacity: byteCount) { out, count in
                ok = png_image_finish_read(&image, nil, out.baseAddress, 0, nil)
                count = byteCount
            }
            guard ok != 0 else { throw ImagingError("PNG: \(message(of: image))") }
            return RGBAImage(width: width, height: height, pixels: pixels)
        }
    }

    /// Encodes as 8-bit RGBA, or RGB when every pixel is opaque (a quarter fewer bytes to
    /// compress). Output depends only on the pixels: the simplified writer adds no time stamps.
    public static func encode(_ image: RGBAImage) throws -> [UInt8] {
        let opaque = image.isOpaque
        return try write(width: image.width, height: image.height, format: opaque ? formatRGB : formatRGBA,
                         pixels: opaque ? dropAlpha(image.pixels) : image.pixels)
    }

    /// Encodes as an indexed PNG (colour type 3, 8 bits or fewer per pixel), with per-entry
    /// alpha in a tRNS chunk. When every palette entry is opaque the colour map is passed as
    /// RGB, so libpng writes no tRNS at all.
    public static func encodePalette(_ image: PaletteQuantizer.Palettized) throws -> [UInt8] {
        let opaque = image.palette.allSatisfy { $0.w == 255 }
        let colormap = opaque ? image.palette.flatMap { [$0.x, $0.y, $0.z] }
                              : image.palette.flatMap { [$0.x, $0.y, $0.z, $0.w] }
        return try write(width: image.width, height: image.height,
                         format: (opaque ? formatRGB : formatRGBA) | UInt32(PNG_FORMAT_FLAG_COLORMAP),
                         pixels: image.indices, colormap: colormap, colormapEntries: image.palette.count)
    }

    /// The smaller of the palette and truecolour encodings, for posters and thumbnails where
    /// bytes matter more than exact pixels. The palette is skipped when libimagequant cannot
    /// reach `quality.minimumQuality`; on a tie the lossless truecolour file wins.
    /// Deterministic: the same pixels and options give the same bytes.
    public static func encodeSmallest(_ image: RGBAImage, quality: PaletteQuantizer.Options = .init()) throws -> [UInt8] {
        try encodeSmallest(image, qualities: [quality])
    }

    /// The same, trying each palette quality in turn (cheap first) until one is accepted.
    public static func encodeSmallest(_ image: RGBAImage, qualities: [PaletteQuantizer.Options]) throws -> [UInt8] {
        let truecolour = try encode(image)
        for quality in qualities {
            guard let palettized = try PaletteQuantizer.quantize(image, options: quality) else { continue }
            let palette = try encodePalette(palettized)
            return palette.count < truecolour.count ? palette : truecolour
        }
        return truecolour
    }

    /// Runs libpng's simplified writer on `pixels` in `format` (for colour-mapped formats,
    /// one index byte per pixel plus `colormap` in the format without the colour-map flag).
    private static func write(width: Int, height: Int, format: UInt32, pixels: [UInt8],
                              colormap: [UInt8] = [], colormapEntries: Int = 0) throws -> [UInt8] {
        guard width > 0, height > 0 else {
            throw ImagingError("PNG: cannot encode an empty \(width)x\(height) image")
        }
        // PNG stores sizes as 31-bit values and libpng's row stride is an Int32.
        guard width <= Int(Int32.max) / 4, height <= Int(Int32.max) else {
            throw ImagingError("PNG: image is too large to encode (\(width)x\(height))")
        }

        // Most images compress well below their raw size; if the first guess is too small,
        // libpng reports the exact size needed and the second attempt uses it.
        var capacity = pixels.count / 2 + 4096
        for _ in 0..<2 {
            var png = png_image()
            png.version = UInt32(PNG_IMAGE_VERSION)
            png.width = UInt32(width)
            png.height = UInt32(height)
            png.format = format
            png.colormap_entries = UInt32(colormapEntries)
            defer { png_image_free(&png) }

            var output = [UInt8](repeating: 0, count: capacity)
            var size = capacity
            let ok = pixels.withUnsafeBytes { raw in
                colormap.withUnsafeBytes { map in
                    output.withUnsafeMutableBytes { out in
                        png_image_write_to_memory(&png, out.baseAddress, &size, 0, raw.baseAddress, 0, map.baseAddress)
                    }
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
