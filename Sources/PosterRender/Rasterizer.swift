import Dispatch

/// Screen-space triangles → premultiplied linear colour at the supersampled resolution.
///
/// The image is cut into horizontal bands processed in parallel; each band owns its rows, so
/// the result does not depend on thread timing. Per band: (1) visibility — depth test on 1/w
/// (larger is nearer) with the alpha test for MASK materials, keeping the winning triangle per
/// pixel; (2) shade each covered pixel once; (3) BLEND triangles back to front (sorted once for
/// all bands), depth-tested against the opaque surface without writing depth, composited "over".
struct Rasterizer {
    let width: Int
    let height: Int
    let geometry: ScreenGeometry
    let shader: Shader
    /// Samples per output pixel side; bands hold whole output rows so shading can be shared.
    let samplesPerSide: Int

    var bandHeight: Int { samplesPerSide * 16 }

    func render() -> PixelBuffer<SIMD4<Float>> {
        let color = PixelBuffer<SIMD4<Float>>(count: width * height, value: .zero)
        let depth = PixelBuffer<Float>(count: width * height, value: 0)
        let ids = PixelBuffer<Int32>(count: width * height, value: -1)
        let bandCount = (height + bandHeight - 1) / bandHeight

        // Bin triangle indices by band, in submission order (opaque) and back-to-front (blend).
        var opaqueBins = [[Int32]](repeating: [], count: bandCount)
        var blendBins = [[Int32]](repeating: [], count: bandCount)
        let blended = geometry.triangles.indices.filter { shader.materials[Int(geometry.triangles[$0].material)].isBlended }
            .sorted { a, b in
                let da = geometry.triangles[a].viewDepth, db = geometry.triangles[b].viewDepth
                return da != db ? da > db : a < b
            }
        func rows(_ t: ScreenTriangle) -> ClosedRange<Int>? {
            let v = geometry.vertices
            let minY = min(v[Int(t.a)].y, v[Int(t.b)].y, v[Int(t.c)].y)
            let maxY = max(v[Int(t.a)].y, v[Int(t.b)].y, v[Int(t.c)].y)
            let lo = max(0, Int((minY - 0.5).rounded(.up))), hi = min(height - 1, Int((maxY - 0.5).rounded(.down)))
            return lo <= hi ? (lo / bandHeight)...(hi / bandHeight) : nil
        }
        for (i, t) in geometry.triangles.enumerated() where !shader.materials[Int(t.material)].isBlended {
            guard let r = rows(t) else { continue }
            for band in r { opaqueBins[band].append(Int32(i)) }
        }
        for i in blended {
            guard let r = rows(geometry.triangles[i]) else { continue }
            for band in r { blendBins[band].append(Int32(i)) }
        }

        let opaqueBinsFinal = opaqueBins, blendBinsFinal = blendBins
        DispatchQueue.concurrentPerform(iterations: bandCount) { band in
            let y0 = band * bandHeight, y1 = min(height, y0 + bandHeight)
            for index in opaqueBinsFinal[band] {
                let masked = shader.materials[Int(geometry.triangles[Int(index)].material)].isMasked
                let cutoff = shader.materials[Int(geometry.triangles[Int(index)].material)].alphaCutoff
                scan(index, y0, y1) { p, px, py, z in
                    guard z > depth[p] else { return }
                    if masked && shader.alpha(index, px, py) < cutoff { return }
                    depth[p] = z
                    ids[p] = index
                }
            }
            shadeResolved(y0, y1, ids, color)
            for index in blendBinsFinal[band] {
                scan(index, y0, y1) { p, px, py, z in
                    guard z > depth[p] else { return }
                    let src = shader.shade(index, px, py)
                    color[p] = src + color[p] * (1 - src.w)
                }
            }
        }
        return color
    }

    /// Shades opaque samples like MSAA: within one output pixel, each distinct triangle is shaded
    /// once, at the centroid of its samples there (inside the triangle, so textures and normals
    /// stay valid), and the colour goes to all of them. Shading is the expensive part, and this
    /// cuts it from ss² to about one per pixel while edges keep full supersampled coverage.
    private func shadeResolved(_ y0: Int, _ y1: Int, _ ids: PixelBuffer<Int32>, _ color: PixelBuffer<SIMD4<Float>>) {
        let ss = samplesPerSide
        var found = [Int32](repeating: 0, count: ss * ss)
        var counts = [Float](repeating: 0, count: ss * ss)
        var sums = [SIMD2<Float>](repeating: .zero, count: ss * ss)
        var oy = y0
        while oy < y1 {
            var ox = 0
            while ox < width {
                var distinct = 0
                for sy in 0..<ss {
                    for sx in 0..<ss {
                        let id = ids[(oy + sy) * width + ox + sx]
                        guard id >= 0 else { continue }
                        var k = 0
                        while k < distinct && found[k] != id { k += 1 }
                        if k == distinct { found[k] = id; counts[k] = 0; sums[k] = .zero; distinct += 1 }
                        counts[k] += 1
                        sums[k] += SIMD2(Float(ox + sx) + 0.5, Float(oy + sy) + 0.5)
                    }
                }
                for k in 0..<distinct {
                    let centre = sums[k] / counts[k]
                    let shaded = shader.shade(found[k], centre.x, centre.y)
                    for sy in 0..<ss {
                        for sx in 0..<ss where ids[(oy + sy) * width + ox + sx] == found[k] {
                            color[(oy + sy) * width + ox + sx] = shaded
                        }
                    }
                }
                ox += ss
            }
            oy += ss
        }
    }

    /// Calls `body(pixelIndex, centreX, centreY, 1/w)` for each pixel centre of rows y0..<y1
    /// inside the triangle. Edge functions run in Double on 1/16-snapped vertices, so they are
    /// exact; a centre exactly on an edge belongs to one side only (a top-left style tie rule),
    /// so meshes are watertight with no double coverage.
    @inline(__always) private func scan(_ index: Int32, _ y0: Int, _ y1: Int, _ body: (Int, Float, Float, Float) -> Void) {
        let t = geometry.triangles[Int(index)]
        let a = geometry.vertices[Int(t.a)], b = geometry.vertices[Int(t.b)], c = geometry.vertices[Int(t.c)]
        let minX = max(0, Int((min(a.x, b.x, c.x) - 0.5).rounded(.up)))
        let maxX = min(width - 1, Int((max(a.x, b.x, c.x) - 0.5).rounded(.down)))
        let minY = max(y0, Int((min(a.y, b.y, c.y) - 0.5).rounded(.up)))
        let maxY = min(y1 - 1, Int((max(a.y, b.y, c.y) - 0.5).rounded(.down)))
        guard minX <= maxX, minY <= maxY else { return }
        let ax = Double(a.x), ay = Double(a.y), bx = Double(b.x), by = Double(b.y), cx = Double(c.x), cy = Double(c.y)
        // Edge k opposite vertex k: e(p) = (end − start) × (p − start); positive inside.
        let dx0 = cx - bx, dy0 = cy - by, dx1 = ax - cx, dy1 = ay - cy, dx2 = bx - ax, dy2 = by - ay
        let area = dx2 * (cy - ay) - dy2 * (cx - ax)
        guard area > 0 else { return }
        @inline(__always) func owns(_ dx: Double, _ dy: Double) -> Bool { dy > 0 || (dy == 0 && dx < 0) }
        let own0 = owns(dx0, dy0), own1 = owns(dx1, dy1), own2 = owns(dx2, dy2)
        let iw0 = Double(a.invW) / area, iw1 = Double(b.invW) / area, iw2 = Double(c.invW) / area
        let startX = Double(minX) + 0.5
        for y in minY...maxY {
            let py = Double(y) + 0.5
            var e0 = dx0 * (py - by) - dy0 * (startX - bx)
            var e1 = dx1 * (py - cy) - dy1 * (startX - cx)
            var e2 = dx2 * (py - ay) - dy2 * (startX - ax)
            let row = y * width
            for x in minX...maxX {
                if (e0 > 0 || (e0 == 0 && own0)) && (e1 > 0 || (e1 == 0 && own1)) && (e2 > 0 || (e2 == 0 && own2)) {
                    let z = Float(e0 * iw0 + e1 * iw1 + e2 * iw2)
                    body(row + x, Float(x) + 0.5, Float(py), z)
                }
                e0 -= dy0; e1 -= dy1; e2 -= dy2
            }
        }
    }
}
