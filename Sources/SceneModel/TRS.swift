/// A transform split into translation, rotation (unit quaternion x, y, z, w) and scale, as glTF
/// prefers and animation needs. `nil` when the matrix has shear or a zero scale and so has no
/// such split.
public struct TRS: Sendable, Equatable {
    public var translation: SIMD3<Float>
    public var rotation: SIMD4<Float>
    public var scale: SIMD3<Float>

    public init?(_ m: Transform) {
        let c = m.columns
        guard c[0].w == 0, c[1].w == 0, c[2].w == 0, c[3].w == 1 else { return nil }
        var x = SIMD3(c[0].x, c[0].y, c[0].z), y = SIMD3(c[1].x, c[1].y, c[1].z), z = SIMD3(c[2].x, c[2].y, c[2].z)
        var s = SIMD3(Self.length(x), Self.length(y), Self.length(z))
        guard s.min() > 1e-12 else { return nil }
        // A mirrored transform: give the reflection to the x scale so the rest is a rotation.
        if Self.dot(Self.cross(x, y), z) < 0 { s.x = -s.x }
        x /= s.x; y /= s.y; z /= s.z
        translation = SIMD3(c[3].x, c[3].y, c[3].z)
        scale = s
        rotation = Self.quaternion(x, y, z)
        // Shear shows up as a rotation part that is not orthonormal: check by rebuilding.
        let rebuilt = Self.matrix(rotation: rotation, scale: s, translation: translation)
        for column in 0..<4 {
            let delta = rebuilt.columns[column] - c[column]
            let difference = max(max(abs(delta.x), abs(delta.y)), max(abs(delta.z), abs(delta.w)))
            let v = c[column]
            let magnitude = max(1, max(max(abs(v.x), abs(v.y)), max(abs(v.z), abs(v.w))))
            guard difference <= 1e-4 * magnitude else { return nil }
        }
    }

    public static func matrix(rotation q: SIMD4<Float>, scale s: SIMD3<Float>, translation t: SIMD3<Float>) -> Transform {
        let (x, y, z, w) = (q.x, q.y, q.z, q.w)
        let r0 = SIMD3(1 - 2 * (y * y + z * z), 2 * (x * y + z * w), 2 * (x * z - y * w))
        let r1 = SIMD3(2 * (x * y - z * w), 1 - 2 * (x * x + z * z), 2 * (y * z + x * w))
        let r2 = SIMD3(2 * (x * z + y * w), 2 * (y * z - x * w), 1 - 2 * (x * x + y * y))
        return Transform(columns: [
            SIMD4(r0 * s.x, 0), SIMD4(r1 * s.y, 0), SIMD4(r2 * s.z, 0), SIMD4(t, 1),
        ])
    }

    /// Rotation matrix (columns x, y, z) → unit quaternion, with w ≥ 0 for a stable output.
    private static func quaternion(_ x: SIMD3<Float>, _ y: SIMD3<Float>, _ z: SIMD3<Float>) -> SIMD4<Float> {
        let (m00, m11, m22) = (x.x, y.y, z.z)
        var q: SIMD4<Float>
        let trace = m00 + m11 + m22
        if trace > 0 {
            let s = (trace + 1).squareRoot() * 2
            q = SIMD4((y.z - z.y) / s, (z.x - x.z) / s, (x.y - y.x) / s, s / 4)
        } else if m00 > m11 && m00 > m22 {
            let s = (1 + m00 - m11 - m22).squareRoot() * 2
            q = SIMD4(s / 4, (y.x + x.y) / s, (z.x + x.z) / s, (y.z - z.y) / s)
        } else if m11 > m22 {
            let s = (1 + m11 - m00 - m22).squareRoot() * 2
            q = SIMD4((y.x + x.y) / s, s / 4, (z.y + y.z) / s, (z.x - x.z) / s)
        } else {
            let s = (1 + m22 - m00 - m11).squareRoot() * 2
            q = SIMD4((z.x + x.z) / s, (z.y + y.z) / s, s / 4, (x.y - y.x) / s)
        }
        if q.w < 0 { q = -q }
        let length = (q * q).sum().squareRoot()
        return q / length
    }

    private static func length(_ v: SIMD3<Float>) -> Float { (v * v).sum().squareRoot() }
    private static func dot(_ a: SIMD3<Float>, _ b: SIMD3<Float>) -> Float { (a * b).sum() }
    private static func cross(_ a: SIMD3<Float>, _ b: SIMD3<Float>) -> SIMD3<Float> {
        SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
    }
}
