/// Walks a zip's local headers and central directory the way a strict reader would, reporting
/// the facts the usdz rules are about. Independent of `USDZPackage` (its own CRC table too).
struct ZipReader {
    struct Entry {
        var name: String
        var method: UInt16
        var flags: UInt16
        var crc: UInt32
        var compressedSize: Int
        var size: Int
        var headerOffset: Int
        var dataOffset: Int
        var data: [UInt8]
        var extraField: [UInt8]
    }

    struct ReadError: Error, CustomStringConvertible { var description: String }

    var entries: [Entry] = []
    var centralNames: [String] = []
    var centralOffsets: [Int] = []
    var centralCRCs: [UInt32] = []
    var centralExtraLengths: [Int] = []

    init(_ b: [UInt8]) throws {
        func u16(_ o: Int) throws -> Int {
            guard o + 2 <= b.count else { throw ReadError(description: "truncated at \(o)") }
            return Int(b[o]) | Int(b[o + 1]) << 8
        }
        func u32(_ o: Int) throws -> UInt32 {
            guard o + 4 <= b.count else { throw ReadError(description: "truncated at \(o)") }
            return UInt32(b[o]) | UInt32(b[o + 1]) << 8 | UInt32(b[o + 2]) << 16 | UInt32(b[o + 3]) << 24
        }
        guard b.count >= 22 else { throw ReadError(description: "too short") }
        let eocd = b.count - 22
        guard try u32(eocd) == 0x0605_4B50 else { throw ReadError(description: "no end of central directory record") }
        let count = try u16(eocd + 10)
        let cdSize = Int(try u32(eocd + 12)), cdOffset = Int(try u32(eocd + 16))
        guard cdOffset + cdSize == eocd else { throw ReadError(description: "central directory does not end at EOCD") }
        var o = cdOffset
        for _ in 0..<count {
            guard try u32(o) == 0x0201_4B50 else { throw ReadError(description: "bad central header at \(o)") }
            let nameLength = try u16(o + 28), extraLength = try u16(o + 30), commentLength = try u16(o + 32)
            centralCRCs.append(try u32(o + 16))
            centralOffsets.append(Int(try u32(o + 42)))
            centralNames.append(String(decoding: b[(o + 46)..<(o + 46 + nameLength)], as: UTF8.self))
            centralExtraLengths.append(extraLength)
            o += 46 + nameLength + extraLength + commentLength
        }
        o = 0
        while o < cdOffset {
            guard try u32(o) == 0x0403_4B50 else { throw ReadError(description: "bad local header at \(o)") }
            let flags = UInt16(try u16(o + 6)), method = UInt16(try u16(o + 8))
            let crc = try u32(o + 14)
            let compressed = Int(try u32(o + 18)), size = Int(try u32(o + 22))
            let nameLength = try u16(o + 26), extraLength = try u16(o + 28)
            let nameStart = o + 30
            let dataOffset = nameStart + nameLength + extraLength
            guard dataOffset + compressed <= cdOffset else { throw ReadError(description: "entry data overruns at \(o)") }
            entries.append(Entry(name: String(decoding: b[nameStart..<(nameStart + nameLength)], as: UTF8.self),
                                 method: method, flags: flags, crc: crc, compressedSize: compressed, size: size,
                                 headerOffset: o, dataOffset: dataOffset,
                                 data: Array(b[dataOffset..<(dataOffset + compressed)]),
                                 extraField: Array(b[(nameStart + nameLength)..<dataOffset])))
            o = dataOffset + compressed
        }
    }

    /// The reflected-polynomial CRC-32 of zip (0xEDB88320), computed bit by bit.
    static func crc32(_ data: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in data {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = crc & 1 != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return ~crc
    }
}
