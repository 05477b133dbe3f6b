/// Compact JSON text of `[String: Any]` / `[Any]` trees of strings, numbers and booleans, keys
/// sorted, for the JSON-LD in every entry page and the search index.
///
/// `JSONSerialization` with `.sortedKeys` sorts through `AnyHashable` and Foundation string
/// comparison: measured as 8% of a 10,000-page build. This writes the same text for these trees:
/// keys ordered case-insensitively (ties broken by the exact characters), slashes not escaped,
/// non-ASCII kept as UTF-8, integral doubles without ".0". A value of any other type is a
/// programming error and is written as null.
enum JSONText {
    /// - Parameter escapeLessThan: write "<" as `\u003c`, so the text can sit inside a
    ///   `<script>` element without any string closing it.
    static func encode(_ value: Any, escapeLessThan: Bool = false) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(1024)
        write(value, into: &out, escapeLessThan: escapeLessThan)
        return String(decoding: out, as: UTF8.self)
    }

    private static func write(_ value: Any, into out: inout [UInt8], escapeLessThan: Bool) {
        switch value {
        case let string as String:
            writeString(string, into: &out, escapeLessThan: escapeLessThan)
        case let bool as Bool:
            out.append(contentsOf: (bool ? "true" : "false").utf8)
        case let int as Int:
            out.append(contentsOf: String(int).utf8)
        case let double as Double:
            out.append(contentsOf: number(double).utf8)
        case let object as [String: Any]:
            out.append(UInt8(ascii: "{"))
            for (position, key) in object.keys.sorted(by: keyOrder).enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                writeString(key, into: &out, escapeLessThan: escapeLessThan)
                out.append(UInt8(ascii: ":"))
                write(object[key]!, into: &out, escapeLessThan: escapeLessThan)
            }
            out.append(UInt8(ascii: "}"))
        case let strings as [String: String]:
            write(strings as [String: Any], into: &out, escapeLessThan: escapeLessThan)
        case let array as [Any]:
            out.append(UInt8(ascii: "["))
            for (position, element) in array.enumerated() {
                if position > 0 { out.append(UInt8(ascii: ",")) }
                write(element, into: &out, escapeLessThan: escapeLessThan)
            }
            out.append(UInt8(ascii: "]"))
        default:
            out.append(contentsOf: "null".utf8)
        }
    }

    /// Shortest text that reads back as the same double; "106" rather than "106.0".
    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        let text = value.description
        return text.hasSuffix(".0") ? String(text.dropLast(2)) : text
    }

    /// Case-insensitive, then by the exact characters so the order is total.
    static func keyOrder(_ a: String, _ b: String) -> Bool {
        let (la, lb) = (a.lowercased(), b.lowercased())
        return la != lb ? la < lb : a < b
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private static func writeString(_ string: String, into out: inout [UInt8], escapeLessThan: Bool) {
        out.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x00..<0x20:
                out.append(contentsOf: Array("\\u00".utf8))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0x0F)])
            case UInt8(ascii: "<") where escapeLessThan:
                out.append(contentsOf: Array("\\u003c".utf8))
            default:
                out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
