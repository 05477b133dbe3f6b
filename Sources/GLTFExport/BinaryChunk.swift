/// The GLB's BIN chunk under construction. Every view starts on a 4-byte boundary (what
/// gltfpack does), so any accessor type placed at a view's start is aligned.
struct BinaryChunk {
    private(set) var bytes: [UInt8] = []
    private(set) var views: [GLTFDocument.BufferView] = []
    /// Bytes the EXT_meshopt_compression fallback buffer (always `buffers[1]`) must hold: the
    /// decoded size of every compressed view, each decoded view starting 4-byte aligned.
    private(set) var fallbackLength = 0
    static let fallbackBuffer = 1

    /// Appends `data` as a new buffer view and returns the view's index.
    mutating func appendView(_ data: [UInt8], target: Int? = nil, byteStride: Int? = nil) -> Int {
        while bytes.count % 4 != 0 { bytes.append(0) }
        views.append(GLTFDocument.BufferView(byteOffset: bytes.count, byteLength: data.count, byteStride: byteStride, target: target))
        bytes.append(contentsOf: data)
        return views.count - 1
    }

    /// Appends a meshopt bitstream to the BIN chunk and a view describing its decoded form:
    /// `count` elements of `stride` bytes inside the fallback buffer. The parent view repeats the
    /// stride only for vertex data (index views must not have one), and has no target for
    /// animation data (glTF forbids both there).
    mutating func appendCompressedView(_ encoded: [UInt8], count: Int, stride: Int, mode: String, filter: String?,
                                       target: Int?, byteStride: Int?) -> Int {
        while bytes.count % 4 != 0 { bytes.append(0) }
        while fallbackLength % 4 != 0 { fallbackLength += 1 }
        let meshopt = GLTFDocument.MeshoptBufferView(buffer: 0, byteOffset: bytes.count, byteLength: encoded.count,
                                                     byteStride: stride, count: count, mode: mode, filter: filter)
        views.append(GLTFDocument.BufferView(buffer: Self.fallbackBuffer, byteOffset: fallbackLength, byteLength: count * stride,
                                             byteStride: byteStride, target: target,
                                             extensions: .init(EXT_meshopt_compression: meshopt)))
        bytes.append(contentsOf: encoded)
        fallbackLength += count * stride
        return views.count - 1
    }

    /// Little-endian integers, `components` per element, each element zero-padded to `stride`
    /// bytes (vertex elements must start 4-byte aligned; meshopt encodes padding verbatim).
    static func integers<T: FixedWidthInteger>(_ values: [T], components: Int, stride: Int) -> [UInt8] {
        let size = MemoryLayout<T>.size
        let count = components > 0 ? values.count / components : 0
        var out = [UInt8](repeating: 0, count: count * stride)
        out.withUnsafeMutableBytes { raw in
            for element in 0..<count {
                for c in 0..<components {
                    raw.storeBytes(of: values[element * components + c].littleEndian, toByteOffset: element * stride + c * size, as: T.self)
                }
            }
        }
        return out
    }

    /// Little-endian bytes of float vectors, tightly packed.
    static func floats<S: Sequence>(_ values: S) -> [UInt8] where S.Element == Float {
        var out: [UInt8] = []
        for value in values { withUnsafeBytes(of: value.bitPattern.littleEndian) { out.append(contentsOf: $0) } }
        return out
    }

    static func uint16s(_ values: [UInt32]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(values.count * 2)
        for value in values { withUnsafeBytes(of: UInt16(value).littleEndian) { out.append(contentsOf: $0) } }
        return out
    }

    static func uint32s(_ values: [UInt32]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(values.count * 4)
        for value in values { withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) } }
        return out
    }
}
