import Foundation

// A tiny mesh type and the vector maths it needs. The `simd` module is Apple-only, so the few
// functions used here (dot, cross, normalize) are written out; SIMD3/SIMD2 come from the stdlib.

typealias Vec2 = SIMD2<Float>
typealias Vec3 = SIMD3<Float>

@inline(__always) func dot(_ a: Vec3, _ b: Vec3) -> Float { (a * b).sum() }
@inline(__always) func cross(_ a: Vec3, _ b: Vec3) -> Vec3 {
    Vec3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
}
@inline(__always) func length(_ a: Vec3) -> Float { dot(a, a).squareRoot() }
func normalize(_ a: Vec3, fallback: Vec3 = Vec3(0, 1, 0)) -> Vec3 {
    let l = length(a)
    return l > 1e-12 ? a / l : fallback
}
@inline(__always) func mix(_ a: Vec3, _ b: Vec3, _ t: Float) -> Vec3 { a + (b - a) * t }
@inline(__always) func clamp01(_ x: Float) -> Float { min(max(x, 0), 1) }
@inline(__always) func smoothstep(_ e0: Float, _ e1: Float, _ x: Float) -> Float {
    let t = clamp01((x - e0) / (e1 - e0))
    return t * t * (3 - 2 * t)
}

/// An affine transform: `linear` is a 3×3 matrix stored as its three columns.
struct Transform {
    var c0 = Vec3(1, 0, 0), c1 = Vec3(0, 1, 0), c2 = Vec3(0, 0, 1)
    var translation = Vec3(0, 0, 0)

    static let identity = Transform()

    static func translate(_ t: Vec3) -> Transform { Transform(translation: t) }
    static func translate(_ x: Float, _ y: Float, _ z: Float) -> Transform { .translate(Vec3(x, y, z)) }
    static func scale(_ s: Vec3) -> Transform { Transform(c0: Vec3(s.x, 0, 0), c1: Vec3(0, s.y, 0), c2: Vec3(0, 0, s.z)) }
    static func rotateX(_ a: Float) -> Transform {
        let (c, s) = (cos(a), sin(a))
        return Transform(c0: Vec3(1, 0, 0), c1: Vec3(0, c, s), c2: Vec3(0, -s, c))
    }
    static func rotateY(_ a: Float) -> Transform {
        let (c, s) = (cos(a), sin(a))
        return Transform(c0: Vec3(c, 0, -s), c1: Vec3(0, 1, 0), c2: Vec3(s, 0, c))
    }
    static func rotateZ(_ a: Float) -> Transform {
        let (c, s) = (cos(a), sin(a))
        return Transform(c0: Vec3(c, s, 0), c1: Vec3(-s, c, 0), c2: Vec3(0, 0, 1))
    }

    func applyLinear(_ v: Vec3) -> Vec3 { c0 * v.x + c1 * v.y + c2 * v.z }
    func apply(_ p: Vec3) -> Vec3 { applyLinear(p) + translation }
    var determinant: Float { dot(c0, cross(c1, c2)) }
    /// Normals go through the inverse transpose; the cofactor matrix is that times the determinant,
    /// which is enough because normals are re-normalized (the sign is fixed by the caller's det check).
    func applyNormal(_ n: Vec3) -> Vec3 {
        let r0 = cross(c1, c2), r1 = cross(c2, c0), r2 = cross(c0, c1)
        let det = determinant
        return normalize(Vec3(dot(r0, n), dot(r1, n), dot(r2, n)) * (det < 0 ? -1 : 1), fallback: n)
    }

    /// `self * other`: apply `other` first, then `self`.
    static func * (a: Transform, b: Transform) -> Transform {
        Transform(c0: a.applyLinear(b.c0), c1: a.applyLinear(b.c1), c2: a.applyLinear(b.c2),
                  translation: a.apply(b.translation))
    }

    /// Row-major 4×4, as COLLADA's `<matrix>` wants it.
    var rowMajor4x4: [Float] {
        [c0.x, c1.x, c2.x, translation.x,
         c0.y, c1.y, c2.y, translation.y,
         c0.z, c1.z, c2.z, translation.z,
         0, 0, 0, 1]
    }
}

/// Indexed triangles with per-vertex normal, UV and colour. Triangles wind counter-clockwise
/// seen from the side the normal points to (outside).
struct Mesh {
    var positions: [Vec3] = []
    var normals: [Vec3] = []
    var uvs: [Vec2] = []
    /// sRGB 0…1, used by the PLY writer (vertex colours); other formats ignore it.
    var colors: [Vec3] = []
    var triangles: [SIMD3<Int32>] = []

    var vertexCount: Int { positions.count }
    var triangleCount: Int { triangles.count }

    @discardableResult
    mutating func addVertex(_ p: Vec3, _ n: Vec3, _ uv: Vec2 = Vec2(0, 0), color: Vec3 = Vec3(1, 1, 1)) -> Int {
        positions.append(p)
        normals.append(n)
        uvs.append(uv)
        colors.append(color)
        return positions.count - 1
    }

    /// Adds a triangle unless it has no area (poles of a lathe, collapsed loft ends): such
    /// triangles render nothing and some importers count or drop them inconsistently.
    mutating func addTriangle(_ a: Int, _ b: Int, _ c: Int) {
        let area2 = length(cross(positions[b] - positions[a], positions[c] - positions[a]))
        if area2 > 1e-10 { triangles.append(SIMD3(Int32(a), Int32(b), Int32(c))) }
    }

    mutating func append(_ other: Mesh, _ transform: Transform = .identity) {
        let base = Int32(positions.count)
        let flip = transform.determinant < 0
        for i in 0..<other.vertexCount {
            positions.append(transform.apply(other.positions[i]))
            normals.append(transform.applyNormal(other.normals[i]))
            uvs.append(other.uvs[i])
            colors.append(other.colors[i])
        }
        for t in other.triangles {
            triangles.append(flip ? SIMD3(t.x + base, t.z + base, t.y + base) : t &+ SIMD3(repeating: base))
        }
    }

    func transformed(_ transform: Transform) -> Mesh {
        var m = Mesh()
        m.append(self, transform)
        return m
    }

    func colored(_ c: Vec3) -> Mesh {
        var m = self
        m.colors = Array(repeating: c, count: vertexCount)
        return m
    }

    /// Swaps inside and outside (for the inner wall of a shell).
    func flipped() -> Mesh {
        var m = self
        m.normals = normals.map { -$0 }
        m.triangles = triangles.map { SIMD3($0.x, $0.z, $0.y) }
        return m
    }

    var bounds: (min: Vec3, max: Vec3) {
        var lo = Vec3(repeating: .infinity), hi = Vec3(repeating: -.infinity)
        for p in positions { lo = pointwiseMin(lo, p); hi = pointwiseMax(hi, p) }
        return (lo, hi)
    }

    /// Signed volume by the divergence theorem: positive for a closed, outward-wound surface.
    var signedVolume: Float {
        var v: Float = 0
        for t in triangles {
            v += dot(positions[Int(t.x)], cross(positions[Int(t.y)], positions[Int(t.z)]))
        }
        return v / 6
    }
}

extension Mesh {
    /// Winding check after welding equal positions (lathe seams, poles): `flipped` counts
    /// directed edges used twice in the same direction — two neighbours wound against each
    /// other — and `open` counts edges with no opposite (the rim of an open surface).
    var edgeReport: (open: Int, flipped: Int) {
        var ids: [SIMD3<Int32>: Int] = [:]
        let weld = positions.map { p -> Int in
            let key = SIMD3<Int32>((p * 1e5).rounded(.toNearestOrEven))
            if let id = ids[key] { return id }
            ids[key] = ids.count
            return ids.count - 1
        }
        var directed: [SIMD2<Int>: Int] = [:]
        for t in triangles {
            let v = [weld[Int(t.x)], weld[Int(t.y)], weld[Int(t.z)]]
            for k in 0..<3 { directed[SIMD2(v[k], v[(k + 1) % 3]), default: 0] += 1 }
        }
        var open = 0, flipped = 0
        for (edge, count) in directed {
            if count > 1 { flipped += count - 1 }
            if directed[SIMD2(edge.y, edge.x)] == nil { open += 1 }
        }
        return (open, flipped)
    }
}
