/// The GLB's BIN chunk under construction. Every view starts on a 4-byte boundary (what
/// gltfpack does), so any accessor type placed at a view's start is aligned.
struct BinaryChunk {
    private(set) var bytes: [UInt8] = []
    private(set) var views: [GLTFDocument.BufferView] = []

    /// Appends `data` as a new buffer view and returns the view's index.
    mutating func appendView(_ data: [UInt8], target: Int? = nil, byteStride: Int? = nil) -> Int {
        while bytes.count % 4 != 0 { bytes.append(0) }
        views.append(GLTFDocument.BufferView(byteOffset: bytes.count, byteLength: data.count, byteStride: byteStride, target: target))
        bytes.append(contentsOf: data)
        return views.count - 1
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
