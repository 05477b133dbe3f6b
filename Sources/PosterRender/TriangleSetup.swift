import Dispatch

/// Per-triangle constants for shading, computed once per frame (in parallel) instead of at every
/// shaded pixel.
///
/// The perspective-correct vertex weights at a screen point are q / (q.x + q.y + q.z), where
/// q_k = λ_k / w_k (λ the screen-space barycentrics) is linear in screen x and y. Storing q as
/// planes makes a weight lookup two multiply-adds, and because it is linear its screen
/// derivatives are exact constants: the UV footprint for mip selection comes out analytically,
/// where finite differences would cost two more weight and UV evaluations per texture.
struct TriangleSetup {
    /// Planes are evaluated relative to vertex a, which keeps Float precision where the
    /// triangle is (absolute pixel coordinates would cancel catastrophically).
    var origin: SIMD2<Float>
    /// q at `origin` (xyz) and its sum (w); then the same for ∂q/∂x and ∂q/∂y. Carrying the sum
    /// in w means evaluating the plane also evaluates the denominator.
    var q: SIMD4<Float>
    var qdx: SIMD4<Float>
    var qdy: SIMD4<Float>
    /// Σ ∂q_k/∂x · uv_k (xy) and Σ ∂q_k/∂y · uv_k (zw): numerators of the UV derivatives.
    var uvGradient: SIMD4<Float>

    init(_ a: ScreenVertex, _ b: ScreenVertex, _ c: ScreenVertex) {
        origin = SIMD2(a.x, a.y)
        // Edge function k (opposite vertex k) is area at vertex k and 0 on its edge; divided by
        // the area it is λ_k. At vertex a: λ = (1, 0, 0).
        let area = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
        let inv = area != 0 ? 1 / area : 0
        let ddx = SIMD3(b.y - c.y, c.y - a.y, a.y - b.y) * inv
        let ddy = SIMD3(c.x - b.x, a.x - c.x, b.x - a.x) * inv
        let invW = SIMD3(a.invW, b.invW, c.invW)
        let q3 = SIMD3(a.invW, 0, 0), qdx3 = ddx * invW, qdy3 = ddy * invW
        q = SIMD4(q3, q3.x + q3.y + q3.z)
        qdx = SIMD4(qdx3, qdx3.x + qdx3.y + qdx3.z)
        qdy = SIMD4(qdy3, qdy3.x + qdy3.y + qdy3.z)
        let uvx = a.uv * qdx3.x + b.uv * qdx3.y + c.uv * qdx3.z
        let uvy = a.uv * qdy3.x + b.uv * qdy3.y + c.uv * qdy3.z
        uvGradient = SIMD4(uvx.x, uvx.y, uvy.x, uvy.y)
    }

    /// Unnormalized weights (xyz) and their sum (w) at screen point (px, py).
    @inline(__always) func weights(_ px: Float, _ py: Float) -> SIMD4<Float> {
        q + qdx * (px - origin.x) + qdy * (py - origin.y)
    }

    /// UV change per (supersampled) pixel step in x and y at a point with weights `q` and
    /// interpolated `uv`: the quotient rule on uv = Σ q_k uv_k / Σ q_k.
    @inline(__always) func uvDerivatives(_ q: SIMD4<Float>, _ uv: SIMD2<Float>) -> (SIMD2<Float>, SIMD2<Float>) {
        let inv = 1 / q.w
        let dx = (SIMD2(uvGradient.x, uvGradient.y) - uv * qdx.w) * inv
        let dy = (SIMD2(uvGradient.z, uvGradient.w) - uv * qdy.w) * inv
        return (dx, dy)
    }
}

extension TriangleSetup {
    /// Setups for every triangle, computed in parallel chunks.
    static func all(vertices: FixedArray<ScreenVertex>, triangles: FixedArray<ScreenTriangle>) -> FixedArray<TriangleSetup> {
        let zero = TriangleSetup(ScreenVertex.zero, .zero, .zero)
        let setups = FixedArray(count: triangles.count, value: zero)
        let chunk = 4096, chunks = (triangles.count + chunk - 1) / chunk
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            for i in (c * chunk)..<min(triangles.count, (c + 1) * chunk) {
                let t = triangles[i]
                setups[i] = TriangleSetup(vertices[Int(t.a)], vertices[Int(t.b)], vertices[Int(t.c)])
            }
        }
        return setups
    }
}
