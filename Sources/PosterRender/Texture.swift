import Imaging
import SceneModel

/// A decoded texture as a mip chain of linear, premultiplied RGBA floats.
///
/// Premultiplied so that filtering across a cut-out edge does not drag the colour of invisible
/// texels into view; linear so that filtering does not darken (colour textures only).
/// The texels live in one manual allocation so the per-pixel sampler (`TextureView`) is plain
/// data: no reference counting in the hot loop, which two threads would otherwise contend on.
final class Texture: @unchecked Sendable {
    private let storage: UnsafeMutablePointer<SIMD4<Float>>
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
        let storage = UnsafeMutablePointer<SIMD4<Float>>.allocate(capacity: total)
        storage.initialize(repeating: .zero, count: total)
        self.storage = storage
        // Per level: offset, width, height.
        let layout = UnsafeMutablePointer<Int>.allocate(capacity: sizes.count * 3)
        self.layout = layout
        for (i, (w, h)) in sizes.enumerated() { layout[i * 3] = offsets[i]; layout[i * 3 + 1] = w; layout[i * 3 + 2] = h }

        let lut = ColorSpace.toLinear
        image.pixels.withUnsafeBufferPointer { p in
            for i in 0..<(image.width * image.height) {
                let a = Float(p[i * 4 + 3]) / 255
                storage[i] = srgb
                    ? SIMD4(lut[Int(p[i * 4])] * a, lut[Int(p[i * 4 + 1])] * a, lut[Int(p[i * 4 + 2])] * a, a)
                    : SIMD4(Float(p[i * 4]) / 255, Float(p[i * 4 + 1]) / 255, Float(p[i * 4 + 2]) / 255, a)
            }
        }
        // Box-filtered mips; odd sizes clamp the missing row/column.
        for level in 1..<sizes.count {
            let (pw, ph) = sizes[level - 1], (w, h) = sizes[level]
            let src = storage + offsets[level - 1], dst = storage + offsets[level]
            for y in 0..<h {
                let y0 = min(y * 2, ph - 1), y1 = min(y * 2 + 1, ph - 1)
                for x in 0..<w {
                    let x0 = min(x * 2, pw - 1), x1 = min(x * 2 + 1, pw - 1)
                    dst[y * w + x] = (src[y0 * pw + x0] + src[y0 * pw + x1] + src[y1 * pw + x0] + src[y1 * pw + x1]) * 0.25
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
}

/// A borrowed, plain-data view of a `Texture` for sampling; valid while the `Texture` lives.
struct TextureView: @unchecked Sendable {
    let texels: UnsafePointer<SIMD4<Float>>
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

    /// Bilinear sample of one level; uv in glTF convention (0,0 = top-left of the image).
    @inline(__always) func bilinear(_ level: Int, _ uv: SIMD2<Float>, _ ws: TextureRef.Wrap, _ wt: TextureRef.Wrap) -> SIMD4<Float> {
        let base = texels + layout[level * 3], w = layout[level * 3 + 1], h = layout[level * 3 + 2]
        let fx = uv.x * Float(w) - 0.5, fy = uv.y * Float(h) - 0.5
        guard fx.isFinite, fy.isFinite, abs(fx) < 1e8, abs(fy) < 1e8 else { return base[0] }
        let x0f = fx.rounded(.down), y0f = fy.rounded(.down)
        let tx = fx - x0f, ty = fy - y0f
        let x0 = Int(x0f), y0 = Int(y0f)
        let xa = TextureView.wrap(x0, w, ws), xb = TextureView.wrap(x0 + 1, w, ws)
        let ya = TextureView.wrap(y0, h, wt), yb = TextureView.wrap(y0 + 1, h, wt)
        let top = base[ya * w + xa] * (1 - tx) + base[ya * w + xb] * tx
        let bottom = base[yb * w + xa] * (1 - tx) + base[yb * w + xb] * tx
        return top * (1 - ty) + bottom * ty
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
