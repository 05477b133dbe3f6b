/// The last step for each output pixel, after its samples are averaged (premultiplied, linear):
/// composite over the contact shadow and the background, then encode to 8-bit sRGB with
/// straight alpha.
struct PixelFinisher {
    let width: Int
    let height: Int
    let shadow: ContactShadow
    /// Camera basis and half-extents of the view at distance 1, to turn a pixel into a view ray.
    let forward: SIMD3<Float>
    let right: SIMD3<Float>
    let up: SIMD3<Float>
    let tanX: Float
    let tanY: Float
    /// Linear, premultiplied; nil leaves the background transparent.
    let background: SIMD4<Float>?

    /// 1 inside, falling to 0 over the outermost `fade` pixels: a shadow that reaches the frame
    /// fades out instead of ending in a hard line (visible on a page or a sharing card).
    @inline(__always) func edgeFade(_ x: Int, _ y: Int) -> Float {
        let fade = max(2, Float(min(width, height)) * 0.06)
        let d = Float(min(x, y, width - 1 - x, height - 1 - y)) + 0.5
        let s = min(d / fade, 1)
        return s * s * (3 - 2 * s)
    }

    /// Writes output rows `rows` from `color` (those rows, `width` pixels each) into `out`
    /// (the whole RGBA image, zero-filled).
    func write(rows: Range<Int>, from color: UnsafePointer<SIMD4<Float>>, to out: UnsafeMutablePointer<UInt8>) {
        ColorSpace.encodeTable.withUnsafeBufferPointer { table in
            for y in rows {
                let ndcY = 1 - 2 * (Float(y) + 0.5) / Float(height)
                let source = color + (y - rows.lowerBound) * width
                let target = out + y * width * 4
                for x in 0..<width {
                    var c = source[x]
                    // Opaque pixels hide the shadow and the background; skip the ray.
                    if c.w < 1 {
                        let ndcX = 2 * (Float(x) + 0.5) / Float(width) - 1
                        let ray = forward + right * (ndcX * tanX) + up * (ndcY * tanY)
                        c.w += shadow.alpha(direction: ray) * edgeFade(x, y) * (1 - c.w)
                        if let background { c += background * (1 - c.w) }
                    }
                    let a = min(max(c.w, 0), 1)
                    guard a > 0 else { continue }  // the image starts transparent black
                    let straight = a == 1 ? c : c / a  // most pixels are opaque: skip the divide
                    target[x * 4] = ColorSpace.encode(straight.x, table)
                    target[x * 4 + 1] = ColorSpace.encode(straight.y, table)
                    target[x * 4 + 2] = ColorSpace.encode(straight.z, table)
                    target[x * 4 + 3] = UInt8(a * 255 + 0.5)  // rounds (a ≥ 0) without a libm call
                }
            }
        }
    }
}
