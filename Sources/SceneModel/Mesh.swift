/// A mesh is a list of primitives; each primitive is one material's triangles.
public struct Mesh: Sendable, Equatable {
    public var name: String
    public var primitives: [Primitive]

    public init(name: String = "", primitives: [Primitive] = []) {
        self.name = name
        self.primitives = primitives
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

    public init(positions: [SIMD3<Float>], normals: [SIMD3<Float>] = [], texCoords: [[SIMD2<Float>]] = [],
                colors: [SIMD4<Float>] = [], indices: [UInt32], material: Int? = nil) {
        self.positions = positions
        self.normals = normals
        self.texCoords = texCoords
        self.colors = colors
        self.indices = indices
        self.material = material
    }

    public var vertexCount: Int { positions.count }
    public var triangleCount: Int { indices.count / 3 }
}
