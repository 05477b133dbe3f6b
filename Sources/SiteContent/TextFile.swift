import Foundation

/// Reading a text file the way staff's editors write them: UTF-8 with or without BOM, Windows or
/// Unix line ends, NFC or (macOS) NFD. Everything downstream sees LF line ends and NFC text, so
/// line numbers, slugs and byte-level hashes do not depend on whose computer saved the file.
enum TextFile {
    static func read(_ url: URL, path: String) -> Result<String, ContentError> {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            return .failure(ContentError(path: path, message: "cannot read the file (\(error.localizedDescription)); check that it exists and is readable"))
        }
        return decode(data, path: path)
    }

    static func decode(_ data: Data, path: String) -> Result<String, ContentError> {
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) {
            return .failure(ContentError(path: path, message: "the file is saved as UTF-16; save it as UTF-8 (most editors: Save As → Encoding: UTF-8)"))
        }
        // String(data:encoding:) validates (nil on bad bytes) and, unlike String(validating:),
        // is available on the macOS 13 the package supports.
        guard let raw = String(data: data, encoding: .utf8) else {
            let bytes = [UInt8](data)
            let advice = "save it as UTF-8 (most editors: Save As → Encoding: UTF-8)"
            guard let offset = firstInvalidUTF8(bytes) else {
                return .failure(ContentError(path: path, message: "the file is not UTF-8 text; \(advice)"))
            }
            let before = bytes[..<offset]
            let line = before.reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            let lineStart = before.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 } ?? 0
            let column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1
            let byte = String(bytes[offset], radix: 16, uppercase: true)
            return .failure(ContentError(path: path, line: line,
                                         message: "byte 0x\(byte.count == 1 ? "0" + byte : byte) at column \(column) is not UTF-8 text; \(advice)"))
        }
        return .success(normalize(raw))
    }

    /// Where the first byte is that does not belong to well-formed UTF-8 (RFC 3629: no
    /// overlong forms, no surrogates, nothing above U+10FFFF), or nil.
    static func firstInvalidUTF8(_ bytes: [UInt8]) -> Int? {
        var index = 0
        while index < bytes.count {
            let lead = bytes[index]
            if lead < 0x80 { index += 1; continue }
            let length: Int
            var second: ClosedRange<UInt8> = 0x80 ... 0xBF
            switch lead {
            case 0xC2 ... 0xDF: length = 2
            case 0xE0: length = 3; second = 0xA0 ... 0xBF
            case 0xED: length = 3; second = 0x80 ... 0x9F
            case 0xE1 ... 0xEF: length = 3
            case 0xF0: length = 4; second = 0x90 ... 0xBF
            case 0xF4: length = 4; second = 0x80 ... 0x8F
            case 0xF1 ... 0xF3: length = 4
            default: return index
            }
            guard index + length <= bytes.count, second.contains(bytes[index + 1]) else { return index }
            for next in 2 ..< length where bytes[index + next] & 0xC0 != 0x80 { return index }
            index += length
        }
        return nil
    }

    /// BOM dropped, CRLF and lone CR turned into LF, NFC.
    static func normalize(_ raw: String) -> String {
        var text = raw
        if raw.utf8.starts(with: [0xEF, 0xBB, 0xBF]) || raw.utf8.contains(UInt8(ascii: "\r")) {
            var scalars = String.UnicodeScalarView()
            var previousWasCR = false
            var first = true
            for u in raw.unicodeScalars {
                defer { first = false }
                if first && u == "\u{FEFF}" { continue }
                if u == "\r" {
                    scalars.append("\n")
                    previousWasCR = true
                    continue
                }
                if u == "\n" && previousWasCR {
                    previousWasCR = false
                    continue
                }
                previousWasCR = false
                scalars.append(u)
            }
            text = String(scalars)
        }
        // Foundation's normalization is slow on Linux and nearly every file is NFC already.
        if text.utf8.allSatisfy({ $0 < 0x80 }) || text.unicodeScalars.allSatisfy(isNFCOnItsOwn) { return text }
        return text.precomposedStringWithCanonicalMapping
    }

    /// Scalars that are NFC and never combine with a neighbour: ASCII, Latin-1 and Latin
    /// Extended-A/B, Vietnamese's precomposed letters (Latin Extended Additional), general
    /// punctuation from U+2002 (U+2000 and U+2001 normalize to U+2002/U+2003) and currency
    /// signs (₫). A text of only these is NFC as it is (`TextFileTests` checks every one).
    static func isNFCOnItsOwn(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0...0x02FF, 0x1E00...0x1EFF, 0x2002...0x206F, 0x20A0...0x20C0: return true
        default: return false
        }
    }
}
