import SceneModel

/// Removes what nothing draws or needs: nodes without geometry and without needed descendants
/// (joints, animated nodes and skinned meshes' nodes stay), unreferenced meshes, materials,
/// images, skins and animation channels, and attribute streams no material reads. Every index
/// in the scene is renumbered, keeping the survivors in their original order. Like gltfpack's
/// markNeededNodes/filterStreams, this is what lets the later passes see only real work.
public struct PruneOptions: Sendable, Equatable {
    /// Keep every reachable node that has a name, so it can be addressed from outside
    /// (gltfpack -kn). Off by default: names of empty groups rarely matter on a web page.
    public var keepNamedNodes: Bool
    /// Drop streams nothing reads: all-white colours, UV sets above the highest one a texture
    /// uses, normals on unlit materials, joints/weights on meshes no skin binds.
    public var removeUnusedAttributes: Bool

    public init(keepNamedNodes: Bool = false, removeUnusedAttributes: Bool = true) {
        self.keepNamedNodes = keepNamedNodes
        self.removeUnusedAttributes = removeUnusedAttributes
    }

    public static let `default` = PruneOptions()
}

public func prune(_ scene: inout Scene, _ options: PruneOptions) throws {
    try requireValid(scene)
    if options.removeUnusedAttributes { removeUnusedAttributes(&scene) }
    for m in scene.meshes.indices { scene.meshes[m].primitives.removeAll { $0.indices.isEmpty } }
    let keptNodes = neededNodes(scene, options)
    renumber(&scene, keeping: keptNodes)
}

/// Half an 8-bit step: a colour this close to white is white in every output format.
private let whiteTolerance: Float = 0.5 / 255

private func removeUnusedAttributes(_ scene: inout Scene) {
    var skinnedMeshes = Set<Int>()
    for node in scene.nodes where node.skin != nil {
        if let mesh = node.mesh { skinnedMeshes.insert(mesh) }
    }
    for m in scene.meshes.indices {
        for p in scene.meshes[m].primitives.indices {
            var primitive = scene.meshes[m].primitives[p]
            let material = primitive.material.map { scene.materials[$0] } ?? Material()
            if material.unlit {
                primitive.normals = []
                for t in primitive.targets.indices { primitive.targets[t].normals = [] }
            }
            let setsUsed = (material.textureRefs.map(\.texCoord).max() ?? -1) + 1
            if primitive.texCoords.count > setsUsed { primitive.texCoords.removeLast(primitive.texCoords.count - max(0, setsUsed)) }
            if primitive.colors.allSatisfy({ ($0 - SIMD4(repeating: 1)).min() >= -whiteTolerance && ($0 - SIMD4(repeating: 1)).max() <= whiteTolerance }) {
                primitive.colors = []
            }
            if !skinnedMeshes.contains(m) {
                primitive.joints = []
                primitive.weights = []
            }
            scene.meshes[m].primitives[p] = primitive
        }
    }
}

/// The nodes to keep, as a flag per node.
private func neededNodes(_ scene: Scene, _ options: PruneOptions) -> [Bool] {
    let graph = SceneGraph(scene)
    let reachable = scene.reachableNodes()
    var needed = [Bool](repeating: false, count: scene.nodes.count)
    var seeds: [Int] = []
    for n in reachable {
        let node = scene.nodes[n]
        let draws = node.mesh.map { !scene.meshes[$0].primitives.isEmpty } ?? false
        if draws || graph.animated.contains(n) || (options.keepNamedNodes && !node.name.isEmpty) { seeds.append(n) }
        // A drawn skinned mesh needs its whole skeleton, reachable or not.
        if draws, let skin = node.skin {
            seeds += scene.skins[skin].joints
            if let skeleton = scene.skins[skin].skeleton { seeds.append(skeleton) }
        }
    }
    // Close upwards: a kept node's parents carry its transform.
    while let n = seeds.popLast() {
        guard !needed[n] else { continue }
        needed[n] = true
        seeds += graph.parents[n]
    }
    return needed
}

/// Drops unneeded nodes and everything only they referenced, renumbering in original order.
private func renumber(_ scene: inout Scene, keeping keep: [Bool]) {
    var nodeMap = [Int?](repeating: nil, count: scene.nodes.count)
    var nodes: [Node] = []
    for (n, node) in scene.nodes.enumerated() where keep[n] {
        nodeMap[n] = nodes.count
        nodes.append(node)
    }
    for n in nodes.indices {
        nodes[n].children = nodes[n].children.compactMap { nodeMap[$0] }
        if let mesh = nodes[n].mesh, scene.meshes[mesh].primitives.isEmpty { nodes[n].mesh = nil }
        if nodes[n].mesh == nil { nodes[n].skin = nil }
    }
    let roots = scene.roots.compactMap { nodeMap[$0] }

    let meshMap = compaction(count: scene.meshes.count, used: nodes.compactMap(\.mesh))
    var meshes = meshMap.kept.map { scene.meshes[$0] }
    for n in nodes.indices { nodes[n].mesh = nodes[n].mesh.flatMap { meshMap.map[$0] } }

    let materialMap = compaction(count: scene.materials.count, used: meshes.flatMap { $0.primitives.compactMap(\.material) })
    var materials = materialMap.kept.map { scene.materials[$0] }
    for m in meshes.indices {
        for p in meshes[m].primitives.indices { meshes[m].primitives[p].material = meshes[m].primitives[p].material.flatMap { materialMap.map[$0] } }
    }

    let imageMap = compaction(count: scene.images.count, used: materials.flatMap { $0.textureRefs.map(\.image) })
    let images = imageMap.kept.map { scene.images[$0] }
    for m in materials.indices {
        func remap(_ ref: TextureRef?) -> TextureRef? {
            guard var ref, let image = imageMap.map[ref.image] else { return nil }
            ref.image = image
            return ref
        }
        materials[m].baseColorTexture = remap(materials[m].baseColorTexture)
        materials[m].metallicRoughnessTexture = remap(materials[m].metallicRoughnessTexture)
        materials[m].normalTexture = remap(materials[m].normalTexture)
        materials[m].occlusionTexture = remap(materials[m].occlusionTexture)
        materials[m].emissiveTexture = remap(materials[m].emissiveTexture)
    }

    let skinMap = compaction(count: scene.skins.count, used: nodes.compactMap(\.skin))
    var skins = skinMap.kept.map { scene.skins[$0] }
    for s in skins.indices {
        // Joints of a used skin were kept by neededNodes; compactMap only guards malformed input.
        skins[s].joints = skins[s].joints.compactMap { nodeMap[$0] }
        skins[s].skeleton = skins[s].skeleton.flatMap { nodeMap[$0] }
    }
    for n in nodes.indices { nodes[n].skin = nodes[n].skin.flatMap { skinMap.map[$0] } }

    var animations: [Animation] = []
    for var animation in scene.animations {
        animation.channels = animation.channels.compactMap { channel in
            guard let node = nodeMap[channel.node] else { return nil }
            var moved = channel
            moved.node = node
            return moved
        }
        if !animation.channels.isEmpty { animations.append(animation) }
    }

    scene = Scene(nodes: nodes, roots: roots, meshes: meshes, materials: materials, images: images, skins: skins,
                  animations: animations, source: scene.source)
}

/// Which of `count` items survive (those in `used`, in original order) and where each goes.
func compaction(count: Int, used: [Int]) -> (kept: [Int], map: [Int?]) {
    var isUsed = [Bool](repeating: false, count: count)
    for u in used where isUsed.indices.contains(u) { isUsed[u] = true }
    var map = [Int?](repeating: nil, count: count)
    var kept: [Int] = []
    for i in 0..<count where isUsed[i] {
        map[i] = kept.count
        kept.append(i)
    }
    return (kept, map)
}
