import Foundation

/// Zip containers (.zae, .3mf, .amf, …) are checked from their central directory before the
/// importer opens them: assimp inflates a member whole into memory, so a few megabytes that
/// declare gigabytes (a zip bomb) would otherwise end only at the worker's memory ceiling, as a
/// crash. Reads only the directory: the sizes each member declares, zip64 included.
enum ZipBombGuard {
    /// Members may declare this much in all.
    static let maximumInflatedBytes: UInt64 = 1 << 30
    /// A member over 16 MiB may not inflate more than this many times its stored size.
    static let maximumRatio: UInt64 = 1_000

    /// Why the file is refused, or nil (not a zip, or sizes within bounds).
    static func problem(at path: String) -> String? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        guard let magic = try? handle.read(upToCount: 4), magic.elementsEqual([0x50, 0x4B, 0x03, 0x04]) else { return nil }
        guard let size = try? handle.seekToEnd(), size >= 22 else { return nil }
        // The end-of-central-directory record sits in the last 64 KiB + 22 bytes.
        let tailLength = min(size, 65_557)
        guard (try? handle.seek(toOffset: size - tailLength)) != nil, let tailData = try? handle.read(upToCount: Int(tailLength)) else { return nil }
        let tail = [UInt8](tailData)
        guard let end = stride(from: tail.count - 22, through: 0, by: -1).first(where: { tail[$0 ..< $0 + 4].elementsEqual([0x50, 0x4B, 0x05, 0x06]) }) else {
            return nil
        }
        var entries = UInt64(le16(tail, end + 10)), directorySize = UInt64(le32(tail, end + 12)), directoryOffset = UInt64(le32(tail, end + 16))
        // zip64: the locator just before the record points at the zip64 end record.
        if end >= 20, tail[end - 20 ..< end - 16].elementsEqual([0x50, 0x4B, 0x06, 0x07]) {
            let recordOffset = le64(tail, end - 20 + 8)
            if (try? handle.seek(toOffset: recordOffset)) != nil, let record = try? handle.read(upToCount: 56).map([UInt8].init),
               record.count == 56, record[0 ..< 4].elementsEqual([0x50, 0x4B, 0x06, 0x06]) {
                entries = le64(record, 32)
                directorySize = le64(record, 40)
                directoryOffset = le64(record, 48)
            }
        }
        guard directorySize <= 64 << 20, directoryOffset + directorySize <= size,
              (try? handle.seek(toOffset: directoryOffset)) != nil,
              let directoryData = try? handle.read(upToCount: Int(directorySize)) else { return nil }
        let directory = [UInt8](directoryData)
        var offset = 0, total: UInt64 = 0
        for _ in 0 ..< entries {
            guard offset + 46 <= directory.count, directory[offset ..< offset + 4].elementsEqual([0x50, 0x4B, 0x01, 0x02]) else { break }
            var stored = UInt64(le32(directory, offset + 20)), inflated = UInt64(le32(directory, offset + 24))
            let nameLength = Int(le16(directory, offset + 28)), extraLength = Int(le16(directory, offset + 30))
            let commentLength = Int(le16(directory, offset + 32))
            let name = String(decoding: directory[min(directory.count, offset + 46) ..< min(directory.count, offset + 46 + nameLength)], as: UTF8.self)
            // zip64 extended information: the 64-bit sizes, in order, for the fields set to 0xFFFFFFFF.
            var extra = offset + 46 + nameLength
            let extraEnd = min(directory.count, extra + extraLength)
            while extra + 4 <= extraEnd {
                let id = le16(directory, extra), length = Int(le16(directory, extra + 2))
                if id == 0x0001 {
                    var field = extra + 4
                    if inflated == 0xFFFF_FFFF, field + 8 <= extraEnd { inflated = le64(directory, field); field += 8 }
                    if stored == 0xFFFF_FFFF, field + 8 <= extraEnd { stored = le64(directory, field) }
                }
                extra += 4 + length
            }
            total += inflated
            if inflated > 16 << 20, inflated / max(stored, 1) > maximumRatio {
                return "holds '\(name)', \(stored) bytes that unpack to \(inflated) (over \(maximumRatio) times): a zip bomb, or damaged"
            }
            if total > maximumInflatedBytes {
                return "unpacks to more than \(maximumInflatedBytes >> 20) MB ('\(name)' alone \(inflated) bytes); far too large for a web page"
            }
            offset += 46 + nameLength + extraLength + commentLength
        }
        return nil
    }

    private static func le16(_ b: [UInt8], _ i: Int) -> UInt16 { UInt16(b[i]) | UInt16(b[i + 1]) << 8 }
    private static func le32(_ b: [UInt8], _ i: Int) -> UInt32 { UInt32(le16(b, i)) | UInt32(le16(b, i + 2)) << 16 }
    private static func le64(_ b: [UInt8], _ i: Int) -> UInt64 { UInt64(le32(b, i)) | UInt64(le32(b, i + 4)) << 32 }
}
