/// Downscaling for textures that are larger than a web page needs.
public enum ImageResize {
    /// Box/triangle-filtered downscale (never upscale), done in linear light when `srgb` is true (colour textures), plain for data textures.
    ///
    /// The longer side becomes `maxDimension` (at least 1) and the aspect ratio is kept,
    /// rounding the shorter side. Each output pixel is the area-weighted mean of the source
    /// pixels it covers (a box filter with exact fractional coverage), which for integer
    /// ratios equals the mipmap-style box average. With `srgb`, RGB is averaged as linear
    /// light and weighted by alpha, so transparent texels do not bleed their colour into
    /// edges; alpha itself is linear. Without `srgb` (normal, roughness/metal maps) all four
    /// channels are averaged as stored. Images already small enough are returned unchanged.
    public static func downscale(_ image: RGBAImage, maxDimension: Int, srgb: Bool) -> RGBAImage {
        let limit = max(1, maxDimension)
        let longest = max(image.width, image.height)
        guard image.width > 0, image.height > 0, longest > limit else { return image }

        let (newWidth, newHeight) = targetSize(width: image.width, height: image.height, limit: limit)
        let linear = toFloats(image, srgb: srgb)
        // Separable: filter rows down to newWidth, then columns down to newHeight.
        let columns = Weights(source: image.width, destination: newWidth)
        let rows = Weights(source: image.height, destination: newHeight)
        let narrowed = filterHorizontally(linear, width: image.width, height: image.height, weights: columns)
        let result = filterVertically(narrowed, width: newWidth, weights: rows)
        return RGBAImage(width: newWidth, height: newHeight, pixels: toBytes(result, srgb: srgb))
    }

    static func targetSize(width: Int, height: Int, limit: Int) -> (Int, Int) {
        func scaled(_ side: Int) -> Int {
            max(1, Int((Double(side) * Double(limit) / Double(max(width, height))).rounded()))
        }
        return width >= height ? (limit, scaled(height)) : (scaled(width), limit)
    }

    /// For each destination index, the source indices it covers and their coverage weights
    /// (summing to 1), stored flat: entries[starts[i]..<starts[i+1]].
    struct Weights {
        var starts: [Int] = [0]
        var indices: [Int] = []
        var weights: [Float] = []

        init(source: Int, destination: Int) {
            let scale = Double(source) / Double(destination)
            for i in 0..<destination {
                let lo = Double(i) * scale, hi = Double(i + 1) * scale
                var j = Int(lo.rounded(.down))
                while Double(j) < hi && j < source {
                    let overlap = min(hi, Double(j + 1)) - max(lo, Double(j))
                    if overlap > 0 {
                        indices.append(j)
                        weights.append(Float(overlap / scale))
                    }
                    j += 1
                }
                starts.append(indices.count)
            }
        }
    }

    /// Bytes -> floats 0...1; with `srgb`, RGB becomes linear and premultiplied by alpha.
    private static func toFloats(_ image: RGBAImage, srgb: Bool) -> [Float] {
        var out = [Float](repeating: 0, count: image.pixels.count)
        let lut = SRGB.toLinear
        image.pixels.withUnsafeBufferPointer { p in
            out.withUnsafeMutableBufferPointer { o in
                var i = 0
                while i < p.count {
                    if srgb {
                        let a = Float(p[i + 3]) / 255
                        o[i] = lut[Int(p[i])] * a
                        o[i + 1] = lut[Int(p[i + 1])] * a
                        o[i + 2] = lut[Int(p[i + 2])] * a
                        o[i + 3] = a
                    } else {
                        for c in 0..<4 { o[i + c] = Float(p[i + c]) / 255 }
                    }
                    i += 4
                }
            }
        }
        return out
    }

    private static func toBytes(_ values: [Float], srgb: Bool) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: values.count)
        values.withUnsafeBufferPointer { v in
            out.withUnsafeMutableBufferPointer { o in
                var i = 0
                while i < v.count {
                    if srgb {
                        let a = v[i + 3]
                        // Undo the premultiplication; fully transparent texels keep no colour.
                        let inverse: Float = a > 0 ? 1 / a : 0
                        o[i] = SRGB.encode(v[i] * inverse)
                        o[i + 1] = SRGB.encode(v[i + 1] * inverse)
                        o[i + 2] = SRGB.encode(v[i + 2] * inverse)
                        o[i + 3] = unorm(a)
                    } else {
                        for c in 0..<4 { o[i + c] = unorm(v[i + c]) }
                    }
                    i += 4
                }
            }
        }
        return out
    }

    private static func unorm(_ v: Float) -> UInt8 {
        UInt8((min(max(v, 0), 1) * 255).rounded())
    }

    private static func filterHorizontally(_ src: [Float], width: Int, height: Int, weights: Weights) -> [Float] {
        let newWidth = weights.starts.count - 1
        var out = [Float](repeating: 0, count: newWidth * height * 4)
        src.withUnsafeBufferPointer { s in
            out.withUnsafeMutableBufferPointer { o in
                for y in 0..<height {
                    let srcRow = y * width * 4, dstRow = y * newWidth * 4
                    for x in 0..<newWidth {
                        var acc = SIMD4<Float>(repeating: 0)
                        for k in weights.starts[x]..<weights.starts[x + 1] {
                            let si = srcRow + weights.indices[k] * 4
                            acc += SIMD4(s[si], s[si + 1], s[si + 2], s[si + 3]) * weights.weights[k]
                        }
                        let di = dstRow + x * 4
                        o[di] = acc.x; o[di + 1] = acc.y; o[di + 2] = acc.z; o[di + 3] = acc.w
                    }
                }
            }
        }
        return out
    }

    private static func filterVertically(_ src: [Float], width: Int, weights: Weights) -> [Float] {
        let newHeight = weights.starts.count - 1
        let rowLength = width * 4
        var out = [Float](repeating: 0, count: rowLength * newHeight)
        src.withUnsafeBufferPointer { s in
            out.withUnsafeMutableBufferPointer { o in
                for y in 0..<newHeight {
                    let dstRow = y * rowLength
                    for k in weights.starts[y]..<weights.starts[y + 1] {
                        let srcRow = weights.indices[k] * rowLength
                        let w = weights.weights[k]
                        for i in 0..<rowLength { o[dstRow + i] += s[srcRow + i] * w }
                    }
                }
            }
        }
        return out
    }
}
