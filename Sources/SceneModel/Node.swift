/// A node of the scene graph: a local transform, an optional mesh and children.
public struct Node: Sendable, Equatable {
    public var name: String
    public var transform: Transform
    public var mesh: Int?
    /// Index into `Scene.skins` when `mesh` is skinned.
    public var skin: Int?
    public var children: [Int]

    public init(name: String = "", transform: Transform = .identity, mesh: Int? = nil, skin: Int? = nil, children: [Int] = []) {
        self.name = name
        self.transform = transform
        self.mesh = mesh
        self.skin = skin
        self.children = children
    }
}

/// A 4×4 affine matrix, column-major as in glTF and USD.
public struct Transform: Sendable, Equatable {
    public var columns: [SIMD4<Float>]

    public init(columns: [SIMD4<Float>]) {
        precondition(columns.count == 4, "a transform has four columns")
        self.columns = columns
    }

    public static let identity = Transform(columns: [
        SIMD4(1, 0, 0, 0), SIMD4(0, 1, 0, 0), SIMD4(0, 0, 1, 0), SIMD4(0, 0, 0, 1),
    ])

    public static func translation(_ t: SIMD3<Float>) -> Transform {
        var m = Transform.identity
        m.columns[3] = SIMD4(t.x, t.y, t.z, 1)
        return m
    }

    public static func scale(_ s: SIMD3<Float>) -> Transform {
        Transform(columns: [SIMD4(s.x, 0, 0, 0), SIMD4(0, s.y, 0, 0), SIMD4(0, 0, s.z, 0), SIMD4(0, 0, 0, 1)])
    }

    public var isIdentity: Bool { self == .identity }

    /// The 16 numbers in column-major order, as glTF's `matrix` wants them.
    public var flattened: [Float] { columns.flatMap { [$0.x, $0.y, $0.z, $0.w] } }

    public static func * (a: Transform, b: Transform) -> Transform {
        Transform(columns: b.columns.map { a.apply($0) })
    }

    public func apply(_ v: SIMD4<Float>) -> SIMD4<Float> {
        columns[0] * v.x + columns[1] * v.y + columns[2] * v.z + columns[3] * v.w
    }

    public func transformPoint(_ p: SIMD3<Float>) -> SIMD3<Float> {
        let r = apply(SIMD4(p.x, p.y, p.z, 1))
        return SIMD3(r.x, r.y, r.z)
    }
}
