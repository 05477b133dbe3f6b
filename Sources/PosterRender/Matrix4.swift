/// A minimal column-major 4×4 matrix for the camera; SceneModel's `Transform` is array-backed
/// (fine for scene graphs, too slow per vertex), and Linux has no `simd` matrix types.
struct Matrix4: Sendable, Equatable {
    var c0, c1, c2, c3: SIMD4<Float>

    static let identity = Matrix4(c0: SIMD4(1, 0, 0, 0), c1: SIMD4(0, 1, 0, 0), c2: SIMD4(0, 0, 1, 0), c3: SIMD4(0, 0, 0, 1))

    init(c0: SIMD4<Float>, c1: SIMD4<Float>, c2: SIMD4<Float>, c3: SIMD4<Float>) {
        self.c0 = c0; self.c1 = c1; self.c2 = c2; self.c3 = c3
    }

    init(_ t: [SIMD4<Float>]) { self.init(c0: t[0], c1: t[1], c2: t[2], c3: t[3]) }

    @inline(__always) func apply(_ v: SIMD4<Float>) -> SIMD4<Float> { c0 * v.x + c1 * v.y + c2 * v.z + c3 * v.w }

    @inline(__always) func point(_ p: SIMD3<Float>) -> SIMD4<Float> { c0 * p.x + c1 * p.y + c2 * p.z + c3 }

    static func * (a: Matrix4, b: Matrix4) -> Matrix4 {
        Matrix4(c0: a.apply(b.c0), c1: a.apply(b.c1), c2: a.apply(b.c2), c3: a.apply(b.c3))
    }

    /// The inverse-transpose of the upper 3×3 (as three columns), which carries normals correctly
    /// through non-uniform scale; the cofactor matrix is that up to a positive-or-negative scale,
    /// and normals are renormalised anyway, so no determinant division is needed (its sign is
    /// folded back in so mirrored nodes keep outward normals).
    func normalMatrix() -> (SIMD3<Float>, SIMD3<Float>, SIMD3<Float>) {
        let a = SIMD3(c0.x, c0.y, c0.z), b = SIMD3(c1.x, c1.y, c1.z), c = SIMD3(c2.x, c2.y, c2.z)
        let ca = cross(b, c), cb = cross(c, a), cc = cross(a, b)
        let det = dot(a, ca)
        let s: Float = det < 0 ? -1 : 1
        return (ca * s, cb * s, cc * s)
    }

    /// World → view for a camera at `eye` looking at `target` (right-handed, looking down −Z).
    static func lookAt(eye: SIMD3<Float>, target: SIMD3<Float>, up: SIMD3<Float>) -> Matrix4 {
        let f = normalize(target - eye)
        var s = cross(f, up)
        if length(s) < 1e-6 { s = cross(f, abs(f.y) < 0.9 ? SIMD3(0, 1, 0) : SIMD3(1, 0, 0)) }
        s = normalize(s)
        let u = cross(s, f)
        return Matrix4(c0: SIMD4(s.x, u.x, -f.x, 0), c1: SIMD4(s.y, u.y, -f.y, 0), c2: SIMD4(s.z, u.z, -f.z, 0),
                       c3: SIMD4(-dot(s, eye), -dot(u, eye), dot(f, eye), 1))
    }

    /// OpenGL-style projection: clip w is the view distance, visible z is −w...w.
    static func perspective(fovY: Float, aspect: Float, near: Float, far: Float) -> Matrix4 {
        let f = 1 / Float.tan(fovY / 2)
        return Matrix4(c0: SIMD4(f / aspect, 0, 0, 0), c1: SIMD4(0, f, 0, 0),
                       c2: SIMD4(0, 0, (far + near) / (near - far), -1),
                       c3: SIMD4(0, 0, 2 * far * near / (near - far), 0))
    }
}

@inline(__always) func dot(_ a: SIMD3<Float>, _ b: SIMD3<Float>) -> Float { (a * b).sum() }
@inline(__always) func cross(_ a: SIMD3<Float>, _ b: SIMD3<Float>) -> SIMD3<Float> {
    SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
}
@inline(__always) func length(_ a: SIMD3<Float>) -> Float { dot(a, a).squareRoot() }
@inline(__always) func normalize(_ a: SIMD3<Float>) -> SIMD3<Float> {
    let l = length(a)
    return l > 0 ? a / l : a
}
@inline(__always) func xyz(_ v: SIMD4<Float>) -> SIMD3<Float> { SIMD3(v.x, v.y, v.z) }

extension Float {
    static func tan(_ x: Float) -> Float { Float(Foundation.tan(Double(x))) }
}

import Foundation
