/// Percent-encoding and other escaping that Mustache's HTML escaping does not cover.
/// Mustache `{{ }}` escapes &, <, >, " and ' for HTML; these functions make the text a valid URL
/// (or JavaScript literal) first.
enum Escape {
    private static let hex = Array("0123456789ABCDEF".utf8)

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
             UInt8(ascii: "0")...UInt8(ascii: "9"),
             UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "A")...UInt8(ascii: "F"), UInt8(ascii: "a")...UInt8(ascii: "f"):
            return true
        default:
            return false
        }
    }

    private static func appendEncoded(_ byte: UInt8, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "%"))
        out.append(hex[Int(byte >> 4)])
        out.append(hex[Int(byte & 0x0F)])
    }

    /// A query value or other URL component: everything but RFC 3986 unreserved characters is encoded,
    /// so the result can be nested inside another URL (the Scene Viewer intent nests two).
    static func component(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) { out.append(byte) } else { appendEncoded(byte, to: &out) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A URL path or a whole URL: keeps the characters that are legal there (including "/", ":", "?",
    /// "#", "&", "=" and existing "%XX" escapes) and encodes the rest (spaces, non-ASCII, quotes).
    /// Idempotent, so already-encoded URLs pass through unchanged.
    static func url(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "%"), i + 2 < bytes.count, isHexDigit(bytes[i + 1]), isHexDigit(bytes[i + 2]) {
                out.append(byte)
            } else if isUnreserved(byte) || "!$&'()*+,;=:@/?#".utf8.contains(byte) {
                out.append(byte)
            } else {
                appendEncoded(byte, to: &out)
            }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A double-quoted JavaScript string literal that is safe inside an HTML `<script>` element:
    /// no quote, backslash, "<" (so no "</script"), line terminator or non-ASCII character survives raw.
    static func javaScriptString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case _ where scalar.value < 0x20 || scalar.value > 0x7E || scalar == "<" || scalar == ">" || scalar == "&":
                if scalar.value > 0xFFFF {
                    for unit in String(scalar).utf16 { out += unicodeEscape(UInt32(unit)) }
                } else {
                    out += unicodeEscape(scalar.value)
                }
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    private static func unicodeEscape(_ value: UInt32) -> String {
        let digits = String(value, radix: 16, uppercase: false)
        return "\\u" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// Text for XML element content or attribute values (sitemap.xml).
    static func xml(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }

    /// True for URLs we let content link to from an `href`: web pages, phone numbers, mail.
    /// Anything else (`javascript:`, `data:`) is shown as text instead.
    static func isSafeExternalLink(_ url: String) -> Bool {
        let lower = url.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:") || lower.hasPrefix("tel:")
    }
}
