import MeshOptimizer
import SceneModel

/// Merges vertices that are identical in every attribute, so shared corners are stored and
/// shaded once and the simplifier sees connected surfaces (importers often emit one vertex per
/// triangle corner). Exact binary equality only: UV and normal seams stay split.
public struct WeldOptions: Sendable, Equatable {
    /// Drop triangles that reference one vertex twice after welding (they cover no area).
    public var removeDegenerateTriangles: Bool

    public init(removeDegenerateTriangles: Bool = true) {
        self.removeDegenerateTriangles = removeDegenerateTriangles
    }

    public static let `default` = WeldOptions()
}

public func weld(_ scene: inout Scene, _ options: WeldOptions) throws {
    try requireValid(scene)
    for m in scene.meshes.indices {
        for p in scene.meshes[m].primitives.indices {
            try meshopt(m, p) { () throws(MeshOptimization.Error) in
                try weldPrimitive(&scene.meshes[m].primitives[p], options)
            }
        }
    }
}

func weldPrimitive(_ primitive: inout Primitive, _ options: WeldOptions) throws(MeshOptimization.Error) {
    let (remap, unique) = try MeshOptimization.vertexRemap(indices: primitive.indices, vertexCount: primitive.vertexCount,
                                                           streams: weldStreams(primitive))
    try primitive.applyVertexRemap(remap, uniqueCount: unique)
    if options.removeDegenerateTriangles { primitive.removeDegenerateTriangles() }
}

/// Every attribute as tightly packed bytes, so equality means equality of everything a
/// renderer or an animation could read from the vertex.
func weldStreams(_ primitive: Primitive) -> [MeshOptimization.VertexStream] {
    typealias Stream = MeshOptimization.VertexStream
    var streams = [packed(primitive.positions)]
    if !primitive.normals.isEmpty { streams.append(packed(primitive.normals)) }
    for set in primitive.texCoords { streams.append(packed(set)) }
    if !primitive.colors.isEmpty { streams.append(packed(primitive.colors)) }
    if !primitive.joints.isEmpty {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(primitive.joints.count * 8)
        for j in primitive.joints {
            for k in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: j[k])); bytes.append(UInt8(truncatingIfNeeded: j[k] >> 8)) }
        }
        streams.append(Stream(bytes: bytes, elementSize: 8))
    }
    if !primitive.weights.isEmpty { streams.append(packed(primitive.weights)) }
    for target in primitive.targets {
        streams.append(packed(target.positions))
        if !target.normals.isEmpty { streams.append(packed(target.normals)) }
    }
    return streams
}

/// Packs SIMD vectors without their padding lanes (SIMD3 is stored as four floats).
func packed<V: SIMD>(_ values: [V]) -> MeshOptimization.VertexStream where V.Scalar == Float {
    let lanes = V.scalarCount  // 3 for SIMD3, whatever its storage size
    var floats: [Float] = []
    floats.reserveCapacity(values.count * lanes)
    for v in values {
        for k in 0..<lanes { floats.append(v[k]) }
    }
    return MeshOptimization.VertexStream(floats: floats, components: lanes)
}
