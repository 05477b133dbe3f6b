import SceneModel

/// The world-space box of what a viewer shows at rest: like `Scene.bounds`, but skinned meshes
/// are posed by their joints (glTF ignores a skinned mesh's own node transform) and morph
/// targets are blended by the mesh's default weights. Placement sizes the model by this box.
public func visibleBounds(of scene: Scene) -> Bounds {
    var box = Bounds.empty
    guard validationIssues(in: scene).isEmpty else { return scene.bounds }
    let world = scene.worldTransforms()
    let jointMatrices: [[Transform]] = scene.skins.map { skin in
        zip(skin.joints, skin.inverseBindMatrices).map { world[$0.0] * $0.1 }
    }
    for n in scene.reachableNodes() {
        guard let m = scene.nodes[n].mesh else { continue }
        let mesh = scene.meshes[m]
        let skin = scene.nodes[n].skin.map { jointMatrices[$0] }
        for primitive in mesh.primitives {
            for v in primitive.positions.indices {
                var p = primitive.positions[v]
                for (t, target) in primitive.targets.enumerated() where t < mesh.morphWeights.count && mesh.morphWeights[t] != 0 {
                    p += target.positions[v] * mesh.morphWeights[t]
                }
                if let skin, v < primitive.joints.count {
                    let joints = primitive.joints[v], weights = primitive.weights[v]
                    var posed = SIMD3<Float>.zero, total: Float = 0
                    for k in 0..<4 where weights[k] != 0 && Int(joints[k]) < skin.count {
                        posed += skin[Int(joints[k])].transformPoint(p) * weights[k]
                        total += weights[k]
                    }
                    box.add(total > 0 ? posed / total : world[n].transformPoint(p))
                } else {
                    box.add(world[n].transformPoint(p))
                }
            }
        }
    }
    return box
}
