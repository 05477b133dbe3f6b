/// An axis-aligned box; `empty` until a point is added.
public struct Bounds: Sendable, Equatable {
    public var min: SIMD3<Float>
    public var max: SIMD3<Float>

    public static let empty = Bounds(min: SIMD3(repeating: .infinity), max: SIMD3(repeating: -.infinity))

    public init(min: SIMD3<Float>, max: SIMD3<Float>) {
        self.min = min
        self.max = max
    }

    public init<S: Sequence>(points: S) where S.Element == SIMD3<Float> {
        self = .empty
        for p in points { add(p) }
    }

    public var isEmpty: Bool { min.x > max.x }
    public var size: SIMD3<Float> { isEmpty ? .zero : max - min }
    public var center: SIMD3<Float> { (min + max) / 2 }

    public mutating func add(_ p: SIMD3<Float>) {
        min = pointwiseMin(min, p)
        max = pointwiseMax(max, p)
    }

    public mutating func add(_ other: Bounds) {
        guard !other.isEmpty else { return }
        add(other.min)
        add(other.max)
    }
}

extension Scene {
    /// Every node's transform from the scene root, indexed like `nodes`.
    /// A node reached twice (a malformed graph) keeps its first world transform.
    public func worldTransforms() -> [Transform] {
        var world = [Transform?](repeating: nil, count: nodes.count)
        var stack: [(Int, Transform)] = roots.reversed().map { ($0, .identity) }
        while let (index, parent) = stack.popLast() {
            guard world[index] == nil else { continue }
            let mine = parent * nodes[index].transform
            world[index] = mine
            for child in nodes[index].children.reversed() { stack.append((child, mine)) }
        }
        return world.map { $0 ?? .identity }
    }

    /// The bounds of every drawn vertex in world space.
    public var bounds: Bounds {
        var box = Bounds.empty
        let world = worldTransforms()
        for index in reachableNodes() {
            guard let mesh = nodes[index].mesh else { continue }
            for primitive in meshes[mesh].primitives {
                for p in primitive.positions { box.add(world[index].transformPoint(p)) }
            }
        }
        return box
    }

    /// Counts of what a renderer would draw: every mesh instance counted once per node using it.
    public var drawnTriangleCount: Int {
        reachableNodes().reduce(0) { sum, index in
            guard let mesh = nodes[index].mesh else { return sum }
            return sum + meshes[mesh].primitives.reduce(0) { $0 + $1.triangleCount }
        }
    }

    public var drawnVertexCount: Int {
        reachableNodes().reduce(0) { sum, index in
            guard let mesh = nodes[index].mesh else { return sum }
            return sum + meshes[mesh].primitives.reduce(0) { $0 + $1.vertexCount }
        }
    }

    /// Node indices reachable from the roots, each once, depth first.
    public func reachableNodes() -> [Int] {
        var seen = Set<Int>()
        var order: [Int] = []
        var stack = roots.reversed() as [Int]
        while let index = stack.popLast() {
            guard seen.insert(index).inserted else { continue }
            order.append(index)
            stack.append(contentsOf: nodes[index].children.reversed())
        }
        return order
    }
}
