import Dispatch

/// Screen-space triangles → the finished RGBA image.
///
/// The image is cut into horizontal bands of output rows processed in parallel; each band owns
/// its rows and works in its own cache-sized buffers (`BandScratch`), so the result does not
/// depend on thread timing. Per band:
/// 1. visibility — depth test on 1/w (larger is nearer) at every sample, with the alpha test for
///    MASK materials, keeping the winning triangle per sample. Nothing is shaded yet, so
///    overdraw costs a depth test, not a shade;
/// 2. shading, once per output pixel and visible triangle (`shadeVisible`);
/// 3. BLEND triangles back to front (sorted once for all bands), depth-tested against the opaque
///    surface without writing depth, composited "over" per sample;
/// 4. `PixelFinisher`: shadow, background, sRGB.
/// @unchecked Sendable: it reads the frame through plain pointers, which the caller keeps alive.
struct Rasterizer: @unchecked Sendable {
    /// Output size; the triangles are in supersampled pixels (`samplesPerSide` times larger).
    let width: Int
    let height: Int
    let samplesPerSide: Int
    let vertices: UnsafePointer<ScreenVertex>
    let triangles: UnsafePointer<ScreenTriangle>
    let triangleCount: Int
    let shader: Shader
    let finisher: PixelFinisher

    /// Output rows per band: small enough that a band's buffers stay in cache (16 rows at 1024
    /// wide with 2×2 samples is 768 KB), large enough that few triangles straddle two bands.
    static let rowsPerBand = 16

    var sampleWidth: Int { width * samplesPerSide }
    private var sampleRowsPerBand: Int { Rasterizer.rowsPerBand * samplesPerSide }

    func render() -> [UInt8] {
        let bandCount = (height + Rasterizer.rowsPerBand - 1) / Rasterizer.rowsPerBand
        let materials = shader.materials
        let all = (0..<Int32(triangleCount))
        let opaque = TriangleBins(bandCount: bandCount, order: all.filter { !materials[Int(triangles[Int($0)].material)].isBlended },
                                  bands: bands)
        let blendOrder = all.filter { materials[Int(triangles[Int($0)].material)].isBlended }.sorted { a, b in
            let da = triangles[Int(a)].viewDepth, db = triangles[Int(b)].viewDepth
            return da != db ? da > db : a < b
        }
        let blended = TriangleBins(bandCount: bandCount, order: blendOrder, bands: bands)

        let samples = sampleRowsPerBand * sampleWidth, pixels = Rasterizer.rowsPerBand * width
        let pool = ScratchPool { BandScratch(samples: samples, pixels: pixels, samplesPerPixel: samplesPerSide * samplesPerSide) }
        var image = [UInt8](repeating: 0, count: width * height * 4)
        image.withUnsafeMutableBufferPointer { buffer in
            let out = SendablePointer(buffer.baseAddress!)
            DispatchQueue.concurrentPerform(iterations: bandCount) { band in
                pool.with { scratch in
                    renderBand(band, opaque: opaque.triangles(in: band), blended: blended.triangles(in: band),
                               scratch: scratch, out: out.pointer)
                }
            }
        }
        return image
    }

    /// The bands a triangle's sample rows touch, nil when it covers no sample row.
    private func bands(_ index: Int32) -> ClosedRange<Int>? {
        let t = triangles[Int(index)]
        let a = vertices[Int(t.a)], b = vertices[Int(t.b)], c = vertices[Int(t.c)]
        let lo = max(0, firstSample(min(a.y, b.y, c.y)))
        let hi = min(height * samplesPerSide - 1, lastSample(max(a.y, b.y, c.y)))
        return lo <= hi ? (lo / sampleRowsPerBand)...(hi / sampleRowsPerBand) : nil
    }

    private func renderBand(_ band: Int, opaque: UnsafeBufferPointer<Int32>, blended: UnsafeBufferPointer<Int32>,
                            scratch s: BandScratch, out: UnsafeMutablePointer<UInt8>) {
        let rows = (band * Rasterizer.rowsPerBand)..<min(height, (band + 1) * Rasterizer.rowsPerBand)
        let sampleRows = (rows.lowerBound * samplesPerSide)..<(rows.upperBound * samplesPerSide)
        s.clear(samples: sampleRows.count * sampleWidth)

        // 1. Visibility.
        let depth = s.depth, ids = s.ids
        for index in opaque {
            let material = shader.materials + Int(triangles[Int(index)].material)
            if material.pointee.isMasked {
                let cutoff = material.pointee.alphaCutoff
                forEachSample(of: index, in: sampleRows) { i, x, y, z in
                    guard z > depth[i] else { return }
                    if shader.alpha(index, Float(x) + 0.5, Float(y) + 0.5) < cutoff { return }
                    depth[i] = z
                    ids[i] = index
                }
            } else {
                forEachSample(of: index, in: sampleRows) { i, _, _, z in
                    if z > depth[i] {
                        depth[i] = z
                        ids[i] = index
                    }
                }
            }
        }

        // 2. Shading; per-sample colours only when blending needs them.
        shadeVisible(rows: rows, scratch: s, perSample: !blended.isEmpty)

        // 3. Blending, per sample, then the box filter the shading step skipped.
        if !blended.isEmpty {
            let color = s.sampleColor
            for index in blended {
                forEachSample(of: index, in: sampleRows) { i, x, y, z in
                    guard z > depth[i] else { return }
                    let src = shader.shade(index, Float(x) + 0.5, Float(y) + 0.5)
                    color[i] = src + color[i] * (1 - src.w)
                }
            }
            downsample(rows: rows, scratch: s)
        }

        // 4. Shadow, background, encoding.
        finisher.write(rows: rows, from: s.pixelColor, to: out)
    }
}

/// The output image's base address, handed to concurrent bands that write disjoint rows.
struct SendablePointer<T>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<T>
    init(_ pointer: UnsafeMutablePointer<T>) { self.pointer = pointer }
}
