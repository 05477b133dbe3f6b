import SceneModel

/// Assimp keeps bones per assimp mesh, by node name, with weights listed per bone. glTF wants
/// one skin per node (a list of joint nodes with inverse bind matrices) and four
/// (joint, weight) pairs per vertex. This turns the first into the second.
///
/// A Scene mesh gathers several assimp meshes (one per material), so its joint list is the
/// union of their bones in first-seen order; every primitive indexes that one list.
struct BoneBinding {
    /// Joint nodes in joint-index order, and one inverse bind matrix each.
    var joints: [Int]
    var inverseBindMatrices: [Transform]
    /// Per source assimp mesh, per vertex in assimp's numbering.
    var vertexJoints: [[SIMD4<UInt16>]]
    var vertexWeights: [[SIMD4<Float>]]
    /// Some vertex had no weight at all. In assimp such a vertex stays where its mesh node
    /// puts it; in glTF every vertex of a skinned mesh must follow joints, so those vertices
    /// get joint index `joints.count`, which `skin(for:)` fills per node with a joint that
    /// reproduces the mesh node's placement.
    var hasUnweightedVertices: Bool

    /// nil when none of the bones names a node (then the mesh is shown unskinned).
    static func make(sources: [RawMesh], nodes: NodeIndex, warn: (String) -> Void) -> BoneBinding? {
        guard sources.contains(where: { !$0.bones.isEmpty }) else { return nil }
        var joints: [Int] = []
        var matrices: [Transform] = []
        var jointOfNode: [Int: Int] = [:]
        var influences: [[[(joint: Int, weight: Float)]]] = []
        for source in sources {
            var perVertex = [[(joint: Int, weight: Float)]](repeating: [], count: source.positions.count)
            for bone in source.bones {
                guard let node = nodes.node(named: bone.name) else {
                    warn("bone '\(bone.name)' of mesh '\(source.name)' names no node; its weights were left out")
                    continue
                }
                if nodes.ambiguous.contains(bone.name) {
                    warn("several nodes are named '\(bone.name)'; the bone was bound to the first of them")
                }
                let joint: Int
                if let known = jointOfNode[node] {
                    joint = known
                    if !Self.nearlyEqual(matrices[known], bone.offset) {
                        warn("bone '\(bone.name)' has different bind matrices in different parts of mesh '\(source.name)'; the first was kept")
                    }
                } else {
                    joint = joints.count
                    jointOfNode[node] = joint
                    joints.append(node)
                    matrices.append(Self.finite(bone.offset) ? bone.offset : .identity)
                }
                for (vertex, weight) in bone.weights where weight.isFinite && weight > 0 && vertex < perVertex.count {
                    perVertex[vertex].append((joint, weight))
                }
            }
            influences.append(perVertex)
        }
        guard !joints.isEmpty else { return nil }
        // One slot stays free for the per-node joint of unweighted vertices.
        guard joints.count < Int(UInt16.max) else {
            warn("skinning with \(joints.count) bones is more than glTF can index; the model is shown in its bind pose")
            return nil
        }

        var binding = BoneBinding(joints: joints, inverseBindMatrices: matrices, vertexJoints: [], vertexWeights: [],
                                  hasUnweightedVertices: false)
        for perVertex in influences {
            var js: [SIMD4<UInt16>] = [], ws: [SIMD4<Float>] = []
            js.reserveCapacity(perVertex.count)
            ws.reserveCapacity(perVertex.count)
            for list in perVertex {
                if let (j, w) = Self.strongestFour(list) {
                    js.append(j)
                    ws.append(w)
                } else {
                    js.append(SIMD4(UInt16(joints.count), 0, 0, 0))
                    ws.append(SIMD4(1, 0, 0, 0))
                    binding.hasUnweightedVertices = true
                }
            }
            binding.vertexJoints.append(js)
            binding.vertexWeights.append(ws)
        }
        return binding
    }

    /// The skin of one node that shows this mesh.
    func skin(for meshNode: Int, nodes: NodeIndex, name: String) -> Skin {
        var joints = joints, matrices = inverseBindMatrices
        if hasUnweightedVertices {
            // The mesh node itself with an identity inverse bind matrix puts a vertex exactly
            // where assimp draws it. If the node is already a joint, the nearest ancestor that
            // is not, with the matrix that lands on the mesh node, does the same.
            let taken = Set(joints)
            let candidate = nodes.chain(from: meshNode).first { !taken.contains($0) }
                ?? nodes.parents.indices.first { !taken.contains($0) } ?? meshNode
            let matrix = nodes.world[candidate].affineInverse.map { $0 * nodes.world[meshNode] } ?? .identity
            joints.append(candidate)
            matrices.append(matrix)
        }
        return Skin(name: name, joints: joints, inverseBindMatrices: matrices, skeleton: nodes.commonAncestor(of: joints))
    }

    /// The four largest weights (ties broken by joint index, so output is deterministic),
    /// renormalized to sum to 1 in Float. nil when there is no positive weight.
    static func strongestFour(_ list: [(joint: Int, weight: Float)]) -> (SIMD4<UInt16>, SIMD4<Float>)? {
        // A joint listed twice (two bones naming one node) counts once, with both weights.
        var merged: [Int: Float] = [:]
        for (joint, weight) in list { merged[joint, default: 0] += weight }
        let sorted = merged.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(4)
        let total = sorted.reduce(Float(0)) { $0 + $1.value }
        guard total > 0, total.isFinite else { return nil }
        var joints = SIMD4<UInt16>(repeating: 0), weights = SIMD4<Float>(repeating: 0)
        for (slot, entry) in sorted.enumerated() {
            joints[slot] = UInt16(entry.key)
            weights[slot] = entry.value / total
        }
        // Give the rounding remainder to the largest weight so the Float sum is 1.
        weights[0] = 1 - (weights[1] + weights[2] + weights[3])
        return (joints, weights)
    }

    private static func finite(_ t: Transform) -> Bool {
        t.columns.allSatisfy { $0.x.isFinite && $0.y.isFinite && $0.z.isFinite && $0.w.isFinite }
    }

    private static func nearlyEqual(_ a: Transform, _ b: Transform) -> Bool {
        zip(a.flattened, b.flattened).allSatisfy { abs($0 - $1) <= 1e-4 * max(1, abs($0)) }
    }
}
