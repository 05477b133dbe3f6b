import SceneModel

/// Bakes static node transforms into vertex data and gathers every baked primitive into one mesh
/// on one node named for the model, so a tree of hundreds of static parts becomes one draw per
/// material (after MergeByMaterial) — gltfpack's mergeMeshInstances. Geometry whose node or an
/// ancestor is animated or a joint, skinned or morphed meshes, and (with `keepNamedNodes`)
/// named nodes stay where they are: baking them would break animation or deformation. The node
/// tree itself is kept (emptied static nodes are left for Prune to remove).
public struct FlattenOptions: Sendable, Equatable {
    /// Name of the node holding the baked geometry; nil uses the single root's name, else "model".
    public var modelName: String?
    /// Leave meshes on named nodes attached so they can be moved from outside (gltfpack -kn).
    public var keepNamedNodes: Bool
    /// A mesh drawn by several static nodes is baked once per copy when it has at most this many
    /// triangles (few draw calls for small repeated parts: bolts, fence posts); larger ones stay
    /// instanced, one copy of the data, like gltfpack without -mm.
    public var instanceMergeLimit: Int

    public init(modelName: String? = nil, keepNamedNodes: Bool = false, instanceMergeLimit: Int = 5_000) {
        self.modelName = modelName
        self.keepNamedNodes = keepNamedNodes
        self.instanceMergeLimit = instanceMergeLimit
    }

    public static let `default` = FlattenOptions()
}

public func flatten(_ scene: inout Scene, _ options: FlattenOptions) throws {
    try requireValid(scene)
    let graph = SceneGraph(scene)
    let reachable = scene.reachableNodes()
    var instances = [Int](repeating: 0, count: scene.meshes.count)
    for n in reachable { if let mesh = scene.nodes[n].mesh { instances[mesh] += 1 } }

    var baked: [Primitive] = []
    for n in reachable {
        let node = scene.nodes[n]
        guard let m = node.mesh else { continue }
        let mesh = scene.meshes[m]
        let triangles = mesh.primitives.reduce(0) { $0 + $1.triangleCount }
        let world = graph.world[n]
        guard !graph.moving[n], node.skin == nil, mesh.primitives.allSatisfy({ $0.targets.isEmpty && $0.joints.isEmpty }),
              !(options.keepNamedNodes && !node.name.isEmpty),
              instances[m] == 1 || triangles <= options.instanceMergeLimit,
              world.flattened.allSatisfy(\.isFinite) else { continue }
        baked += mesh.primitives.map { transformed($0, by: world) }
        scene.nodes[n].mesh = nil
    }
    guard !baked.isEmpty else { return }

    let name = options.modelName ?? (scene.roots.count == 1 && !scene.nodes[scene.roots[0]].name.isEmpty
        ? scene.nodes[scene.roots[0]].name : "model")
    scene.meshes.append(Mesh(name: name, primitives: baked))
    scene.nodes.append(Node(name: name, mesh: scene.meshes.count - 1, children: scene.roots))
    scene.roots = [scene.nodes.count - 1]
}

/// The primitive with `transform` applied to its vertices: normals by the inverse transpose, and
/// triangle winding reversed under a mirroring transform so front faces stay front faces.
func transformed(_ primitive: Primitive, by transform: Transform) -> Primitive {
    guard !transform.isIdentity else { return primitive }
    var out = primitive
    out.positions = primitive.positions.map { transform.transformPoint($0) }
    out.normals = primitive.normals.map { transform.transformNormal($0) }
    if transform.determinant < 0 {
        var i = 0
        while i + 2 < out.indices.count {
            out.indices.swapAt(i + 1, i + 2)
            i += 3
        }
    }
    return out
}
