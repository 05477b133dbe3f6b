import Dispatch
import Foundation
import Imaging
import SceneModel

/// A decoded texture as a mip chain of linear RGBA, 16 bits per channel; colour textures are
/// premultiplied, data textures (metal/roughness) straight.
///
/// Premultiplied so that filtering across a cut-out edge does not drag the colour of invisible
/// texels into view; linear so that filtering does not darken (colour textures only). 16-bit
/// integers rather than floats: linear light needs more than 8 bits in the darks, 16 are
/// plenty, and half the memory is half the page faults — a poster renders once per process,
/// so every texture page is touched fresh, and a 2048² chain as floats (89 MB) cost more in
/// faults than in converting. The texels live in one manual allocation so the per-pixel
/// sampler (`TextureView`) is plain data: no reference counting in the hot loop, which two
/// threads would otherwise contend on.
final class Texture: @unchecked Sendable {
    typealias Texel = SIMD4<UInt16>
    private let storage: UnsafeMutablePointer<Texel>
    private let layout: UnsafeMutablePointer<Int>
    private let total: Int
    let view: TextureView

    /// `srgb` for colour data (base colour, emissive); false for data (metal/roughness).
    init(_ image: RGBAImage, srgb: Bool) {
        // Level sizes down to 1×1.
        var sizes = [(image.width, image.height)]
        while let (w, h) = sizes.last, w > 1 || h > 1 { sizes.append((max(1, w / 2), max(1, h / 2))) }
        var offsets: [Int] = []
        var total = 0
        for (w, h) in sizes { offsets.append(total); total += w * h }
        self.total = total
        // Every texel is written below (a SIMD of integers is trivial: no zero fill first).
        let storage = UnsafeMutablePointer<Texel>.allocate(capacity: total)
        self.storage = storage
        // Per level: offset, width, height.
        let layout = UnsafeMutablePointer<Int>.allocate(capacity: sizes.count * 3)
        self.layout = layout
        for (i, (w, h)) in sizes.enumerated() { layout[i * 3] = offsets[i]; layout[i * 3 + 1] = w; layout[i * 3 + 2] = h }

        // Rows in parallel (the poster waits for its textures): convert level 0, then box-filter
        // each mip from the one above (rounding to nearest); odd sizes clamp the missing
        // row/column.
        let texels = SendablePointer(storage)
        let lut = ColorSpace.toLinear, pixels = image.pixels, width = image.width
        // Opaque texels (all of a JPEG) are a table lookup per channel.
        let opaque: [UInt16] = (0..<256).map { UInt16(((srgb ? lut[$0] : Float($0) / 255) * 65535).rounded()) }
        Texture.forEachRowChunk(image.height) { rows in
            pixels.withUnsafeBufferPointer { p in
                opaque.withUnsafeBufferPointer { table in
                    for i in (rows.lowerBound * width)..<(rows.upperBound * width) {
                        let r = Int(p[i * 4]), g = Int(p[i * 4 + 1]), b = Int(p[i * 4 + 2]), alpha = p[i * 4 + 3]
                        if alpha == 255 {
                            texels.pointer[i] = Texel(table[r], table[g], table[b], 65535)
                            continue
                        }
                        let a = Float(alpha) / 255
                        // Data textures stay straight: the shader reads their channels as numbers.
                        let linear = srgb ? SIMD4(lut[r] * a, lut[g] * a, lut[b] * a, a)
                            : SIMD4(Float(r) / 255, Float(g) / 255, Float(b) / 255, a)
                        texels.pointer[i] = Texture.quantize(linear)
                    }
                }
            }
        }
        for level in 1..<sizes.count {
            let (pw, ph) = sizes[level - 1], (w, h) = sizes[level]
            let src = SendablePointer(storage + offsets[level - 1]), dst = SendablePointer(storage + offsets[level])
            Texture.forEachRowChunk(h) { rows in
                for y in rows {
                    let y0 = min(y * 2, ph - 1), y1 = min(y * 2 + 1, ph - 1)
                    let above = src.pointer + y0 * pw, below = src.pointer + y1 * pw
                    for x in 0..<w {
                        let x0 = min(x * 2, pw - 1), x1 = min(x * 2 + 1, pw - 1)
                        dst.pointer[y * w + x] = Texture.average(above[x0], above[x1], below[x0], below[x1])
                    }
                }
            }
        }
        view = TextureView(texels: UnsafePointer(storage), layout: UnsafePointer(layout), levelCount: sizes.count)
    }

    deinit {
        storage.deinitialize(count: total)
        storage.deallocate()
        layout.deallocate()
    }

    // Conversions spelled out per channel: the generic SIMD integer conversions are not
    // specialized and cost a hundred times more.

    /// A linear 0...1 value to 16 bits, rounded.
    @inline(__always) static func quantize(_ v: SIMD4<Float>) -> Texel {
        let s = v * 65535 + 0.5
        return Texel(UInt16(s.x), UInt16(s.y), UInt16(s.z), UInt16(s.w))
    }

    /// The rounded mean of four texels (a 2×2 box filter).
    @inline(__always) static func average(_ a: Texel, _ b: Texel, _ c: Texel, _ d: Texel) -> Texel {
        @inline(__always) func mean(_ a: UInt16, _ b: UInt16, _ c: UInt16, _ d: UInt16) -> UInt16 {
            UInt16(truncatingIfNeeded: (UInt32(a) + UInt32(b) + UInt32(c) + UInt32(d) + 2) >> 2)
        }
        return Texel(mean(a.x, b.x, c.x, d.x), mean(a.y, b.y, c.y, d.y), mean(a.z, b.z, c.z, d.z), mean(a.w, b.w, c.w, d.w))
    }

    /// Runs `body` over chunks of 0..<rows, in parallel when there are enough rows to share.
    private static func forEachRowChunk(_ rows: Int, _ body: @Sendable (Range<Int>) -> Void) {
        let chunk = 32
        guard rows > chunk else { return body(0..<rows) }
        DispatchQueue.concurrentPerform(iterations: (rows + chunk - 1) / chunk) { c in
            body((c * chunk)..<min(rows, (c + 1) * chunk))
        }
    }
}

/// A borrowed, plain-data view of a `Texture` for sampling; valid while the `Texture` lives.
struct TextureView: @unchecked Sendable {
    let texels: UnsafePointer<Texture.Texel>
    let layout: UnsafePointer<Int>
    let levelCount: Int

    var width: Int { layout[1] }
    var height: Int { layout[2] }

    @inline(__always) private static func wrap(_ i: Int, _ n: Int, _ mode: TextureRef.Wrap) -> Int {
        switch mode {
        case .clampToEdge: return min(max(i, 0), n - 1)
        case .repeating: let m = i % n; return m < 0 ? m + n : m
        case .mirroredRepeat:
            let period = 2 * n
            var m = i % period
            if m < 0 { m += period }
            return m < n ? m : period - 1 - m
        }
    }

    /// The two texel columns (or rows) a bilinear tap reads, starting at `i`. Inside the image
    /// every wrap mode gives (i, i + 1), so only taps across the border pay for the wrap (an
    /// integer division for the repeating modes).
    @inline(__always) private static func pair(_ i: Int, _ n: Int, _ mode: TextureRef.Wrap) -> (Int, Int) {
        if i >= 0 && i + 1 < n { return (i, i + 1) }
        return (wrap(i, n, mode), wrap(i + 1, n, mode))
    }

    /// Bilinear sample of one level; uv in glTF convention (0,0 = top-left of the image).
    @inline(__always) func bilinear(_ level: Int, _ uv: SIMD2<Float>, _ ws: TextureRef.Wrap, _ wt: TextureRef.Wrap) -> SIMD4<Float> {
        let base = texels + layout[level * 3], w = layout[level * 3 + 1], h = layout[level * 3 + 2]
        @inline(__always) func texel(_ i: Int) -> SIMD4<Float> {
            let t = base[i]
            return SIMD4(Float(t.x), Float(t.y), Float(t.z), Float(t.w))
        }
        let fx = uv.x * Float(w) - 0.5, fy = uv.y * Float(h) - 0.5
        guard fx.isFinite, fy.isFinite, abs(fx) < 1e8, abs(fy) < 1e8 else { return texel(0) * (1 / 65535) }
        let x0 = floorInt(fx), y0 = floorInt(fy)
        let tx = fx - Float(x0), ty = fy - Float(y0)
        let (xa, xb) = TextureView.pair(x0, w, ws)
        let (ya, yb) = TextureView.pair(y0, h, wt)
        let top = texel(ya * w + xa) * (1 - tx) + texel(ya * w + xb) * tx
        let bottom = texel(yb * w + xa) * (1 - tx) + texel(yb * w + xb) * tx
        return (top * (1 - ty) + bottom * ty) * (1 / 65535)
    }

    /// Mip level for this texture from the UV change across one pixel step in x and in y
    /// (the larger footprint wins, as in the usual isotropic approximation).
    @inline(__always) func lod(_ dx: SIMD2<Float>, _ dy: SIMD2<Float>) -> Float {
        let size = SIMD2(Float(width), Float(height))
        let fx = dx * size, fy = dy * size
        let rho = max(fx.x * fx.x + fx.y * fx.y, fy.x * fy.x + fy.y * fy.y)
        // rho is a sum of squares: positive or 0, and NaN/inf only for degenerate derivatives.
        return rho > 0 && rho.isFinite ? 0.5 * mipLog2(rho) : 0
    }

    /// Trilinear sample: `lod` is log2 of texels per pixel (≤ 0 means magnification).
    @inline(__always) func sample(_ uv: SIMD2<Float>, lod: Float, _ ws: TextureRef.Wrap, _ wt: TextureRef.Wrap) -> SIMD4<Float> {
        let l = min(max(lod.isFinite ? lod : 0, 0), Float(levelCount - 1))
        let i = Int(l), t = l - Float(i)
        let a = bilinear(i, uv, ws, wt)
        guard t > 0, i + 1 < levelCount else { return a }
        return a * (1 - t) + bilinear(i + 1, uv, ws, wt) * t
    }
}
