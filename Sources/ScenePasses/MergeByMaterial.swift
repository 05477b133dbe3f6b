import SceneModel

/// Joins the primitives of a mesh that share a material (and a stream layout) into one, so each
/// material costs one draw call — gltfpack's mergeMeshMaterials/mergeMeshes. Run after Flatten,
/// which gathers baked parts into one mesh.
public struct MergeByMaterialOptions: Sendable, Equatable {
    /// Let a primitive without vertex colours join one with them by giving it white (which
    /// leaves its look unchanged, as colours multiply the base colour).
    public var fillMissingColors: Bool

    public init(fillMissingColors: Bool = true) {
        self.fillMissingColors = fillMissingColors
    }

    public static let `default` = MergeByMaterialOptions()
}

public func mergeByMaterial(_ scene: inout Scene, _ options: MergeByMaterialOptions) throws {
    try requireValid(scene)
    for m in scene.meshes.indices {
        let primitives = scene.meshes[m].primitives
        guard primitives.count > 1 else { continue }
        // Groups in order of first appearance: deterministic, and the first primitive's draw order is kept.
        struct Key: Hashable { var material: Int?; var layout: StreamLayout }
        var groupOf: [Key: Int] = [:]
        var groups: [[Int]] = []
        for (p, primitive) in primitives.enumerated() {
            var layout = primitive.layout
            if options.fillMissingColors { layout.colors = false }
            let key = Key(material: primitive.material, layout: layout)
            if let g = groupOf[key] {
                groups[g].append(p)
            } else {
                groupOf[key] = groups.count
                groups.append([p])
            }
        }
        guard groups.count < primitives.count else { continue }
        scene.meshes[m].primitives = groups.map { group in merged(group.map { primitives[$0] }) }
    }
}

/// Concatenates primitives of one layout (colours may be missing in some; they become white).
private func merged(_ parts: [Primitive]) -> Primitive {
    guard var out = parts.first, parts.count > 1 else { return parts[0] }
    let anyColors = parts.contains { !$0.colors.isEmpty }
    if anyColors && out.colors.isEmpty { out.colors = Array(repeating: SIMD4(repeating: 1), count: out.vertexCount) }
    for part in parts.dropFirst() {
        let base = UInt32(out.vertexCount)
        out.indices += part.indices.map { $0 + base }
        out.positions += part.positions
        out.normals += part.normals
        for s in out.texCoords.indices { out.texCoords[s] += part.texCoords[s] }
        if anyColors { out.colors += part.colors.isEmpty ? Array(repeating: SIMD4(repeating: 1), count: part.vertexCount) : part.colors }
        out.joints += part.joints
        out.weights += part.weights
        for t in out.targets.indices {
            out.targets[t].positions += part.targets[t].positions
            out.targets[t].normals += part.targets[t].normals
        }
    }
    return out
}
