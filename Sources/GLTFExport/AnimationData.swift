import MeshOptimizer
import SceneModel

/// Animation keys pooled by kind before they are written: every sampler input goes into one
/// view, every rotation output into another, and so on, each accessor pointing at its slice.
///
/// gltfpack lays animation data out the same way. One view per sampler would cost, per sampler,
/// a view's JSON (~180 bytes compressed) and meshopt's per-stream header and tail, which on
/// a skinned character (CesiumMan: 57 samplers of 49 keys) is as much as the keys themselves;
/// pooled, meshopt also sees long runs of similar values.
struct AnimationData {
    /// What one accessor stores (see WriterState.outputKeys for which is chosen when).
    enum Keys {
        /// Sampler input: float seconds, kept exact (min/max and the strictly increasing order
        /// must hold on the decoded values).
        case times([Float])
        /// Float outputs, `components` per element, written as they are.
        case floats([Float], components: Int, path: AnimationChannel.Path)
        /// Float outputs through meshopt's EXPONENTIAL filter (decodes to float).
        case exponential([Float], components: Int, path: AnimationChannel.Path)
        /// Unit quaternions as normalized SHORT x, y, z, w.
        case shortQuaternions([SIMD4<Float>])
        /// Unit quaternions through meshopt's QUATERNION filter (decodes to normalized SHORT).
        case quaternionFilter([SIMD4<Float>])
        /// Morph weights in [0, 1] as normalized UNSIGNED_BYTE.
        case byteWeights([Float])
    }

    /// One kind's view: the bytes of every member accessor, back to back.
    struct Group {
        var role: String
        /// Bytes per element the meshopt codec is run with (a multiple of 4), and the filter
        /// the bytes already went through.
        var codecStride: Int
        var filter: String?
        var bytes: [UInt8] = []
        /// (accessor index, byte offset inside the view).
        var members: [(accessor: Int, offset: Int)] = []
    }

    private(set) var groups: [Group] = []
    private var groupIndex: [String: Int] = [:]
    /// The first filter error; the write then fails with it.
    private(set) var failure: String?

    static let rotationFilterBits = 12 // gltfpack's rot_bits

    /// Mantissa bits for one channel's EXPONENTIAL keys: 16 (gltfpack's trn_bits/scl_bits)
    /// relative to the channel's largest magnitude. meshoptimizer 0.18 never picks an exponent
    /// below 2⁰, so values under 1 get an absolute step of 2^-(bits-1) rather than a relative
    /// one (measured: 0.1877921 comes back as 0.1878052 at 16 bits, 1e-7 as 0). Adding a bit
    /// per halving of the magnitude below 1 restores 16 significant bits, up to the codec's 24.
    /// The decoder needs no bit count, so each channel may use its own.
    static func exponentialBits(_ values: [Float]) -> Int {
        let largest = values.reduce(Float(0)) { Swift.max($0, $1.isFinite ? abs($1) : 0) }
        guard largest > 0, largest < 1 else { return 16 }
        return Swift.min(24, 16 - Int(largest.exponent))
    }

    /// Appends an accessor for `keys` to `accessors` (its view is filled in once the groups are
    /// written) and returns its index.
    mutating func add(_ keys: Keys, to accessors: inout [GLTFDocument.Accessor]) -> Int {
        let role: String, codecStride: Int, filter: String?, bytes: [UInt8]
        var accessor = GLTFDocument.Accessor(bufferView: -1, componentType: GLTFConstant.float, count: 0, type: "SCALAR")
        switch keys {
        case let .times(times):
            (role, codecStride, filter, bytes) = ("times", 4, nil, BinaryChunk.floats(times))
            accessor.count = times.count
            accessor.min = times.first.map { [Double($0)] }
            accessor.max = times.last.map { [Double($0)] }
        case let .floats(values, components, path):
            (role, codecStride, filter, bytes) = ("\(path.rawValue) floats", 4 * components, nil, BinaryChunk.floats(values))
            accessor.count = values.count / components
            accessor.type = Self.type(components)
        case let .exponential(values, components, path):
            var encoded: [UInt8] = []
            do { encoded = try MeshoptCodec.encodeFilterExp(values, components: components, bits: Self.exponentialBits(values)) } catch {
                fail("\(path.rawValue) keys: \(error)")
                encoded = BinaryChunk.floats(values)
            }
            (role, codecStride, filter, bytes) = ("\(path.rawValue) exponential", 4 * components, "EXPONENTIAL", encoded)
            accessor.count = values.count / components
            accessor.type = Self.type(components)
        case let .shortQuaternions(quaternions):
            let shorts = quaternions.flatMap { q in [q.x, q.y, q.z, q.w].map { Int16(clamping: Int(($0 * 32767).rounded())) } }
            (role, codecStride, filter, bytes) = ("rotation shorts", 8, nil, BinaryChunk.integers(shorts, components: 4, stride: 8))
            accessor.componentType = GLTFConstant.short
            accessor.normalized = true
            accessor.count = quaternions.count
            accessor.type = "VEC4"
        case let .quaternionFilter(quaternions):
            var encoded: [UInt8] = []
            do { encoded = try MeshoptCodec.encodeFilterQuat(quaternions, bits: Self.rotationFilterBits) } catch {
                fail("rotation keys: \(error)")
                encoded = [UInt8](repeating: 0, count: quaternions.count * 8)
            }
            (role, codecStride, filter, bytes) = ("rotation quaternion", 8, "QUATERNION", encoded)
            accessor.componentType = GLTFConstant.short
            accessor.normalized = true
            accessor.count = quaternions.count
            accessor.type = "VEC4"
        case let .byteWeights(values):
            (role, codecStride, filter, bytes) = ("weights bytes", 4, nil, values.map { UInt8(clamping: Int(($0 * 255).rounded())) })
            accessor.componentType = GLTFConstant.unsignedByte
            accessor.normalized = true
            accessor.count = values.count
        }
        accessors.append(accessor)
        let index = accessors.count - 1
        let group: Int
        if let known = groupIndex[role] { group = known } else {
            groups.append(Group(role: role, codecStride: codecStride, filter: filter))
            group = groups.count - 1
            groupIndex[role] = group
        }
        groups[group].members.append((index, groups[group].bytes.count))
        groups[group].bytes += bytes
        return index
    }

    private static func type(_ components: Int) -> String { components == 1 ? "SCALAR" : "VEC\(components)" }

    private mutating func fail(_ message: String) { failure = failure ?? message }
}
