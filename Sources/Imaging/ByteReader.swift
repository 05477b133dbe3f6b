/// Bounds-checked little-endian reads for the hand-written decoders (TGA, BMP).
/// Every read throws instead of trapping, so truncated files become errors, not crashes.
struct ByteReader {
    let bytes: [UInt8]
    let format: String

    init(_ bytes: [UInt8], format: String) {
        self.bytes = bytes
        self.format = format
    }

    var count: Int { bytes.count }

    /// Throws unless `length` bytes starting at `offset` are present.
    func require(_ offset: Int, _ length: Int, _ what: String) throws {
        guard offset >= 0, length >= 0, offset <= bytes.count, length <= bytes.count - offset else {
            throw ImagingError("\(format): file is truncated (\(what) needs bytes \(offset)..<\(offset + length), file has \(bytes.count))")
        }
    }

    func u8(_ offset: Int) throws -> Int {
        try require(offset, 1, "field at \(offset)")
        return Int(bytes[offset])
    }

    func u16(_ offset: Int) throws -> Int {
        try require(offset, 2, "field at \(offset)")
        return Int(bytes[offset]) | Int(bytes[offset + 1]) << 8
    }

    func u32(_ offset: Int) throws -> Int {
        try require(offset, 4, "field at \(offset)")
        return Int(bytes[offset]) | Int(bytes[offset + 1]) << 8
            | Int(bytes[offset + 2]) << 16 | Int(bytes[offset + 3]) << 24
    }

    func i32(_ offset: Int) throws -> Int {
        Int(Int32(truncatingIfNeeded: UInt32(try u32(offset))))
    }
}
