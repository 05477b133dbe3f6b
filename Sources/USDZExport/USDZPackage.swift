import CZlib

/// A usdz package: a zip with no compression whose every file's data starts at a multiple of
/// 64 bytes, the root layer first (Pixar's usdz spec; `pxr/usd/sdf/zipFile.cpp` does the same).
///
/// Alignment is reached with an extra field (ID 0x1986, as Pixar's writer) sized so that the data
/// after the local header lands on the boundary; the central directory repeats the same field.
/// Names must be ASCII (no UTF-8 flag needed); times are a fixed DOS date so output is deterministic.
public struct USDZPackage {
    public struct Entry: Sendable, Equatable {
        public var name: String
        public var data: [UInt8]
        public init(name: String, data: [UInt8]) {
            self.name = name
            self.data = data
        }
    }

    public enum PackageError: Error, Equatable {
        case nonASCIIName(String)
        case duplicateName(String)
        case tooLarge(String)
    }

    public static let alignment = 64
    static let extraFieldID: UInt16 = 0x1986
    /// 1980-01-01 00:00:00, the DOS epoch: no clock in the output.
    static let dosTime: UInt16 = 0
    static let dosDate: UInt16 = (0 << 9) | (1 << 5) | 1

    /// `entries[0]` must be the root layer.
    public static func write(_ entries: [Entry]) throws -> [UInt8] {
        var out = ByteBuffer()
        var central = ByteBuffer()
        var seen = Set<String>()
        for entry in entries {
            guard entry.name.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }), !entry.name.isEmpty, entry.name.utf8.count < 0xFFFF else {
                throw PackageError.nonASCIIName(entry.name)
            }
            guard seen.insert(entry.name).inserted else { throw PackageError.duplicateName(entry.name) }
            guard entry.data.count < Int(UInt32.max), out.count < Int(UInt32.max) else { throw PackageError.tooLarge(entry.name) }
            let name = Array(entry.name.utf8)
            let crc = crc32Of(entry.data)
            let headerOffset = out.count
            let extra = padding(dataOffset: headerOffset + 30 + name.count)

            out.u32(0x0403_4B50)
            out.u16(10)                 // version needed: 1.0, stored
            out.u16(0)                  // flags
            out.u16(0)                  // method: stored
            out.u16(dosTime)
            out.u16(dosDate)
            out.u32(crc)
            out.u32(UInt32(entry.data.count))
            out.u32(UInt32(entry.data.count))
            out.u16(UInt16(name.count))
            out.u16(UInt16(extra.count))
            out.append(name)
            out.append(extra)
            out.append(entry.data)

            central.u32(0x0201_4B50)
            central.u16(10)             // version made by
            central.u16(10)
            central.u16(0)
            central.u16(0)
            central.u16(dosTime)
            central.u16(dosDate)
            central.u32(crc)
            central.u32(UInt32(entry.data.count))
            central.u32(UInt32(entry.data.count))
            central.u16(UInt16(name.count))
            central.u16(UInt16(extra.count))
            central.u16(0)              // comment length
            central.u16(0)              // disk number
            central.u16(0)              // internal attributes
            central.u32(0)              // external attributes
            central.u32(UInt32(headerOffset))
            central.append(name)
            central.append(extra)
        }
        let centralOffset = out.count
        out.append(central.bytes)
        guard out.count < Int(UInt32.max), entries.count < Int(UInt16.max) else { throw PackageError.tooLarge("archive") }
        out.u32(0x0605_4B50)
        out.u16(0)
        out.u16(0)
        out.u16(UInt16(entries.count))
        out.u16(UInt16(entries.count))
        out.u32(UInt32(central.count))
        out.u32(UInt32(centralOffset))
        out.u16(0)
        return out.bytes
    }

    /// The extra field that moves `dataOffset` to the next multiple of 64 (empty when already there).
    /// A field needs a 4-byte header, so a gap of 1–3 bytes grows by 64.
    static func padding(dataOffset: Int) -> [UInt8] {
        var pad = (alignment - dataOffset % alignment) % alignment
        if pad == 0 { return [] }
        if pad < 4 { pad += alignment }
        var field = ByteBuffer()
        field.u16(extraFieldID)
        field.u16(UInt16(pad - 4))
        field.appendZeros(pad - 4)
        return field.bytes
    }

    /// Standard zip CRC-32 through zlib (fed in chunks: zlib takes a 32-bit length).
    static func crc32Of(_ data: [UInt8]) -> UInt32 {
        var crc = crc32(0, nil, 0)
        data.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                let n = min(buffer.count - offset, 1 << 30)
                crc = crc32(crc, buffer.baseAddress! + offset, uInt(n))
                offset += n
            }
        }
        return UInt32(truncatingIfNeeded: crc)
    }
}
