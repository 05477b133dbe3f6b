/// The GLB container: a 12-byte header, the JSON chunk padded with spaces, the BIN chunk padded
/// with zeros, both 4-byte aligned (glTF 2.0 §4.4).
enum GLBContainer {
    static let magic: UInt32 = 0x4654_6C67 // "glTF"
    static let version: UInt32 = 2
    static let jsonChunk: UInt32 = 0x4E4F_534A // "JSON"
    static let binChunk: UInt32 = 0x004E_4942 // "BIN\0"

    struct TooLarge: Error {}

    static func pack(json: [UInt8], bin: [UInt8]) throws(TooLarge) -> [UInt8] {
        let paddedJSON = json + [UInt8](repeating: 0x20, count: (4 - json.count % 4) % 4)
        let paddedBIN = bin + [UInt8](repeating: 0, count: (4 - bin.count % 4) % 4)
        let total = 12 + 8 + paddedJSON.count + (bin.isEmpty ? 0 : 8 + paddedBIN.count)
        guard total <= Int(UInt32.max) else { throw TooLarge() }
        var out: [UInt8] = []
        out.reserveCapacity(total)
        func word(_ value: UInt32) { withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) } }
        word(magic); word(version); word(UInt32(total))
        word(UInt32(paddedJSON.count)); word(jsonChunk)
        out.append(contentsOf: paddedJSON)
        if !bin.isEmpty {
            word(UInt32(paddedBIN.count)); word(binChunk)
            out.append(contentsOf: paddedBIN)
        }
        return out
    }
}
