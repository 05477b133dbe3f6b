import MeshOptimizer
import SceneModel

/// Stream plumbing shared by the passes: every pass that moves vertices must move all of them
/// (positions, normals, every UV set, colours, joints, weights, every morph target), so it is
/// written once here.
extension Primitive {
    /// Applies an old → new vertex table (from meshoptimizer) to every stream and to the indices.
    mutating func applyVertexRemap(_ remap: [UInt32], uniqueCount: Int) throws(MeshOptimization.Error) {
        typealias M = MeshOptimization
        indices = try M.remapIndices(indices, remap: remap)
        positions = try M.remapVertices(positions, remap: remap, uniqueCount: uniqueCount)
        if !normals.isEmpty { normals = try M.remapVertices(normals, remap: remap, uniqueCount: uniqueCount) }
        for set in texCoords.indices {
            texCoords[set] = try M.remapVertices(texCoords[set], remap: remap, uniqueCount: uniqueCount)
        }
        if !colors.isEmpty { colors = try M.remapVertices(colors, remap: remap, uniqueCount: uniqueCount) }
        if !joints.isEmpty { joints = try M.remapVertices(joints, remap: remap, uniqueCount: uniqueCount) }
        if !weights.isEmpty { weights = try M.remapVertices(weights, remap: remap, uniqueCount: uniqueCount) }
        for t in targets.indices {
            targets[t].positions = try M.remapVertices(targets[t].positions, remap: remap, uniqueCount: uniqueCount)
            if !targets[t].normals.isEmpty {
                targets[t].normals = try M.remapVertices(targets[t].normals, remap: remap, uniqueCount: uniqueCount)
            }
        }
    }

    /// A new vertex list where vertex i is a copy of old vertex `sources[i]` (indices untouched).
    func gatheringVertices(_ sources: [Int]) -> Primitive {
        var out = self
        out.positions = sources.map { positions[$0] }
        if !normals.isEmpty { out.normals = sources.map { normals[$0] } }
        out.texCoords = texCoords.map { set in sources.map { set[$0] } }
        if !colors.isEmpty { out.colors = sources.map { colors[$0] } }
        if !joints.isEmpty { out.joints = sources.map { joints[$0] } }
        if !weights.isEmpty { out.weights = sources.map { weights[$0] } }
        out.targets = targets.map { target in
            MorphTarget(name: target.name, positions: sources.map { target.positions[$0] },
                        normals: target.normals.isEmpty ? [] : sources.map { target.normals[$0] })
        }
        return out
    }

    /// Drops vertices no triangle uses, keeping the survivors in their current order.
    mutating func removeUnusedVertices() throws(MeshOptimization.Error) {
        var used = [Bool](repeating: false, count: positions.count)
        for index in indices where Int(index) < used.count { used[Int(index)] = true }
        guard used.contains(false) else { return }
        var remap = [UInt32](repeating: MeshOptimization.unused, count: positions.count)
        var next: UInt32 = 0
        for v in used.indices where used[v] {
            remap[v] = next
            next += 1
        }
        try applyVertexRemap(remap, uniqueCount: Int(next))
    }

    /// Removes triangles with a repeated index (zero area by construction, e.g. after a weld).
    mutating func removeDegenerateTriangles() {
        var kept: [UInt32] = []
        kept.reserveCapacity(indices.count)
        var i = 0
        while i + 2 < indices.count {
            let a = indices[i], b = indices[i + 1], c = indices[i + 2]
            if a != b, b != c, a != c { kept += [a, b, c] }
            i += 3
        }
        indices = kept
    }

    /// Which optional streams the primitive carries; primitives can share one vertex list only
    /// when their layouts agree.
    var layout: StreamLayout {
        StreamLayout(normals: !normals.isEmpty, texCoordSets: texCoords.count, colors: !colors.isEmpty,
                     skinned: !joints.isEmpty || !weights.isEmpty, targets: targets.map { !$0.normals.isEmpty })
    }
}

struct StreamLayout: Hashable {
    var normals: Bool
    var texCoordSets: Int
    var colors: Bool
    var skinned: Bool
    /// One entry per morph target: whether it displaces normals too.
    var targets: [Bool]
}

extension Transform {
    /// The upper-left 3×3 as columns.
    var linear: (SIMD3<Float>, SIMD3<Float>, SIMD3<Float>) {
        (SIMD3(columns[0].x, columns[0].y, columns[0].z), SIMD3(columns[1].x, columns[1].y, columns[1].z),
         SIMD3(columns[2].x, columns[2].y, columns[2].z))
    }

    var determinant: Float {
        let (a, b, c) = linear
        return simdDot(a, simdCross(b, c))
    }

    /// Maps a normal: the inverse transpose of the 3×3 equals its cofactor matrix divided by the
    /// determinant. The cofactor form stays defined for singular matrices; its sign is fixed so a
    /// mirrored transform still yields outward normals.
    func transformNormal(_ n: SIMD3<Float>) -> SIMD3<Float> {
        let (a, b, c) = linear
        // Rows of the cofactor matrix are the cross products of pairs of columns.
        let r0 = simdCross(b, c), r1 = simdCross(c, a), r2 = simdCross(a, b)
        var m = r0 * n.x + r1 * n.y + r2 * n.z
        if determinant < 0 { m = -m }
        let length = simdLength(m)
        return length > 0 && length.isFinite ? m / length : n
    }

    /// The largest factor by which the transform stretches any direction's length (approximately:
    /// the longest column), used to turn local-space errors into world-space ones.
    var maxScale: Float {
        let (a, b, c) = linear
        return max(simdLength(a), simdLength(b), simdLength(c))
    }
}

@inline(__always) func simdDot(_ a: SIMD3<Float>, _ b: SIMD3<Float>) -> Float { (a * b).sum() }
@inline(__always) func simdLength(_ a: SIMD3<Float>) -> Float { simdDot(a, a).squareRoot() }
@inline(__always) func simdCross(_ a: SIMD3<Float>, _ b: SIMD3<Float>) -> SIMD3<Float> {
    SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
}
