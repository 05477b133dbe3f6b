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
            return .failure(ContentError(path: path, message: "the file is not UTF-8 text; save it as UTF-8 (most editors: Save As → Encoding: UTF-8)"))
        }
        return .success(normalize(raw))
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
