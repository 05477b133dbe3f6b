import SceneModel

/// A soft contact shadow on the ground plane (y = the model's lowest point), shaped like the
/// model seen from straight above, as model-viewer's is: the model's triangles are drawn from
/// above into a small density map (parts near the ground darker than parts high above it), the
/// map is blurred, and each output pixel samples it where its view ray meets the ground, so the
/// shadow foreshortens with the camera. An outstretched arm casts a faint arm, not a long bar.
struct ContactShadow {
    let eye: SIMD3<Float>
    let groundY: Float
    let opacity: Float
    /// The map: `side × side` cells of `cell` metres from `origin` (x, z), values 0...1.
    private let origin: SIMD2<Float>
    private let cell: Float
    private let side: Int
    private let density: [Float]

    static let side = 96

    init(scene: Scene, box: Bounds, eye: SIMD3<Float>, opacity: Float) {
        self.eye = eye
        groundY = box.isEmpty ? 0 : box.min.y
        let side = Self.side
        self.side = side
        // Room around the footprint for the blur to fade out in.
        let reach = box.isEmpty ? 1 : max(box.size.x, box.size.z, 1e-4)
        let extent = reach * 1.5
        cell = extent / Float(side)
        let center = box.isEmpty ? SIMD2<Float>(0, 0) : SIMD2(box.center.x, box.center.z)
        origin = center - SIMD2(repeating: extent / 2)
        self.opacity = box.isEmpty ? 0 : opacity
        density = box.isEmpty || opacity <= 0 ? [] : Self.densityMap(scene, box: box, origin: origin, cell: cell, side: side)
    }

    /// Shadow alpha along a view ray `direction` (world space); 0 when the ray misses the ground,
    /// the camera is below it, or the ray meets the ground outside the map.
    @inline(__always) func alpha(direction: SIMD3<Float>) -> Float {
        guard !density.isEmpty, eye.y > groundY, direction.y < 0 else { return 0 }
        let t = (groundY - eye.y) / direction.y
        let hit = SIMD2(eye.x + direction.x * t, eye.z + direction.z * t)
        // Bilinear over cell centres.
        let g = (hit - origin) / cell - 0.5
        let x0 = Int(g.x.rounded(.down)), z0 = Int(g.y.rounded(.down))
        guard x0 >= 0, z0 >= 0, x0 + 1 < side, z0 + 1 < side else { return 0 }
        let fx = g.x - Float(x0), fz = g.y - Float(z0)
        let i = z0 * side + x0
        let top = density[i] + (density[i + 1] - density[i]) * fx
        let bottom = density[i + side] + (density[i + side + 1] - density[i + side]) * fx
        return opacity * (top + (bottom - top) * fz)
    }

    /// The model from above: each triangle marks the cells whose centres it covers (and the cell
    /// of each corner, so thin parts still count) with a weight falling from 1 at the ground to
    /// 0.2 at the top, then three box blurs (close to a Gaussian).
    private static func densityMap(_ scene: Scene, box: Bounds, origin: SIMD2<Float>, cell: Float, side: Int) -> [Float] {
        var map = [Float](repeating: 0, count: side * side)
        let height = max(box.size.y, 1e-6)
        let world = scene.worldTransforms()
        func mark(_ x: Int, _ z: Int, _ weight: Float) {
            guard x >= 0, z >= 0, x < side, z < side else { return }
            map[z * side + x] = max(map[z * side + x], weight)
        }
        for node in scene.reachableNodes() {
            guard let mesh = scene.nodes[node].mesh else { continue }
            let m = Matrix4(world[node].columns)
            for primitive in scene.meshes[mesh].primitives {
                let points = primitive.positions.map { xyz(m.point($0)) }
                let indices = primitive.indices
                var t = 0
                while t + 2 < indices.count {
                    let a = points[Int(indices[t])], b = points[Int(indices[t + 1])], c = points[Int(indices[t + 2])]
                    t += 3
                    let lowest = min(a.y, b.y, c.y) - box.min.y
                    let weight = 1 - 0.8 * min(max(lowest / height, 0), 1)
                    // Grid coordinates of the corners.
                    let pa = (SIMD2(a.x, a.z) - origin) / cell, pb = (SIMD2(b.x, b.z) - origin) / cell, pc = (SIMD2(c.x, c.z) - origin) / cell
                    for p in [pa, pb, pc] { mark(Int(p.x.rounded(.down)), Int(p.y.rounded(.down)), weight) }
                    let area = (pb.x - pa.x) * (pc.y - pa.y) - (pb.y - pa.y) * (pc.x - pa.x)
                    guard abs(area) > 1e-9 else { continue }
                    let minX = max(0, Int(min(pa.x, pb.x, pc.x).rounded(.down))), maxX = min(side - 1, Int(max(pa.x, pb.x, pc.x)))
                    let minZ = max(0, Int(min(pa.y, pb.y, pc.y).rounded(.down))), maxZ = min(side - 1, Int(max(pa.y, pb.y, pc.y)))
                    guard minX <= maxX, minZ <= maxZ else { continue }
                    for z in minZ...maxZ {
                        for x in minX...maxX {
                            let p = SIMD2(Float(x) + 0.5, Float(z) + 0.5)
                            let w0 = (pb.x - p.x) * (pc.y - p.y) - (pb.y - p.y) * (pc.x - p.x)
                            let w1 = (pc.x - p.x) * (pa.y - p.y) - (pc.y - p.y) * (pa.x - p.x)
                            let w2 = (pa.x - p.x) * (pb.y - p.y) - (pa.y - p.y) * (pb.x - p.x)
                            if (w0 >= 0 && w1 >= 0 && w2 >= 0) || (w0 <= 0 && w1 <= 0 && w2 <= 0) { mark(x, z, weight) }
                        }
                    }
                }
            }
        }
        let radius = max(1, side / 32)
        for _ in 0..<3 { map = blur(map, side: side, radius: radius) }
        return map
    }

    /// A separable box blur with zero outside the map.
    private static func blur(_ map: [Float], side: Int, radius: Int) -> [Float] {
        let scale = 1 / Float(2 * radius + 1)
        var rows = [Float](repeating: 0, count: map.count)
        for z in 0..<side {
            for x in 0..<side {
                var sum: Float = 0
                for k in max(0, x - radius)...min(side - 1, x + radius) { sum += map[z * side + k] }
                rows[z * side + x] = sum * scale
            }
        }
        var out = [Float](repeating: 0, count: map.count)
        for z in 0..<side {
            for x in 0..<side {
                var sum: Float = 0
                for k in max(0, z - radius)...min(side - 1, z + radius) { sum += rows[k * side + x] }
                out[z * side + x] = sum * scale
            }
        }
        return out
    }
}
