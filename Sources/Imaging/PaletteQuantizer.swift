import CImageQuant

/// Reduces an RGBA image to at most 256 colours through libimagequant (pngquant's library).
///
/// Posters and thumbnails are smooth renders with soft, partly transparent shadows; a palette
/// chosen for the image, with dithering to hide banding, keeps them visually intact while an
/// indexed PNG of it is a fraction of the truecolour size. libimagequant also picks per-entry
/// alpha, which a naive palette (or GIF-style single transparent colour) would lose.
public enum PaletteQuantizer {
    /// Settings in libimagequant's own terms, so they mean what pngquant's `--quality`,
    /// `--speed` and `--floyd` mean.
    public struct Options: Sendable, Equatable {
        /// 0–100. Below this the palette is refused (`quantize` returns nil), so the caller
        /// keeps truecolour instead of shipping a visibly degraded image.
        public var minimumQuality: Int
        /// 0–100. libimagequant stops adding colours once this is reached: fewer colours
        /// compress better, and quality beyond it is not visible.
        public var maximumQuality: Int
        /// 1 (slowest, best palette) to 10 (fastest). 4 is libimagequant's default balance.
        public var speed: Int
        /// Floyd–Steinberg strength, 0 (none) to 1 (full). Dithering hides banding in smooth
        /// shading, at some cost in file size.
        public var dithering: Float
        /// libimagequant's quality is an average over the whole image, so a small detail of its
        /// own colour (a gold finial on a terracotta roof) can be mapped to a neighbour's colour
        /// and still pass. When set, the palette is also refused if any two solid 4×4 blocks
        /// change their mean colour by more than this many levels (0–255) in some channel.
        public var maximumDetailError: Int?

        public init(minimumQuality: Int = 70, maximumQuality: Int = 95, speed: Int = 4, dithering: Float = 1,
                    maximumDetailError: Int? = nil) {
            self.minimumQuality = minimumQuality
            self.maximumQuality = maximumQuality
            self.speed = speed
            self.dithering = dithering
            self.maximumDetailError = maximumDetailError
        }
    }

    /// An image as palette indices: pixel i is `palette[Int(indices[i])]`.
    ///
    /// Only `quantize` creates one (the initializer is internal), so every index is within
    /// the palette and `indices.count == width * height`.
    public struct Palettized: Sendable, Equatable {
        public let width: Int
        public let height: Int
        /// Straight-alpha RGBA (x, y, z, w = R, G, B, A), 1 to 256 entries. libimagequant lists
        /// translucent entries first, which keeps a PNG's tRNS chunk short.
        public let palette: [SIMD4<UInt8>]
        /// One palette index per pixel, row-major, top row first.
        public let indices: [UInt8]
    }

    /// The image as a palette and indices, or nil when `options.minimumQuality` cannot be met
    /// (typically photos or noise with too many distinct colours). Throws ImagingError for an
    /// empty or oversized image, options out of range, or a libimagequant failure.
    public static func quantize(_ image: RGBAImage, options: Options = .init()) throws -> Palettized? {
        try ImageLimits.check(width: image.width, height: image.height, format: "palette")

        guard let attr = liq_attr_create() else { throw ImagingError("palette: libimagequant is out of memory") }
        defer { liq_attr_destroy(attr) }
        // Clamping turns absurd Ints into values libimagequant rejects as out of range,
        // instead of trapping in the conversion.
        try check(liq_set_quality(attr, Int32(clamping: options.minimumQuality), Int32(clamping: options.maximumQuality)),
                  "quality \(options.minimumQuality)-\(options.maximumQuality)")
        try check(liq_set_speed(attr, Int32(clamping: options.speed)), "speed \(options.speed)")

        // libimagequant reads the pixels in place, during both quantizing and remapping, so
        // every call that uses the liq_image stays inside this closure.
        return try image.pixels.withUnsafeBytes { raw -> Palettized? in
            // Gamma 0 means "sRGB-like" (1/2.2), which is what our 8-bit pixels are.
            guard let liqImage = liq_image_create_rgba(attr, raw.baseAddress!, Int32(image.width), Int32(image.height), 0) else {
                throw ImagingError("palette: libimagequant refused a \(image.width)x\(image.height) image")
            }
            defer { liq_image_destroy(liqImage) }

            var result: OpaquePointer?
            // Registered before the status check so a result is freed whatever the status.
            defer { if let result { liq_result_destroy(result) } }
            let status = liq_image_quantize(liqImage, attr, &result)
            if status == LIQ_QUALITY_TOO_LOW { return nil }
            try check(status, "quantizing")
            guard let result else { throw ImagingError("palette: libimagequant returned no result") }

            try check(liq_set_dithering_level(result, options.dithering), "dithering \(options.dithering)")
            var indices = [UInt8](repeating: 0, count: image.width * image.height)
            let remapped = indices.withUnsafeMutableBytes { out in
                liq_write_remapped_image(result, liqImage, out.baseAddress!, out.count)
            }
            try check(remapped, "remapping")

            // Read after remapping: libimagequant refines the palette while it remaps.
            guard let liqPalette = liq_get_palette(result) else {
                throw ImagingError("palette: libimagequant returned no palette")
            }
            let count = Int(liqPalette.pointee.count)
            let palette = withUnsafeBytes(of: liqPalette.pointee.entries) { entries in
                // libimagequant leaves an invisible average colour in fully transparent entries;
                // zero keeps decoded clear pixels equal to the usual (0, 0, 0, 0) source.
                entries.bindMemory(to: liq_color.self).prefix(count).map {
                    $0.a == 0 ? SIMD4(repeating: 0) : SIMD4($0.r, $0.g, $0.b, $0.a)
                }
            }
            keepClearAndSolidPixels(&indices, palette: palette, source: image.pixels)
            let palettized = Palettized(width: image.width, height: image.height, palette: palette, indices: indices)
            if let limit = options.maximumDetailError, detailsChanged(image, palettized, limit: limit) { return nil }
            return palettized
        }
    }

    /// libimagequant's Floyd–Steinberg diffuses alpha error too, so next to a soft shadow a
    /// clear pixel can come out at alpha 1–3, and at an object's rim an opaque one slightly
    /// see-through. Posters are shown over any page colour, where such faint halos show, so
    /// pixels that were fully clear or fully opaque are re-pointed at the nearest palette entry
    /// with that same alpha (when the palette has one).
    private static func keepClearAndSolidPixels(_ indices: inout [UInt8], palette: [SIMD4<UInt8>], source: [UInt8]) {
        let clear = palette.firstIndex { $0.w == 0 }
        let solid = palette.indices.filter { palette[$0].w == 255 }
        for i in indices.indices {
            let alpha = source[i * 4 + 3]
            guard alpha == 0 || alpha == 255, palette[Int(indices[i])].w != alpha else { continue }
            if alpha == 0 {
                if let clear { indices[i] = UInt8(clear) }
            } else {
                let rgb = SIMD3<Int>(Int(source[i * 4]), Int(source[i * 4 + 1]), Int(source[i * 4 + 2]))
                func distance(_ entry: Int) -> Int {
                    let d = SIMD3<Int>(Int(palette[entry].x), Int(palette[entry].y), Int(palette[entry].z)) &- rgb
                    return (d &* d).wrappedSum()
                }
                if let nearest = solid.min(by: { distance($0) < distance($1) }) { indices[i] = UInt8(nearest) }
            }
        }
    }

    /// Whether at least two fully opaque 4×4 blocks changed their mean colour by more than
    /// `limit` in a channel. Means, not pixels: dithering moves single pixels a lot while
    /// keeping each small area's average, which is what the eye sees.
    static func detailsChanged(_ image: RGBAImage, _ palettized: Palettized, limit: Int) -> Bool {
        let block = 4
        var changed = 0
        for top in stride(from: 0, through: image.height - block, by: block) {
            for left in stride(from: 0, through: image.width - block, by: block) {
                var before = SIMD3<Int>.zero, after = SIMD3<Int>.zero, solid = true
                for y in top..<top + block {
                    for x in left..<left + block {
                        let i = y * image.width + x
                        guard image.pixels[i * 4 + 3] == 255 else { solid = false; break }
                        before &+= SIMD3(Int(image.pixels[i * 4]), Int(image.pixels[i * 4 + 1]), Int(image.pixels[i * 4 + 2]))
                        let entry = palettized.palette[Int(palettized.indices[i])]
                        after &+= SIMD3(Int(entry.x), Int(entry.y), Int(entry.z))
                    }
                    if !solid { break }
                }
                guard solid else { continue }
                let difference = (before &- after) / (block * block)
                if max(abs(difference.x), abs(difference.y), abs(difference.z)) > limit {
                    changed += 1
                    if changed >= 2 { return true }
                }
            }
        }
        return false
    }

    private static func check(_ status: liq_error, _ what: String) throws {
        guard status != LIQ_OK else { return }
        throw ImagingError("palette: libimagequant failed at \(what) (liq_error \(status.rawValue))")
    }
}
