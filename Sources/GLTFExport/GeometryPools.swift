/// Mesh vertex streams and indices pooled by layout before they are written: every vertex
/// stream of one stride and filter goes into one view, every 16-bit triangle list into one
/// index view, and so on, each accessor pointing at its slice (as AnimationData does for keys).
///
/// gltfpack lays geometry out the same way. One view per primitive and stream costs a view's
/// JSON each (~180 bytes compressed, ~70 plain) plus meshopt's per-stream header and tail: on
/// corpus models with a handful of primitives (alien, OrientationTest) that was a third of the
/// file. Pooled, meshopt also sees longer runs of similar data.
struct GeometryPools {
    /// What a pool holds; one view each.
    enum Layout: Hashable {
        /// Vertex elements of `stride` bytes (a multiple of 4), already through `filter`.
        case vertices(stride: Int, filter: String?)
        /// Triangle lists (meshopt mode TRIANGLES) or other index sequences, `size` bytes each.
        case indices(size: Int, triangles: Bool)
    }

    struct Pool {
        var layout: Layout
        /// Vertex pools: the elements back to back.
        var bytes: [UInt8] = []
        /// Index pools: every member's indices back to back, each relative to its own vertices.
        var indices: [UInt32] = []
        /// Elements (vertices or indices) in the pool.
        var count = 0
        /// The largest vertex count any member's indices refer to (meshopt's index codec needs it).
        var vertexCount = 0
        /// A vertex view needs byteStride when elements are padded or several accessors share it.
        var padded = false
        /// (accessor index, byte offset inside the view).
        var members: [(accessor: Int, offset: Int)] = []
    }

    /// Where one member's data starts.
    struct Slot {
        var pool: Int
        var byteOffset: Int
    }

    private(set) var pools: [Pool] = []
    private var poolIndex: [Layout: Int] = [:]

    /// Adds `count` vertex elements of `stride` bytes; returns where they start.
    mutating func addVertices(_ bytes: [UInt8], count: Int, stride: Int, filter: String?, padded: Bool) -> Slot {
        let pool = pool(for: .vertices(stride: stride, filter: filter))
        let slot = Slot(pool: pool, byteOffset: pools[pool].count * stride)
        pools[pool].bytes += bytes
        pools[pool].count += count
        pools[pool].padded = pools[pool].padded || padded
        return slot
    }

    /// Adds an index list into `vertexCount` vertices, stored with `size` bytes per index.
    mutating func addIndices(_ indices: [UInt32], vertexCount: Int, size: Int) -> Slot {
        let pool = pool(for: .indices(size: size, triangles: indices.count % 3 == 0))
        let slot = Slot(pool: pool, byteOffset: pools[pool].count * size)
        pools[pool].indices += indices
        pools[pool].count += indices.count
        pools[pool].vertexCount = Swift.max(pools[pool].vertexCount, vertexCount)
        return slot
    }

    /// Records that `accessor` reads from `slot`, `offset` bytes further (an interleaved attribute).
    mutating func attach(accessor: Int, to slot: Slot, offset: Int = 0) {
        pools[slot.pool].members.append((accessor, slot.byteOffset + offset))
    }

    private mutating func pool(for layout: Layout) -> Int {
        if let known = poolIndex[layout] { return known }
        pools.append(Pool(layout: layout))
        poolIndex[layout] = pools.count - 1
        return pools.count - 1
    }
}
