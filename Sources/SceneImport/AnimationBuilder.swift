import SceneModel

/// assimp's clips → `Scene.animations`.
///
/// assimp keys one node's translation, rotation and scale in one aiNodeAnim; glTF (and our
/// Scene) has one channel per animated property, so each aiNodeAnim gives up to three
/// channels. Morph weights arrive as sparse (target, weight) pairs per key and become one full
/// weight vector per key. Keys are made valid here (finite, strictly increasing times ≥ 0,
/// unit quaternions) so that every later stage can rely on it.
struct AnimationBuilder {
    let nodes: NodeIndex
    /// Morph target count of the mesh on each node that has targets.
    let targetCountByNode: [Int: Int]
    /// The raw meshes' names on each node, to resolve morph channels that name a mesh.
    let meshNamesByNode: [[String]]

    func build(_ clips: [RawAnimation], warn: (String) -> Void) -> [Animation] {
        var animations: [Animation] = []
        for (index, clip) in clips.enumerated() {
            let label = clip.name.isEmpty ? "#\(index + 1)" : "'\(clip.name)'"
            var channels: [AnimationChannel] = []
            for source in clip.nodeChannels {
                guard let node = nodes.node(named: source.nodeName) else {
                    warn("animation \(label) moves node '\(source.nodeName)', which does not exist; that channel was left out")
                    continue
                }
                if nodes.ambiguous.contains(source.nodeName) {
                    warn("several nodes are named '\(source.nodeName)'; animation \(label) moves the first of them")
                }
                channels += [
                    channel(node, .translation, source.translations.map { ($0.time, [$0.value.x, $0.value.y, $0.value.z]) }),
                    channel(node, .rotation, source.rotations.compactMap { key in
                        let q = key.value, length = (q * q).sum().squareRoot()
                        guard length.isFinite, length > 1e-12 else { return nil }
                        let unit = q / length
                        return (key.time, [unit.x, unit.y, unit.z, unit.w])
                    }),
                    channel(node, .scale, source.scales.map { ($0.time, [$0.value.x, $0.value.y, $0.value.z]) }),
                ].compactMap { $0 }
            }
            for source in clip.morphChannels {
                guard let node = morphNode(named: source.name), let targets = targetCountByNode[node] else {
                    warn("animation \(label) changes morph weights of '\(source.name)', which has no morph targets here; that channel was left out")
                    continue
                }
                let keys = source.keys.map { key -> (Double, [Float]) in
                    var weights = [Float](repeating: 0, count: targets)
                    for (target, weight) in key.weights where weights.indices.contains(target) && weight.isFinite {
                        weights[target] = weight
                    }
                    return (key.time, weights)
                }
                if let c = channel(node, .weights, keys) { channels.append(c) }
            }
            if clip.meshChannelCount > 0 {
                warn("animation \(label) has \(clip.meshChannelCount) vertex-keyframe channel(s), which glTF cannot hold; they were left out")
            }
            guard !channels.isEmpty else {
                warn("animation \(label) has no channel that could be kept and was left out")
                continue
            }
            // glTF times start at 0 or later; a clip that starts earlier (FBX takes can) is shifted.
            let start = channels.compactMap(\.times.first).min() ?? 0
            if start < 0 {
                for i in channels.indices { channels[i].times = channels[i].times.map { $0 - start } }
            }
            animations.append(Animation(name: clip.name, channels: channels))
        }
        return animations
    }

    /// Keys sorted by time, with duplicate or broken times and non-finite values dropped.
    private func channel(_ node: Int, _ path: AnimationChannel.Path, _ keys: [(Double, [Float])]) -> AnimationChannel? {
        var times: [Float] = [], values: [Float] = []
        // A stable sort keeps the first of keys sharing a time, as assimp's evaluator would.
        let ordered = keys.enumerated().sorted { $0.element.0 != $1.element.0 ? $0.element.0 < $1.element.0 : $0.offset < $1.offset }
        for (_, (time, value)) in ordered {
            let t = Float(time)
            guard t.isFinite, value.allSatisfy(\.isFinite) else { continue }
            if let last = times.last, t <= last { continue }
            times.append(t)
            values += value
        }
        guard !times.isEmpty else { return nil }
        return AnimationChannel(node: node, path: path, interpolation: .linear, times: times, values: values)
    }

    /// assimp names morph channels after the node (glTF, FBX) — or after the mesh in some
    /// importers; either way the node that shows the mesh is meant.
    private func morphNode(named name: String) -> Int? {
        if let node = nodes.node(named: name), targetCountByNode[node] != nil { return node }
        return meshNamesByNode.indices.first { targetCountByNode[$0] != nil && meshNamesByNode[$0].contains(name) }
    }
}
