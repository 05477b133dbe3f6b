import SceneModel

/// Facts about the node graph several passes need: who moves at run time, who deforms.
struct SceneGraph {
    /// Parents of each node (a well-formed graph has at most one).
    var parents: [[Int]]
    /// Nodes an animation channel targets.
    var animated: Set<Int>
    /// Nodes some skin uses as joints or skeleton root.
    var joints: Set<Int>
    /// Nodes whose own transform, or an ancestor's, changes at run time (animated or a joint):
    /// geometry under them must stay in their space.
    var moving: [Bool]
    /// World transforms at rest.
    var world: [Transform]

    init(_ scene: Scene) {
        var parents = [[Int]](repeating: [], count: scene.nodes.count)
        for (n, node) in scene.nodes.enumerated() {
            for child in node.children where scene.nodes.indices.contains(child) { parents[child].append(n) }
        }
        self.parents = parents
        let animated = Set(scene.animations.flatMap { $0.channels.map(\.node) })
        let joints = Set(scene.skins.flatMap { $0.joints + ($0.skeleton.map { [$0] } ?? []) })
        self.animated = animated
        self.joints = joints
        world = scene.worldTransforms()
        // Propagate "moving" down from every animated node or joint (iteratively: no recursion
        // depth limit on deep hierarchies, and a cycle cannot loop because each node is set once).
        var moving = [Bool](repeating: false, count: scene.nodes.count)
        var stack = scene.nodes.indices.filter { animated.contains($0) || joints.contains($0) }
        while let n = stack.popLast() {
            guard !moving[n] else { continue }
            moving[n] = true
            stack.append(contentsOf: scene.nodes[n].children.filter { scene.nodes.indices.contains($0) })
        }
        self.moving = moving
    }
}
