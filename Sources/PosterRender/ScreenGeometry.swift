import SceneModel

/// A vertex after projection: position in supersampled pixels (y down), 1/w for depth and
/// perspective-correct interpolation, and the world-space attributes the shader needs.
struct ScreenVertex: Sendable {
    var x: Float
    var y: Float
    var invW: Float
    var world: SIMD3<Float>
    var normal: SIMD3<Float>
    var uv: SIMD2<Float>
    var color: SIMD4<Float>

    /// Stands in for a vertex behind the near plane, which no triangle uses unclipped.
    static let zero = ScreenVertex(x: 0, y: 0, invW: 0, world: .zero, normal: .zero, uv: .zero, color: .zero)
}

/// A triangle ready to rasterize, wound so its edge functions are positive inside.
struct ScreenTriangle: Sendable {
    var a: Int32, b: Int32, c: Int32
    var material: Int32
    /// Seen from behind (only kept for double-sided materials): normals are flipped.
    var backFacing: Bool
    /// The mesh has vertex colours; without them the shader skips interpolating white.
    var hasVertexColors: Bool
    /// The mesh has vertex normals; without them it is shaded flat, with `faceNormal`.
    var hasVertexNormals: Bool
    /// World-space face normal facing the camera, used when the mesh has no normals.
    var faceNormal: SIMD3<Float>
    /// Mean view distance, for sorting blended triangles back to front.
    var viewDepth: Float
}

/// The scene flattened into screen-space triangles: world transforms and default morph weights
/// applied, near-plane clipped, back faces culled, vertices snapped to 1/16 pixel so coverage
/// tests are exact (see `Rasterizer`).
struct ScreenGeometry: Sendable {
    var vertices: [ScreenVertex] = []
    var triangles: [ScreenTriangle] = []

    private struct ClipVertex {
        var clip: SIMD4<Float>
        var world: SIMD3<Float>
        var normal: SIMD3<Float>
        var uv: SIMD2<Float>
        var color: SIMD4<Float>

        func lerp(_ o: ClipVertex, _ t: Float) -> ClipVertex {
            ClipVertex(clip: clip + (o.clip - clip) * t, world: world + (o.world - world) * t,
                       normal: normal + (o.normal - normal) * t, uv: uv + (o.uv - uv) * t, color: color + (o.color - color) * t)
        }
    }

    init(scene: Scene, viewProjection: Matrix4, near: Float, width: Int, height: Int, materials: [ResolvedMaterial]) {
        let world = scene.worldTransforms()
        let w = Float(width), h = Float(height)
        let defaultMaterial = Int32(scene.materials.count)

        func project(_ v: ClipVertex) -> ScreenVertex {
            let inv = 1 / v.clip.w
            // Snap to a 1/16-pixel grid: edge functions then evaluate exactly in Double, so
            // shared edges never leave cracks or double-hit pixels.
            let sx = ((v.clip.x * inv * 0.5 + 0.5) * w * 16).rounded() / 16
            let sy = ((0.5 - v.clip.y * inv * 0.5) * h * 16).rounded() / 16
            return ScreenVertex(x: sx, y: sy, invW: inv, world: v.world, normal: v.normal, uv: v.uv, color: v.color)
        }

        for nodeIndex in scene.reachableNodes() {
            guard let meshIndex = scene.nodes[nodeIndex].mesh else { continue }
            let model = Matrix4(world[nodeIndex].columns)
            let mvp = viewProjection * model
            let (n0, n1, n2) = model.normalMatrix()
            let mesh = scene.meshes[meshIndex]
            for primitive in mesh.primitives {
                let count = primitive.positions.count
                guard count > 0, primitive.indices.count >= 3 else { continue }
                let materialIndex = primitive.material.map { Int32($0) } ?? defaultMaterial
                guard Int(materialIndex) < materials.count else { continue }
                let material = materials[Int(materialIndex)]
                let uvSet = material.texCoord
                let uvs = primitive.texCoords.indices.contains(uvSet) ? primitive.texCoords[uvSet]
                    : (primitive.texCoords.first ?? [])
                let hasUV = uvs.count == count
                let hasNormals = primitive.normals.count == count
                let hasColors = primitive.colors.count == count

                var positions = primitive.positions
                var normals = hasNormals ? primitive.normals : []
                // Morph targets at their default weights: what model-viewer shows before any animation.
                for (t, target) in primitive.targets.enumerated() where t < mesh.morphWeights.count && mesh.morphWeights[t] != 0 {
                    let weight = mesh.morphWeights[t]
                    if target.positions.count == count { for i in 0..<count { positions[i] += target.positions[i] * weight } }
                    if hasNormals, target.normals.count == count { for i in 0..<count { normals[i] += target.normals[i] * weight } }
                }

                var clipVertices = [ClipVertex]()
                clipVertices.reserveCapacity(count)
                for i in 0..<count {
                    let p = positions[i]
                    let wp = model.point(p)
                    var n = SIMD3<Float>.zero
                    if hasNormals { let m = normals[i]; n = normalize(n0 * m.x + n1 * m.y + n2 * m.z) }
                    clipVertices.append(ClipVertex(clip: mvp.point(p), world: xyz(wp), normal: n,
                                                   uv: hasUV ? uvs[i] : .zero,
                                                   color: hasColors ? primitive.colors[i] : SIMD4(1, 1, 1, 1)))
                }
                // Vertices in front of the near plane are projected once and shared.
                let base = Int32(vertices.count)
                for v in clipVertices { vertices.append(v.clip.w >= near ? project(v) : .zero) }

                let indices = primitive.indices
                var t = 0
                while t + 2 < indices.count {
                    let i0 = Int(indices[t]), i1 = Int(indices[t + 1]), i2 = Int(indices[t + 2])
                    t += 3
                    guard i0 < count, i1 < count, i2 < count else { continue }
                    let c0 = clipVertices[i0], c1 = clipVertices[i1], c2 = clipVertices[i2]
                    // Trivially outside one frustum side: skip.
                    if c0.clip.x > c0.clip.w && c1.clip.x > c1.clip.w && c2.clip.x > c2.clip.w { continue }
                    if c0.clip.x < -c0.clip.w && c1.clip.x < -c1.clip.w && c2.clip.x < -c2.clip.w { continue }
                    if c0.clip.y > c0.clip.w && c1.clip.y > c1.clip.w && c2.clip.y > c2.clip.w { continue }
                    if c0.clip.y < -c0.clip.w && c1.clip.y < -c1.clip.w && c2.clip.y < -c2.clip.w { continue }
                    let faceNormal = normalize(cross(c1.world - c0.world, c2.world - c0.world))
                    let depth = (c0.clip.w + c1.clip.w + c2.clip.w) / 3
                    if c0.clip.w >= near && c1.clip.w >= near && c2.clip.w >= near {
                        add(base + Int32(i0), base + Int32(i1), base + Int32(i2), materialIndex, material.doubleSided, hasColors, hasNormals, faceNormal, depth)
                        continue
                    }
                    // Sutherland–Hodgman against w = near, then a fan of new vertices.
                    var polygon: [ClipVertex] = []
                    let ring = [c0, c1, c2]
                    for k in 0..<3 {
                        let p = ring[k], q = ring[(k + 1) % 3]
                        let dp = p.clip.w - near, dq = q.clip.w - near
                        if dp >= 0 { polygon.append(p) }
                        if (dp >= 0) != (dq >= 0) { polygon.append(p.lerp(q, dp / (dp - dq))) }
                    }
                    guard polygon.count >= 3 else { continue }
                    let first = Int32(vertices.count)
                    for v in polygon { vertices.append(project(v)) }
                    for k in 1..<(polygon.count - 1) {
                        add(first, first + Int32(k), first + Int32(k + 1), materialIndex, material.doubleSided, hasColors, hasNormals, faceNormal, depth)
                    }
                }
            }
        }
    }

    /// Culls or flips by screen winding. glTF fronts are counter-clockwise with y up, which is
    /// clockwise (negative signed area) in y-down pixel space.
    private mutating func add(_ i0: Int32, _ i1: Int32, _ i2: Int32, _ material: Int32, _ doubleSided: Bool, _ hasColors: Bool,
                              _ hasNormals: Bool, _ faceNormal: SIMD3<Float>, _ depth: Float) {
        let a = vertices[Int(i0)], b = vertices[Int(i1)], c = vertices[Int(i2)]
        let area = Double(b.x - a.x) * Double(c.y - a.y) - Double(b.y - a.y) * Double(c.x - a.x)
        guard area != 0, area.isFinite else { return }
        let front = area < 0
        guard front || doubleSided else { return }
        // Store with positive area so the rasterizer has one orientation to handle.
        let tri = area > 0 ? (i0, i1, i2) : (i0, i2, i1)
        triangles.append(ScreenTriangle(a: tri.0, b: tri.1, c: tri.2, material: material, backFacing: !front,
                                        hasVertexColors: hasColors, hasVertexNormals: hasNormals, faceNormal: front ? faceNormal : -faceNormal, viewDepth: depth))
    }
}
