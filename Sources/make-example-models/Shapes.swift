import Foundation

// Mesh builders: lathe (surface of revolution), parametric grid (lofts), box, cylinder, sphere,
// torus. All return meshes wound counter-clockwise seen from outside, Y up.

extension Mesh {
    /// Revolves `profile` — points `(radius, y)` listed from bottom to top along the outside —
    /// around the Y axis. Normals come from the profile's tangent, so a smooth profile gives a
    /// smooth surface; pass separate profiles (separate calls) where a hard edge is wanted.
    /// UVs: u goes once around (seam at +Z, increasing towards +X), v is the arc length along
    /// the profile from 0 at its first point to 1 at its last.
    static func lathe(_ profile: [Vec2], segments: Int, color: Vec3 = Vec3(1, 1, 1),
                      startAngle: Float = 0, sweep: Float = 2 * .pi) -> Mesh {
        precondition(profile.count >= 2 && segments >= 3)
        var arc: [Float] = [0]
        for k in 1..<profile.count {
            let d = profile[k] - profile[k - 1]
            arc.append(arc[k - 1] + (d * d).sum().squareRoot())
        }
        let total = max(arc.last!, 1e-9)
        var mesh = Mesh()
        for i in 0...segments {
            let theta = startAngle + sweep * Float(i) / Float(segments)
            let (s, c) = (sin(theta), cos(theta))
            for k in 0..<profile.count {
                let prev = profile[max(k - 1, 0)], next = profile[min(k + 1, profile.count - 1)]
                let t = next - prev
                var n2 = Vec2(t.y, -t.x)
                let l = (n2 * n2).sum().squareRoot()
                n2 = l > 1e-12 ? n2 / l : Vec2(1, 0)
                // cos(±π/2) is not exactly 0 in Float: snap such radii so poles weld into one point.
                let p = Vec2(abs(profile[k].x) < 1e-6 ? 0 : profile[k].x, profile[k].y)
                mesh.addVertex(Vec3(p.x * s, p.y, p.x * c), Vec3(n2.x * s, n2.y, n2.x * c),
                               Vec2(Float(i) / Float(segments), arc[k] / total), color: color)
            }
        }
        let n = profile.count
        for i in 0..<segments {
            for k in 0..<(n - 1) {
                let a = i * n + k, b = (i + 1) * n + k, c = (i + 1) * n + k + 1, d = i * n + k + 1
                mesh.addTriangle(a, b, c)
                mesh.addTriangle(a, c, d)
            }
        }
        return mesh
    }

    /// A `(cols+1)×(rows+1)` grid of points `f(s, t)`, s and t in 0…1, triangulated so that the
    /// normal points along ∂f/∂s × ∂f/∂t. Normals are area-weighted face normals, which copes
    /// with collapsed rows (the pointed ends of a hull or a fish). `wrapS` welds the normals of
    /// the first and last columns when the surface is closed around s.
    static func grid(cols: Int, rows: Int, color: Vec3 = Vec3(1, 1, 1), wrapS: Bool = false,
                     _ f: (Float, Float) -> Vec3) -> Mesh {
        var mesh = Mesh()
        let w = cols + 1
        for j in 0...rows {
            for i in 0...cols {
                let s = Float(i) / Float(cols), t = Float(j) / Float(rows)
                mesh.addVertex(f(s, t), Vec3(0, 0, 0), Vec2(s, t), color: color)
            }
        }
        var acc = Array(repeating: Vec3(0, 0, 0), count: mesh.vertexCount)
        for j in 0..<rows {
            for i in 0..<cols {
                let a = j * w + i, b = j * w + i + 1, c = (j + 1) * w + i + 1, d = (j + 1) * w + i
                for (x, y, z) in [(a, b, c), (a, c, d)] {
                    let fn = cross(mesh.positions[y] - mesh.positions[x], mesh.positions[z] - mesh.positions[x])
                    acc[x] += fn; acc[y] += fn; acc[z] += fn
                }
                mesh.addTriangle(a, b, c)
                mesh.addTriangle(a, c, d)
            }
        }
        if wrapS {
            for j in 0...rows {
                let sum = acc[j * w] + acc[j * w + cols]
                acc[j * w] = sum; acc[j * w + cols] = sum
            }
        }
        mesh.normals = acc.map { normalize($0) }
        return mesh
    }

    /// One flat quad `o, o+u, o+u+v, o+v`; its front is the side `u × v` points to.
    mutating func addQuad(_ o: Vec3, _ u: Vec3, _ v: Vec3, color: Vec3 = Vec3(1, 1, 1),
                          uvScale: Vec2 = Vec2(1, 1)) {
        let n = normalize(cross(u, v))
        let a = addVertex(o, n, Vec2(0, 0), color: color)
        let b = addVertex(o + u, n, Vec2(uvScale.x, 0), color: color)
        let c = addVertex(o + u + v, n, uvScale, color: color)
        let d = addVertex(o + v, n, Vec2(0, uvScale.y), color: color)
        addTriangle(a, b, c)
        addTriangle(a, c, d)
    }

    /// An axis-aligned box with flat faces (24 vertices, 12 triangles).
    static func box(min lo: Vec3, max hi: Vec3, color: Vec3 = Vec3(1, 1, 1)) -> Mesh {
        let d = hi - lo
        var m = Mesh()
        m.addQuad(Vec3(hi.x, lo.y, hi.z), Vec3(0, 0, -d.z), Vec3(0, d.y, 0), color: color)  // +X
        m.addQuad(Vec3(lo.x, lo.y, lo.z), Vec3(0, 0, d.z), Vec3(0, d.y, 0), color: color)   // −X
        m.addQuad(Vec3(lo.x, hi.y, hi.z), Vec3(d.x, 0, 0), Vec3(0, 0, -d.z), color: color)  // +Y
        m.addQuad(Vec3(lo.x, lo.y, lo.z), Vec3(d.x, 0, 0), Vec3(0, 0, d.z), color: color)   // −Y
        m.addQuad(Vec3(lo.x, lo.y, hi.z), Vec3(d.x, 0, 0), Vec3(0, d.y, 0), color: color)   // +Z
        m.addQuad(Vec3(hi.x, lo.y, lo.z), Vec3(-d.x, 0, 0), Vec3(0, d.y, 0), color: color)  // −Z
        return m
    }

    /// A box centred on x and z, standing on `y = 0`.
    static func box(size: Vec3, color: Vec3 = Vec3(1, 1, 1)) -> Mesh {
        box(min: Vec3(-size.x / 2, 0, -size.z / 2), max: Vec3(size.x / 2, size.y, size.z / 2), color: color)
    }

    /// A cylinder standing on `y = 0`, with flat caps and a hard edge between side and caps.
    static func cylinder(radius: Float, height: Float, segments: Int, caps: Bool = true,
                         color: Vec3 = Vec3(1, 1, 1)) -> Mesh {
        var m = lathe([Vec2(radius, 0), Vec2(radius, height)], segments: segments, color: color)
        if caps {
            m.append(lathe([Vec2(0, 0), Vec2(radius, 0)], segments: segments, color: color))
            m.append(lathe([Vec2(radius, height), Vec2(0, height)], segments: segments, color: color))
        }
        return m
    }

    /// A UV sphere centred on the origin; `stretchY` makes an ellipsoid.
    static func sphere(radius: Float, segments: Int, rings: Int, stretchY: Float = 1,
                       color: Vec3 = Vec3(1, 1, 1)) -> Mesh {
        let profile = (0...rings).map { k -> Vec2 in
            let phi = -Float.pi / 2 + Float.pi * Float(k) / Float(rings)
            return Vec2(radius * cos(phi), radius * stretchY * sin(phi))
        }
        return lathe(profile, segments: segments, color: color)
    }

    /// A torus lying in the XZ plane around the Y axis.
    static func torus(major: Float, minor: Float, segments: Int, sides: Int,
                      color: Vec3 = Vec3(1, 1, 1)) -> Mesh {
        // Counter-clockwise in the (r, y) plane, starting at the inner point, so that the lathe's
        // "normal to the right of the direction of travel" points away from the tube's centre.
        let profile = (0...sides).map { k -> Vec2 in
            let phi = -Float.pi + 2 * Float.pi * Float(k) / Float(sides)
            return Vec2(major + minor * cos(phi), minor * sin(phi))
        }
        return lathe(profile, segments: segments, color: color)
    }
}
