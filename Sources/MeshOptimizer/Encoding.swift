import CMeshOptimizer

/// meshoptimizer's codecs, as EXT_meshopt_compression uses them: the vertex (ATTRIBUTES),
/// index (TRIANGLES) and index-sequence (INDICES) bitstreams, the OCTAHEDRAL / QUATERNION /
/// EXPONENTIAL filters, and their decoders (for tests and the structural checker).
///
/// Every precondition the C library would `assert` on (stride, counts, bit widths) is checked
/// here first and reported as a thrown `MeshoptCodecError`, so bad input never traps.
///
/// Bitstream versions: EXT_meshopt_compression allows only the version-0 vertex bitstream (header
/// 0xa0) and index version 1 (0xe1 / 0xd1). meshoptimizer 1.x defaults the vertex codec to v1
/// (0xa1, KHR_meshopt_compression only); Debian's 0.18 knows v0 only. Either way the versions are
/// pinned once, process-wide, before the first encode — as gltfpack does at startup.
public enum MeshoptCodec {
    /// The linked library's version, major * 1000 + minor * 10 + patch (180 for 0.18).
    public static let libraryVersion = Int(MESHOPTIMIZER_VERSION)

    /// Header byte of an ATTRIBUTES bitstream as written here (version 0).
    public static let vertexHeader: UInt8 = 0xa0
    /// Header bytes of TRIANGLES and INDICES bitstreams as written here (index version 1).
    public static let triangleHeader: UInt8 = 0xe1
    public static let sequenceHeader: UInt8 = 0xd1

    /// `swift_once` runs this exactly once, so concurrent writers never race on the library's
    /// global version variables, and all of them always see the same values.
    private static let pinnedVersions: Void = {
        meshopt_encodeVertexVersion(0)
        meshopt_encodeIndexVersion(1)
    }()

    // MARK: - Bounds

    /// Worst-case size of `encodeVertexBuffer`'s output (0 when the arguments are invalid).
    public static func vertexBufferBound(count: Int, stride: Int) -> Int {
        guard count >= 0, validVertexStride(stride) else { return 0 }
        return meshopt_encodeVertexBufferBound(count, stride)
    }

    /// Worst-case size of `encodeIndexBuffer`'s output.
    public static func indexBufferBound(indexCount: Int, vertexCount: Int) -> Int {
        guard indexCount >= 0, indexCount % 3 == 0, vertexCount >= 0 else { return 0 }
        return meshopt_encodeIndexBufferBound(indexCount, vertexCount)
    }

    /// Worst-case size of `encodeIndexSequence`'s output.
    public static func indexSequenceBound(indexCount: Int, vertexCount: Int) -> Int {
        guard indexCount >= 0, vertexCount >= 0 else { return 0 }
        return meshopt_encodeIndexSequenceBound(indexCount, vertexCount)
    }

    // MARK: - Vertex streams (mode ATTRIBUTES)

    /// Encodes `count` elements of `stride` bytes (`bytes.count == count * stride`, stride a
    /// multiple of 4 up to 256). Padding inside elements is encoded verbatim: zero it first.
    public static func encodeVertexBuffer(_ bytes: [UInt8], count: Int, stride: Int) throws(MeshoptCodecError) -> [UInt8] {
        guard validVertexStride(stride) else { throw .invalidStride(stride, allowed: "a multiple of 4 from 4 to 256") }
        guard count >= 0, bytes.count == count * stride else { throw .sizeMismatch(expected: count * stride, actual: bytes.count) }
        _ = pinnedVersions
        let bound = meshopt_encodeVertexBufferBound(count, stride)
        var out = [UInt8](repeating: 0, count: bound)
        let written = out.withUnsafeMutableBufferPointer { dst in
            bytes.withUnsafeBytes { src in
                meshopt_encodeVertexBuffer(dst.baseAddress, bound, src.baseAddress, count, stride)
            }
        }
        guard written > 0 else { throw .encoderFailed("vertex buffer") }
        out.removeLast(bound - written)
        return out
    }

    /// Decodes an ATTRIBUTES bitstream into `count * stride` bytes.
    public static func decodeVertexBuffer(_ encoded: [UInt8], count: Int, stride: Int) throws(MeshoptCodecError) -> [UInt8] {
        guard validVertexStride(stride) else { throw .invalidStride(stride, allowed: "a multiple of 4 from 4 to 256") }
        guard count >= 0 else { throw .sizeMismatch(expected: 0, actual: count) }
        var out = [UInt8](repeating: 0, count: count * stride)
        let status = out.withUnsafeMutableBytes { dst in
            encoded.withUnsafeBufferPointer { src in
                meshopt_decodeVertexBuffer(dst.baseAddress, count, stride, src.baseAddress, src.count)
            }
        }
        guard status == 0 else { throw .malformed("vertex buffer", code: Int(status)) }
        return out
    }

    // MARK: - Index streams (modes TRIANGLES and INDICES)

    /// Encodes a triangle list (count a multiple of 3) for mode TRIANGLES.
    public static func encodeIndexBuffer(_ indices: [UInt32], vertexCount: Int) throws(MeshoptCodecError) -> [UInt8] {
        guard indices.count % 3 == 0 else { throw .invalidCount(indices.count, rule: "a multiple of 3 (triangle list)") }
        try checkRange(indices, vertexCount: vertexCount)
        _ = pinnedVersions
        let bound = meshopt_encodeIndexBufferBound(indices.count, vertexCount)
        var out = [UInt8](repeating: 0, count: bound)
        let written = out.withUnsafeMutableBufferPointer { dst in
            indices.withUnsafeBufferPointer { src in
                meshopt_encodeIndexBuffer(dst.baseAddress, bound, src.baseAddress, src.count)
            }
        }
        guard written > 0 else { throw .encoderFailed("index buffer") }
        out.removeLast(bound - written)
        return out
    }

    /// Encodes any index list (strips, lines, sparse indices) for mode INDICES.
    public static func encodeIndexSequence(_ indices: [UInt32], vertexCount: Int) throws(MeshoptCodecError) -> [UInt8] {
        try checkRange(indices, vertexCount: vertexCount)
        _ = pinnedVersions
        let bound = meshopt_encodeIndexSequenceBound(indices.count, vertexCount)
        var out = [UInt8](repeating: 0, count: bound)
        let written = out.withUnsafeMutableBufferPointer { dst in
            indices.withUnsafeBufferPointer { src in
                meshopt_encodeIndexSequence(dst.baseAddress, bound, src.baseAddress, src.count)
            }
        }
        guard written > 0 else { throw .encoderFailed("index sequence") }
        out.removeLast(bound - written)
        return out
    }

    /// Decodes a TRIANGLES bitstream into `count` little-endian indices of `indexSize` (2 or 4) bytes.
    public static func decodeIndexBuffer(_ encoded: [UInt8], count: Int, indexSize: Int) throws(MeshoptCodecError) -> [UInt8] {
        guard count >= 0, count % 3 == 0 else { throw .invalidCount(count, rule: "a multiple of 3 (triangle list)") }
        guard indexSize == 2 || indexSize == 4 else { throw .invalidStride(indexSize, allowed: "2 or 4") }
        var out = [UInt8](repeating: 0, count: count * indexSize)
        let status = out.withUnsafeMutableBytes { dst in
            encoded.withUnsafeBufferPointer { src in
                meshopt_decodeIndexBuffer(dst.baseAddress, count, indexSize, src.baseAddress, src.count)
            }
        }
        guard status == 0 else { throw .malformed("index buffer", code: Int(status)) }
        return out
    }

    /// Decodes an INDICES bitstream into `count` little-endian indices of `indexSize` (2 or 4) bytes.
    public static func decodeIndexSequence(_ encoded: [UInt8], count: Int, indexSize: Int) throws(MeshoptCodecError) -> [UInt8] {
        guard count >= 0 else { throw .invalidCount(count, rule: "not negative") }
        guard indexSize == 2 || indexSize == 4 else { throw .invalidStride(indexSize, allowed: "2 or 4") }
        var out = [UInt8](repeating: 0, count: count * indexSize)
        let status = out.withUnsafeMutableBytes { dst in
            encoded.withUnsafeBufferPointer { src in
                meshopt_decodeIndexSequence(dst.baseAddress, count, indexSize, src.baseAddress, src.count)
            }
        }
        guard status == 0 else { throw .malformed("index sequence", code: Int(status)) }
        return out
    }

    // MARK: - Filters (encode before the vertex codec, decode after it)

    /// OCTAHEDRAL: unit vectors (x, y, z, w; w kept as a snorm) → `stride` 4 (8-bit) or 8 (16-bit)
    /// bytes each with `bits` ≤ 8 or ≤ 16 of precision. Non-finite components become 0 and a
    /// zero vector becomes +Z, because the C code divides by the vector's length.
    public static func encodeFilterOct(_ vectors: [SIMD4<Float>], stride: Int, bits: Int) throws(MeshoptCodecError) -> [UInt8] {
        guard stride == 4 || stride == 8 else { throw .invalidStride(stride, allowed: "4 or 8") }
        guard (1...(stride * 2)).contains(bits) else { throw .invalidBits(bits, allowed: "1...\(stride * 2)") }
        var data: [Float] = []
        data.reserveCapacity(vectors.count * 4)
        for v in vectors {
            var c = SIMD4(finite(v.x), finite(v.y), finite(v.z), Swift.max(-1, Swift.min(1, finite(v.w))))
            if abs(c.x) + abs(c.y) + abs(c.z) == 0 { c.z = 1 }
            data += [c.x, c.y, c.z, c.w]
        }
        return filtered(count: vectors.count, stride: stride, data: data) { meshopt_encodeFilterOct($0, vectors.count, stride, Int32(bits), $1) }
    }

    /// QUATERNION: unit quaternions (x, y, z, w) → 8 bytes each with `bits` (4...16) per component.
    public static func encodeFilterQuat(_ quaternions: [SIMD4<Float>], bits: Int) throws(MeshoptCodecError) -> [UInt8] {
        guard (4...16).contains(bits) else { throw .invalidBits(bits, allowed: "4...16") }
        var data: [Float] = []
        data.reserveCapacity(quaternions.count * 4)
        for q in quaternions {
            var c = SIMD4(finite(q.x), finite(q.y), finite(q.z), finite(q.w))
            let length = (c * c).sum().squareRoot()
            c = length > 0 ? c / length : SIMD4(0, 0, 0, 1)
            data += [c.x, c.y, c.z, c.w]
        }
        return filtered(count: quaternions.count, stride: 8, data: data) { meshopt_encodeFilterQuat($0, quaternions.count, 8, Int32(bits), $1) }
    }

    /// EXPONENTIAL: `values` as elements of `components` floats (stride `4 * components`), each
    /// element sharing one exponent, with `bits` (1...24) of mantissa. Non-finite values become 0.
    public static func encodeFilterExp(_ values: [Float], components: Int, bits: Int) throws(MeshoptCodecError) -> [UInt8] {
        guard (1...64).contains(components) else { throw .invalidStride(components * 4, allowed: "a multiple of 4 from 4 to 256") }
        guard values.count % components == 0 else { throw .sizeMismatch(expected: values.count / components * components, actual: values.count) }
        guard (1...24).contains(bits) else { throw .invalidBits(bits, allowed: "1...24") }
        let count = values.count / components
        let data = values.map(finite)
        return filtered(count: count, stride: components * 4, data: data) { meshopt_encodeFilterExp($0, count, components * 4, Int32(bits), $1) }
    }

    /// Undoes OCTAHEDRAL in place: `bytes` holds `count` elements of `stride` 4 or 8.
    public static func decodeFilterOct(_ bytes: inout [UInt8], count: Int, stride: Int) throws(MeshoptCodecError) {
        guard stride == 4 || stride == 8 else { throw .invalidStride(stride, allowed: "4 or 8") }
        try decodeFilter(&bytes, count: count, stride: stride) { meshopt_decodeFilterOct($0, count, stride) }
    }

    /// Undoes QUATERNION in place (stride 8).
    public static func decodeFilterQuat(_ bytes: inout [UInt8], count: Int) throws(MeshoptCodecError) {
        try decodeFilter(&bytes, count: count, stride: 8) { meshopt_decodeFilterQuat($0, count, 8) }
    }

    /// Undoes EXPONENTIAL in place (stride a multiple of 4); the result is little-endian floats.
    public static func decodeFilterExp(_ bytes: inout [UInt8], count: Int, stride: Int) throws(MeshoptCodecError) {
        guard stride > 0, stride % 4 == 0 else { throw .invalidStride(stride, allowed: "a multiple of 4") }
        try decodeFilter(&bytes, count: count, stride: stride) { meshopt_decodeFilterExp($0, count, stride) }
    }

    // MARK: - Helpers

    private static func validVertexStride(_ stride: Int) -> Bool { stride > 0 && stride <= 256 && stride % 4 == 0 }

    private static func finite(_ x: Float) -> Float { x.isFinite ? x : 0 }

    private static func checkRange(_ indices: [UInt32], vertexCount: Int) throws(MeshoptCodecError) {
        guard vertexCount >= 0 else { throw .invalidCount(vertexCount, rule: "not negative") }
        if let bad = indices.first(where: { Int($0) >= vertexCount }) { throw .indexOutOfRange(Int(bad), vertexCount: vertexCount) }
    }

    private static func filtered(count: Int, stride: Int, data: [Float],
                                 _ body: (UnsafeMutableRawPointer?, UnsafePointer<Float>?) -> Void) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: count * stride)
        guard count > 0 else { return out }
        out.withUnsafeMutableBytes { dst in data.withUnsafeBufferPointer { src in body(dst.baseAddress, src.baseAddress) } }
        return out
    }

    private static func decodeFilter(_ bytes: inout [UInt8], count: Int, stride: Int,
                                     _ body: (UnsafeMutableRawPointer?) -> Void) throws(MeshoptCodecError) {
        guard count >= 0, bytes.count == count * stride else { throw .sizeMismatch(expected: Swift.max(0, count) * stride, actual: bytes.count) }
        guard count > 0 else { return }
        bytes.withUnsafeMutableBytes { body($0.baseAddress) }
    }
}

/// Why a meshoptimizer encode or decode was refused or failed.
public enum MeshoptCodecError: Error, Equatable, CustomStringConvertible {
    case invalidStride(Int, allowed: String)
    case invalidBits(Int, allowed: String)
    case invalidCount(Int, rule: String)
    case sizeMismatch(expected: Int, actual: Int)
    case indexOutOfRange(Int, vertexCount: Int)
    /// The encoder returned 0 (only possible when its output buffer is too small).
    case encoderFailed(String)
    /// The decoder returned a non-zero status (-1: truncated or bad header, -2: corrupt data).
    case malformed(String, code: Int)

    public var description: String {
        switch self {
        case let .invalidStride(stride, allowed): "meshopt: stride \(stride) is not \(allowed)"
        case let .invalidBits(bits, allowed): "meshopt: \(bits) bits is outside \(allowed)"
        case let .invalidCount(count, rule): "meshopt: count \(count) is not \(rule)"
        case let .sizeMismatch(expected, actual): "meshopt: \(actual) bytes or values given, \(expected) expected"
        case let .indexOutOfRange(index, vertexCount): "meshopt: index \(index) is not below the vertex count \(vertexCount)"
        case let .encoderFailed(what): "meshopt: encoding the \(what) failed"
        case let .malformed(what, code): "meshopt: the \(what) bitstream is malformed (status \(code))"
        }
    }
}
