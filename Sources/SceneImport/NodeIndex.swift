import SceneModel

/// The imported node tree seen from the side of bones and animation channels, which name
/// nodes instead of pointing at them.
///
/// Names are not unique in every file (assimp's glTF importer falls back to ids, FBX repeats
/// names across takes). A name resolves to the first node with it in depth-first order, which
/// is what assimp's own `aiNode::FindNode` returns, so we bind the same node assimp's viewer
/// would; `ambiguous` lets the builder say so when it happens.
struct NodeIndex {
    let parents: [Int?]
    /// World transform of every raw node (the importer's tree is rooted at node 0).
    let world: [Transform]
    private var firstByName: [String: Int] = [:]
    private(set) var ambiguous: Set<String> = []

    init(_ nodes: [RawNode], transforms: [Transform]) {
        var parents = [Int?](repeating: nil, count: nodes.count)
        for (index, node) in nodes.enumerated() {
            for child in node.children where nodes.indices.contains(child) { parents[child] = index }
        }
        self.parents = parents
        // Raw nodes are stored parent before child (a depth-first copy), so one pass suffices.
        var world = transforms
        for index in nodes.indices {
            if let parent = parents[index], parent < index { world[index] = world[parent] * transforms[index] }
        }
        self.world = world
        for (index, node) in nodes.enumerated() {
            if firstByName[node.name] == nil { firstByName[node.name] = index } else { ambiguous.insert(node.name) }
        }
    }

    func node(named name: String) -> Int? { firstByName[name] }

    /// `node` and its ancestors, nearest first.
    func chain(from node: Int) -> [Int] {
        var out: [Int] = []
        var current: Int? = node
        while let c = current, !out.contains(c) {
            out.append(c)
            current = parents[c]
        }
        return out
    }

    /// The deepest node that is an ancestor of (or equal to) every node in `nodes`.
    func commonAncestor(of nodes: [Int]) -> Int? {
        guard var common = nodes.first.map(chain(from:)) else { return nil }
        for node in nodes.dropFirst() {
            let ancestors = Set(chain(from: node))
            common = common.filter { ancestors.contains($0) }
        }
        return common.first
    }
}

extension Transform {
    /// The inverse of an affine transform, nil when it is singular or not affine.
    var affineInverse: Transform? {
        let c = columns
        guard c[0].w == 0, c[1].w == 0, c[2].w == 0, c[3].w == 1 else { return nil }
        let a = SIMD3(c[0].x, c[0].y, c[0].z), b = SIMD3(c[1].x, c[1].y, c[1].z), d = SIMD3(c[2].x, c[2].y, c[2].z)
        func cross(_ u: SIMD3<Float>, _ v: SIMD3<Float>) -> SIMD3<Float> {
            SIMD3(u.y * v.z - u.z * v.y, u.z * v.x - u.x * v.z, u.x * v.y - u.y * v.x)
        }
        // Rows of the inverse of [a b d] are the cross products divided by the determinant.
        let r0 = cross(b, d), r1 = cross(d, a), r2 = cross(a, b)
        let determinant = (a * r0).sum()
        guard determinant.isFinite, abs(determinant) > 1e-20 else { return nil }
        let i0 = r0 / determinant, i1 = r1 / determinant, i2 = r2 / determinant
        let t = SIMD3(c[3].x, c[3].y, c[3].z)
        let translation = -SIMD3((i0 * t).sum(), (i1 * t).sum(), (i2 * t).sum())
        return Transform(columns: [
            SIMD4(i0.x, i1.x, i2.x, 0), SIMD4(i0.y, i1.y, i2.y, 0), SIMD4(i0.z, i1.z, i2.z, 0),
            SIMD4(translation, 1),
        ])
    }
}
