/// A mesh is a list of primitives; each primitive is one material's triangles.
public struct Mesh: Sendable, Equatable {
    public var name: String
    public var primitives: [Primitive]
    /// Default weights of the morph targets (one per target; every primitive has as many targets).
    public var morphWeights: [Float]

    public init(name: String = "", primitives: [Primitive] = [], morphWeights: [Float] = []) {
        self.name = name
        self.primitives = primitives
        self.morphWeights = morphWeights
    }
}

/// Indexed triangles with per-vertex attribute streams of equal length.
public struct Primitive: Sendable, Equatable {
    public var positions: [SIMD3<Float>]
    /// Empty, or one per vertex.
    public var normals: [SIMD3<Float>]
    /// UV sets, glTF convention: origin at the image's top-left. Each set has one entry per vertex.
    public var texCoords: [[SIMD2<Float>]]
    /// Empty, or one linear RGBA colour per vertex.
    public var colors: [SIMD4<Float>]
    /// Three indices per triangle, each < positions.count.
    public var indices: [UInt32]
    /// Index into `Scene.materials`; nil means the default material.
    public var material: Int?
    /// Skinning: empty, or four joint indices (into the node's `Skin.joints`) per vertex…
    public var joints: [SIMD4<UInt16>]
    /// …and their four weights per vertex, summing to 1.
    public var weights: [SIMD4<Float>]
    /// Morph targets: per-vertex displacements blended by `Mesh.morphWeights` or an animation.
    public var targets: [MorphTarget]

    public init(positions: [SIMD3<Float>], normals: [SIMD3<Float>] = [], texCoords: [[SIMD2<Float>]] = [],
                colors: [SIMD4<Float>] = [], indices: [UInt32], material: Int? = nil,
                joints: [SIMD4<UInt16>] = [], weights: [SIMD4<Float>] = [], targets: [MorphTarget] = []) {
        self.positions = positions
        self.normals = normals
        self.texCoords = texCoords
        self.colors = colors
        self.indices = indices
        self.material = material
        self.joints = joints
        self.weights = weights
        self.targets = targets
    }

    public var vertexCount: Int { positions.count }
    public var triangleCount: Int { indices.count / 3 }
    public var isSkinned: Bool { !joints.isEmpty }
}

/// One morph target of a primitive: displacements added to the base attributes.
public struct MorphTarget: Sendable, Equatable {
    public var name: String
    /// One per vertex.
    public var positions: [SIMD3<Float>]
    /// Empty, or one per vertex.
    public var normals: [SIMD3<Float>]

    public init(name: String = "", positions: [SIMD3<Float>], normals: [SIMD3<Float>] = []) {
        self.name = name
        self.positions = positions
        self.normals = normals
    }
}
