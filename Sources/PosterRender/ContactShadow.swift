/// A soft contact shadow: a dark elliptical footprint on the ground plane (y = the model's
/// lowest point) matching the model's x/z extent, fading smoothly to nothing. Evaluated per
/// output pixel by casting the view ray onto the plane, so it foreshortens with the camera.
struct ContactShadow {
    let eye: SIMD3<Float>
    let groundY: Float
    let center: SIMD2<Float>
    let halfExtent: SIMD2<Float>
    let opacity: Float

    /// Shadow alpha along a view ray `direction` (world space); 0 when the ray misses the ground
    /// or the camera is below it.
    @inline(__always) func alpha(direction: SIMD3<Float>) -> Float {
        guard opacity > 0, eye.y > groundY, direction.y < 0 else { return 0 }
        let t = (groundY - eye.y) / direction.y
        let hit = SIMD2(eye.x + direction.x * t, eye.z + direction.z * t)
        // The ellipse through the footprint box's corners (×√2), so corners are covered too.
        let q = (hit - center) / (halfExtent * 1.42)
        let d = (q * q).sum().squareRoot()
        guard d < 1 else { return 0 }
        // Flat dark core under the model, smoothstep fade to nothing at the rim.
        let s = min(max((1 - d) / 0.6, 0), 1)
        return opacity * s * s * (3 - 2 * s)
    }
}
