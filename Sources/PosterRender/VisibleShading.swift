// The shading step of `Rasterizer`: from the winning triangle per sample to colour.

extension Rasterizer {
    /// Shades the visible triangles of `rows` like MSAA: within one output pixel, each distinct
    /// surface is shaded once, at the centroid of its samples there (inside the triangle, so
    /// textures and normals stay valid), and the colour stands for all of them. Shading is the
    /// expensive part, and this cuts it from ss² to about one per pixel while edges keep full
    /// supersampled coverage. Writes each pixel's average (premultiplied) to `pixelColor`, and
    /// with `perSample` each sample's colour to `sampleColor` too.
    func shadeVisible(rows: Range<Int>, scratch s: BandScratch, perSample: Bool) {
        let ss = samplesPerSide, sw = sampleWidth
        let ids = s.ids, sampleColor = s.sampleColor
        let scale = 1 / Float(ss * ss), half = Float(ss) * 0.5
        for y in rows {
            let sampleRow = (y - rows.lowerBound) * ss * sw
            let pixelRow = s.pixelColor + (y - rows.lowerBound) * width
            for x in 0..<width {
                let first = sampleRow + x * ss
                // Most pixels show one triangle, or none: shade at the pixel centre.
                let id = ids[first]
                var uniform = true
                for sy in 0..<ss { for sx in 0..<ss where ids[first + sy * sw + sx] != id { uniform = false } }
                if uniform {
                    let color = id < 0 ? .zero : shader.shade(id, Float(x * ss) + half, Float(y * ss) + half)
                    pixelRow[x] = color
                    if perSample { for sy in 0..<ss { for sx in 0..<ss { sampleColor[first + sy * sw + sx] = color } } }
                    continue
                }
                // Several triangles (or triangle and background): group the samples by triangle.
                var distinct = 0
                for sy in 0..<ss {
                    for sx in 0..<ss {
                        let id = ids[first + sy * sw + sx]
                        guard id >= 0 else { continue }
                        var k = 0
                        while k < distinct && s.found[k] != id { k += 1 }
                        if k == distinct { s.found[k] = id; s.counts[k] = 0; s.sums[k] = .zero; distinct += 1 }
                        s.counts[k] += 1
                        s.sums[k] += SIMD2(Float(x * ss + sx) + 0.5, Float(y * ss + sy) + 0.5)
                    }
                }
                let sum = shadeGroups(distinct, s)
                pixelRow[x] = sum * scale
                if perSample {
                    for sy in 0..<ss {
                        for sx in 0..<ss {
                            let id = ids[first + sy * sw + sx]
                            var k = 0
                            while k < distinct && s.found[k] != id { k += 1 }
                            sampleColor[first + sy * sw + sx] = k < distinct ? s.colors[k] : .zero
                        }
                    }
                }
            }
        }
    }

    /// Shades the `distinct` triangles found in one pixel into `s.colors`, returning the sum of
    /// colour × sample count. The triangle with the most samples is shaded at its centroid, and
    /// the others that continue its surface smoothly take its colour instead of a shade of their
    /// own (see `continuesSurface`). Across such a seam every input of the shader is continuous,
    /// so one shade per pixel is as good as it is inside a triangle, and inside a finely
    /// tessellated mesh most pixels with several triangles are such seams. Everything else —
    /// silhouettes, creases, flat shading, material borders, and textured surfaces, where a
    /// texture edge can run along a shared edge and two shades are what anti-alias it — keeps
    /// one shade per triangle.
    @inline(__always) private func shadeGroups(_ distinct: Int, _ s: BandScratch) -> SIMD4<Float> {
        guard distinct > 0 else { return .zero }
        var main = 0
        for k in 1..<distinct where s.counts[k] > s.counts[main] { main = k }
        let mainID = s.found[main]
        let mainCentre = s.sums[main] / Float(s.counts[main])
        let mainColor = shader.shade(mainID, mainCentre.x, mainCentre.y)
        var sum = SIMD4<Float>.zero
        for k in 0..<distinct {
            let color: SIMD4<Float>
            if k == main || continuesSurface(s.found[k], mainID) {
                color = mainColor
            } else {
                let centre = s.sums[k] / Float(s.counts[k])
                color = shader.shade(s.found[k], centre.x, centre.y)
            }
            s.colors[k] = color
            sum += color * Float(s.counts[k])
        }
        return sum
    }

    /// Whether triangles `i` and `j` are neighbours on one smoothly shaded surface: they share
    /// an edge (two vertex indices, so position, normal and colour agree along it), have the same
    /// untextured material, and are front faces with vertex normals (flat shading uses a normal
    /// per triangle, and back faces flip theirs per triangle, both discontinuous at the edge).
    /// Two front faces on one edge lie on opposite sides of it on screen, so a pixel holding both
    /// straddles the edge, where they agree. (A shared vertex alone is not enough: around it the
    /// triangles of a fan can fold over each other at a silhouette.)
    @inline(__always) private func continuesSurface(_ i: Int32, _ j: Int32) -> Bool {
        let a = triangles[Int(i)], b = triangles[Int(j)]
        guard a.material == b.material, a.hasVertexNormals, b.hasVertexNormals, !a.backFacing, !b.backFacing,
              !shader.materials[Int(a.material)].isTextured else { return false }
        let bv = SIMD3(b.a, b.b, b.c)
        var shared = 0
        if any(bv .== SIMD3(repeating: a.a)) { shared += 1 }
        if any(bv .== SIMD3(repeating: a.b)) { shared += 1 }
        if any(bv .== SIMD3(repeating: a.c)) { shared += 1 }
        return shared >= 2
    }

    /// Box-filters each ss×ss block of `sampleColor` into `pixelColor`.
    func downsample(rows: Range<Int>, scratch s: BandScratch) {
        let ss = samplesPerSide, sw = sampleWidth
        let scale = 1 / Float(ss * ss)
        for y in rows {
            let sampleRow = (y - rows.lowerBound) * ss * sw
            for x in 0..<width {
                var sum = SIMD4<Float>.zero
                for sy in 0..<ss { for sx in 0..<ss { sum += s.sampleColor[sampleRow + sy * sw + x * ss + sx] } }
                s.pixelColor[(y - rows.lowerBound) * width + x] = sum * scale
            }
        }
    }
}
