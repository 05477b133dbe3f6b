/// A skeleton binding: which nodes act as joints and how the mesh sat when it was bound.
public struct Skin: Sendable, Equatable {
    public var name: String
    /// Node indices; `Primitive.joints` index into this list.
    public var joints: [Int]
    /// One per joint: mesh space → the joint's space at bind time.
    public var inverseBindMatrices: [Transform]
    /// The common root of the joints, when known.
    public var skeleton: Int?

    public init(name: String = "", joints: [Int], inverseBindMatrices: [Transform], skeleton: Int? = nil) {
        self.name = name
        self.joints = joints
        self.inverseBindMatrices = inverseBindMatrices
        self.skeleton = skeleton
    }
}

/// A named clip: keyframed node transforms and morph weights over time.
public struct Animation: Sendable, Equatable {
    public var name: String
    public var channels: [AnimationChannel]

    public init(name: String = "", channels: [AnimationChannel] = []) {
        self.name = name
        self.channels = channels
    }

    /// Length of the clip in seconds.
    public var duration: Float { channels.compactMap { $0.times.last }.max() ?? 0 }
}

/// One animated property of one node.
public struct AnimationChannel: Sendable, Equatable {
    public enum Path: String, Sendable, Equatable { case translation, rotation, scale, weights }
    public enum Interpolation: String, Sendable, Equatable { case linear = "LINEAR", step = "STEP", cubicSpline = "CUBICSPLINE" }

    public var node: Int
    public var path: Path
    public var interpolation: Interpolation
    /// Key times in seconds, increasing.
    public var times: [Float]
    /// Flat values: 3 per key for translation/scale, 4 (x, y, z, w) for rotation, one per morph
    /// target for weights; three times as many for cubic splines (in-tangent, value, out-tangent).
    public var values: [Float]

    public init(node: Int, path: Path, interpolation: Interpolation = .linear, times: [Float], values: [Float]) {
        self.node = node
        self.path = path
        self.interpolation = interpolation
        self.times = times
        self.values = values
    }
}
