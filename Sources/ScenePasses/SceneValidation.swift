import SceneModel

/// Every broken invariant of a `Scene` a pass could trip over, as readable sentences: references
/// out of range, streams of unequal length, indices past the vertices, skins and animations
/// naming missing nodes. Empty means the scene is safe to process and to write.
public func validationIssues(in scene: Scene) -> [String] {
    var issues: [String] = []
    let nodeRange = scene.nodes.indices
    for root in scene.roots where !nodeRange.contains(root) { issues.append("root \(root) is not a node") }
    for (n, node) in scene.nodes.enumerated() {
        for child in node.children where !nodeRange.contains(child) || child == n { issues.append("node \(n) has invalid child \(child)") }
        if let mesh = node.mesh, !scene.meshes.indices.contains(mesh) { issues.append("node \(n) refers to missing mesh \(mesh)") }
        if let skin = node.skin, !scene.skins.indices.contains(skin) { issues.append("node \(n) refers to missing skin \(skin)") }
        if node.transform.columns.count != 4 { issues.append("node \(n) transform lacks four columns") }
    }
    for (m, mesh) in scene.meshes.enumerated() {
        for (p, primitive) in mesh.primitives.enumerated() {
            let name = "mesh \(m) primitive \(p)"
            let count = primitive.positions.count
            func check(_ label: String, _ length: Int, optional: Bool = true) {
                if length != count && !(optional && length == 0) { issues.append("\(name) \(label) has \(length) entries for \(count) vertices") }
            }
            check("normals", primitive.normals.count)
            for (s, set) in primitive.texCoords.enumerated() { check("texCoords[\(s)]", set.count, optional: false) }
            check("colors", primitive.colors.count)
            check("joints", primitive.joints.count)
            check("weights", primitive.weights.count)
            if primitive.joints.count != primitive.weights.count { issues.append("\(name) has joints without weights or the reverse") }
            for (t, target) in primitive.targets.enumerated() {
                check("target \(t) positions", target.positions.count, optional: false)
                check("target \(t) normals", target.normals.count)
            }
            if primitive.indices.count % 3 != 0 { issues.append("\(name) index count \(primitive.indices.count) is not a multiple of 3") }
            if let bad = primitive.indices.first(where: { Int($0) >= count }) { issues.append("\(name) index \(bad) >= vertex count \(count)") }
            if let material = primitive.material, !scene.materials.indices.contains(material) {
                issues.append("\(name) refers to missing material \(material)")
            }
            if primitive.targets.count != mesh.primitives[0].targets.count { issues.append("\(name) has a different morph target count") }
        }
    }
    for (i, material) in scene.materials.enumerated() {
        for ref in material.textureRefs where !scene.images.indices.contains(ref.image) { issues.append("material \(i) refers to missing image \(ref.image)") }
    }
    for (s, skin) in scene.skins.enumerated() {
        for joint in skin.joints where !nodeRange.contains(joint) { issues.append("skin \(s) joint \(joint) is not a node") }
        if skin.inverseBindMatrices.count != skin.joints.count { issues.append("skin \(s) has \(skin.inverseBindMatrices.count) bind matrices for \(skin.joints.count) joints") }
        if let skeleton = skin.skeleton, !nodeRange.contains(skeleton) { issues.append("skin \(s) skeleton \(skeleton) is not a node") }
    }
    for (a, animation) in scene.animations.enumerated() {
        for (c, channel) in animation.channels.enumerated() where !nodeRange.contains(channel.node) {
            issues.append("animation \(a) channel \(c) targets missing node \(channel.node)")
        }
    }
    return issues
}

/// Throws `invalidScene` with the first few issues, so passes can index freely afterwards.
func requireValid(_ scene: Scene) throws(ScenePassError) {
    let issues = validationIssues(in: scene)
    guard issues.isEmpty else { throw .invalidScene(Array(issues.prefix(5))) }
}
