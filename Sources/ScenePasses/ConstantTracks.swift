import SceneModel

/// Animation tracks that never move: dropped when they hold the node's rest value, cut to one
/// key when they hold another value (the clip still sets it while it plays). gltfpack does the
/// same. Importers emit such tracks freely (assimp gives every animated node translation,
/// rotation and scale keys), and on a skinned character they are most of the animation data:
/// CesiumMan's 19 scale tracks are all 1. A node left with no tracks is no longer animated, so
/// the later passes may bake it like any static node.
public struct ConstantTrackOptions: Sendable, Equatable {
    /// Largest difference between keys still counted as one value, relative to the value's
    /// magnitude (at least 1): float noise from the exporter, far below what a viewer shows.
    public var tolerance: Float

    public init(tolerance: Float = 1e-5) {
        self.tolerance = tolerance
    }

    public static let `default` = ConstantTrackOptions()
}

public struct ConstantTrackReport: Sendable, Equatable {
    /// Tracks removed because they hold the rest value.
    public var dropped = 0
    /// Tracks cut to one key (or two, where one must keep the clip's length).
    public var shortened = 0

    public init(dropped: Int = 0, shortened: Int = 0) {
        self.dropped = dropped
        self.shortened = shortened
    }
}

@discardableResult
public func simplifyConstantTracks(_ scene: inout Scene, _ options: ConstantTrackOptions) throws -> ConstantTrackReport {
    try requireValid(scene)
    var report = ConstantTrackReport()
    for a in scene.animations.indices {
        let animation = scene.animations[a]
        var kept: [AnimationChannel] = []
        var stillConstant: [AnimationChannel] = [] // dropped ones, in case one must keep the clip's length
        for channel in animation.channels {
            guard let value = constantValue(of: channel, tolerance: options.tolerance) else {
                kept.append(channel)
                continue
            }
            stillConstant.append(channel)
            if let rest = restValue(of: channel, in: scene), same(value, rest, path: channel.path, tolerance: options.tolerance) {
                report.dropped += 1
            } else {
                kept.append(oneKey(channel, value: value, times: [channel.times[0]]))
                report.shortened += 1
            }
        }
        // The clip's length is its longest track's: if only constant tracks reached the end,
        // one of them keeps a key there so the clip plays (and loops) for as long as before.
        let length = animation.duration
        if kept.compactMap({ $0.times.last }).max() ?? -.infinity < length,
           let longest = stillConstant.first(where: { $0.times.last == length }),
           let value = constantValue(of: longest, tolerance: options.tolerance) {
            let stretched = oneKey(longest, value: value, times: [longest.times[0], length])
            if let index = kept.firstIndex(where: { $0.node == longest.node && $0.path == longest.path }) {
                kept[index] = stretched
            } else {
                kept.append(stretched)
                report.dropped -= 1
                report.shortened += 1
            }
        }
        scene.animations[a].channels = kept
    }
    return report
}

/// Values per key of a channel (one key's worth, without cubic tangents).
private func components(of channel: AnimationChannel) -> Int? {
    guard !channel.times.isEmpty else { return nil }
    let perKey = channel.values.count / channel.times.count / (channel.interpolation == .cubicSpline ? 3 : 1)
    guard perKey > 0, perKey * channel.times.count * (channel.interpolation == .cubicSpline ? 3 : 1) == channel.values.count else { return nil }
    return perKey
}

/// The one value every key holds (cubic tangents all zero), or nil when the track moves.
private func constantValue(of channel: AnimationChannel, tolerance: Float) -> [Float]? {
    guard let n = components(of: channel) else { return nil }
    let cubic = channel.interpolation == .cubicSpline
    let keyStride = cubic ? 3 * n : n
    let valueOffset = cubic ? n : 0
    let first = Array(channel.values[valueOffset..<valueOffset + n])
    for key in 0..<channel.times.count {
        let base = key * keyStride
        let value = Array(channel.values[base + valueOffset..<base + valueOffset + n])
        guard same(value, first, path: channel.path, tolerance: tolerance) else { return nil }
        if cubic {
            let tangents = channel.values[base..<base + n] + channel.values[base + 2 * n..<base + 3 * n]
            guard tangents.allSatisfy({ abs($0) <= tolerance }) else { return nil }
        }
    }
    return first
}

/// What the node shows when no clip plays: its transform's part for `path`, or its mesh's
/// default morph weights.
private func restValue(of channel: AnimationChannel, in scene: Scene) -> [Float]? {
    guard scene.nodes.indices.contains(channel.node) else { return nil }
    let node = scene.nodes[channel.node]
    switch channel.path {
    case .weights:
        guard let mesh = node.mesh, scene.meshes.indices.contains(mesh) else { return nil }
        let weights = scene.meshes[mesh].morphWeights
        let targets = scene.meshes[mesh].primitives.first?.targets.count ?? 0
        return weights.isEmpty ? [Float](repeating: 0, count: targets) : weights
    case .translation, .rotation, .scale:
        guard let trs = TRS(node.transform) else { return nil }
        switch channel.path {
        case .translation: return [trs.translation.x, trs.translation.y, trs.translation.z]
        case .rotation: return [trs.rotation.x, trs.rotation.y, trs.rotation.z, trs.rotation.w]
        default: return [trs.scale.x, trs.scale.y, trs.scale.z]
        }
    }
}

/// Equal within tolerance; quaternions q and −q are the same rotation.
private func same(_ a: [Float], _ b: [Float], path: AnimationChannel.Path, tolerance: Float) -> Bool {
    guard a.count == b.count else { return false }
    if path == .rotation, a.count == 4 {
        let dot = zip(a, b).reduce(Float(0)) { $0 + $1.0 * $1.1 }
        return abs(dot) >= 1 - tolerance
    }
    return zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($0), abs($1)) }
}

/// The channel holding `value` at `times` (linear; a cubic spline's tangents were zero anyway).
private func oneKey(_ channel: AnimationChannel, value: [Float], times: [Float]) -> AnimationChannel {
    var channel = channel
    channel.interpolation = channel.interpolation == .step ? .step : .linear
    channel.times = times
    channel.values = times.flatMap { _ in value }
    return channel
}
