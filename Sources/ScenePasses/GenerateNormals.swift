import Foundation
import MeshOptimizer
import SceneModel

/// Gives primitives without normals smooth ones (STL, PLY and many OBJ files have none, and
/// model-viewer would render them faceted or black). Each corner gets the area-weighted sum of
/// the face normals around its position — positions are welded first, so split UV seams still
/// shade smoothly — counting only faces within `creaseAngle` of its own face, so hard edges of
/// boxes and machined parts stay hard. Corners with different results become separate vertices.
public struct GenerateNormalsOptions: Sendable, Equatable {
    /// Faces meeting at a sharper angle than this (radians) keep separate normals.
    public var creaseAngle: Float
    /// Replace normals that are already there too.
    public var overwrite: Bool

    public init(creaseAngle: Float = .pi / 3, overwrite: Bool = false) {
        self.creaseAngle = creaseAngle
        self.overwrite = overwrite
    }

    public static let `default` = GenerateNormalsOptions()
}

public func generateNormals(_ scene: inout Scene, _ options: GenerateNormalsOptions) throws {
    try requireValid(scene)
    for m in scene.meshes.indices {
        for p in scene.meshes[m].primitives.indices {
            let primitive = scene.meshes[m].primitives[p]
            // Unlit materials ignore normals (Prune removed them on purpose).
            if let material = primitive.material, scene.materials[material].unlit { continue }
            guard primitive.normals.isEmpty || options.overwrite, !primitive.indices.isEmpty else { continue }
            try meshopt(m, p) { () throws(MeshOptimization.Error) in
                scene.meshes[m].primitives[p] = try withSmoothNormals(primitive, creaseAngle: options.creaseAngle)
            }
        }
    }
}

func withSmoothNormals(_ primitive: Primitive, creaseAngle: Float) throws(MeshOptimization.Error) -> Primitive {
    let positions = primitive.positions
    let indices = primitive.indices
    // One id per distinct position, so faces across attribute seams count as neighbours.
    let (positionIds, _) = try MeshOptimization.vertexRemap(indices: indices, vertexCount: positions.count,
                                                            streams: [packed(positions)])
    let triangleCount = indices.count / 3
    // Unnormalised face normals: their length is twice the area, which is the weighting wanted.
    var faceNormals = [SIMD3<Float>](repeating: .zero, count: triangleCount)
    var unitFaceNormals = [SIMD3<Float>](repeating: .zero, count: triangleCount)
    for t in 0..<triangleCount {
        let a = positions[Int(indices[3 * t])], b = positions[Int(indices[3 * t + 1])], c = positions[Int(indices[3 * t + 2])]
        let n = simdCross(b - a, c - a)
        let length = simdLength(n)
        if length > 0, length.isFinite {
            faceNormals[t] = n
            unitFaceNormals[t] = n / length
        }
    }
    // Faces around each welded position, in ascending triangle order (a CSR list) so every
    // corner sums the same faces in the same order and identical results are bit-identical.
    let positionCount = (positionIds.max().map { Int($0) + 1 }) ?? 0
    var start = [Int](repeating: 0, count: positionCount + 1)
    for index in indices { start[Int(positionIds[Int(index)]) + 1] += 1 }
    for i in 0..<positionCount { start[i + 1] += start[i] }
    var fill = start
    var faces = [Int](repeating: 0, count: indices.count)
    for (corner, index) in indices.enumerated() {
        let id = Int(positionIds[Int(index)])
        faces[fill[id]] = corner / 3
        fill[id] += 1
    }

    let cosCrease = cos(max(0, min(.pi, creaseAngle)))
    var expanded = primitive.gatheringVertices(indices.map { Int($0) })
    var normals = [SIMD3<Float>](repeating: SIMD3(0, 1, 0), count: indices.count)
    for (corner, index) in indices.enumerated() {
        let own = unitFaceNormals[corner / 3]
        let id = Int(positionIds[Int(index)])
        var sum = SIMD3<Float>.zero
        var previous = -1
        for f in faces[start[id]..<start[id + 1]] where f != previous {
            previous = f  // a face touching the position twice (degenerate) counts once
            if simdDot(unitFaceNormals[f], own) >= cosCrease || own == .zero { sum += faceNormals[f] }
        }
        let length = simdLength(sum)
        if length > 0, length.isFinite {
            normals[corner] = sum / length
        } else if own != .zero {
            normals[corner] = own
        }
    }
    expanded.normals = normals
    expanded.indices = (0..<UInt32(indices.count)).map { $0 }
    // Corners of one vertex that ended with the same normal merge back into one vertex.
    try weldPrimitive(&expanded, WeldOptions(removeDegenerateTriangles: false))
    return expanded
}
