import Foundation

/// A small, forgiving HTML tokenizer for the acceptance checks: start and end tags with their
/// attributes (entities decoded), and the raw text of `<script>` and `<style>`. Comments and
/// doctypes are skipped. It works on bytes, because a Regex over the whole site is slow in a debug build.
struct HTMLTag {
    var name: String
    var isEnd: Bool
    var attributes: [(name: String, value: String)]
    /// The text up to the matching end tag, for script and style.
    var rawText: String?
    /// 1-based line of the `<`, for messages.
    var line: Int
    /// Written `<x … />`.
    var selfClosing = false
    /// The text between this tag and the next one (entities decoded), for accessible names.
    var textAfter: String?

    func attribute(_ name: String) -> String? { attributes.first { $0.name == name }?.value }
    func has(_ name: String) -> Bool { attributes.contains { $0.name == name } }
}

enum HTMLScanner {
    static func tags(_ html: String) -> [HTMLTag] {
        let bytes = Array(html.utf8)
        let n = bytes.count
        var tags: [HTMLTag] = []
        var i = 0
        var line = 1
        var lineCountedUpTo = 0
        func lineAt(_ position: Int) -> Int {
            while lineCountedUpTo < position {
                if bytes[lineCountedUpTo] == UInt8(ascii: "\n") { line += 1 }
                lineCountedUpTo += 1
            }
            return line
        }
        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0C }
        func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= UInt8(ascii: "a") && (b | 0x20) <= UInt8(ascii: "z") }
        func find(_ needle: [UInt8], from start: Int, caseInsensitive: Bool = false) -> Int? {
            guard needle.count <= n else { return nil }
            var k = start
            while k + needle.count <= n {
                var match = true
                for j in 0..<needle.count {
                    let a = caseInsensitive ? bytes[k + j] | 0x20 : bytes[k + j]
                    if a != needle[j] { match = false; break }
                }
                if match { return k }
                k += 1
            }
            return nil
        }
        func text(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

        while i < n {
            guard bytes[i] == UInt8(ascii: "<"), i + 1 < n else { i += 1; continue }
            let next = bytes[i + 1]
            if next == UInt8(ascii: "!") {
                if find(Array("<!--".utf8), from: i) == i {
                    i = (find(Array("-->".utf8), from: i + 4) ?? n - 3) + 3
                } else {
                    i = (find([UInt8(ascii: ">")], from: i) ?? n - 1) + 1
                }
                continue
            }
            if next == UInt8(ascii: "?") { i = (find([UInt8(ascii: ">")], from: i) ?? n - 1) + 1; continue }
            let isEnd = next == UInt8(ascii: "/")
            let nameStart = isEnd ? i + 2 : i + 1
            guard nameStart < n, isLetter(bytes[nameStart]) else { i += 1; continue }
            let tagLine = lineAt(i)
            var j = nameStart
            while j < n, !isSpace(bytes[j]), bytes[j] != UInt8(ascii: ">"), bytes[j] != UInt8(ascii: "/") { j += 1 }
            let name = text(nameStart..<j).lowercased()
            var attributes: [(String, String)] = []
            // Attributes.
            while j < n {
                while j < n, isSpace(bytes[j]) || bytes[j] == UInt8(ascii: "/") { j += 1 }
                guard j < n, bytes[j] != UInt8(ascii: ">") else { break }
                let attrStart = j
                while j < n, !isSpace(bytes[j]), bytes[j] != UInt8(ascii: "="), bytes[j] != UInt8(ascii: ">") {
                    if bytes[j] == UInt8(ascii: "/"), j + 1 < n, bytes[j + 1] == UInt8(ascii: ">") { break }
                    j += 1
                }
                let attrName = text(attrStart..<j).lowercased()
                var k = j
                while k < n, isSpace(bytes[k]) { k += 1 }
                var value = ""
                if k < n, bytes[k] == UInt8(ascii: "=") {
                    k += 1
                    while k < n, isSpace(bytes[k]) { k += 1 }
                    if k < n, bytes[k] == UInt8(ascii: "\"") || bytes[k] == UInt8(ascii: "'") {
                        let quote = bytes[k]
                        let end = find([quote], from: k + 1) ?? n
                        value = text((k + 1)..<end)
                        j = min(end + 1, n)
                    } else {
                        let valueStart = k
                        while k < n, !isSpace(bytes[k]), bytes[k] != UInt8(ascii: ">") { k += 1 }
                        value = text(valueStart..<k)
                        j = k
                    }
                }
                if !attrName.isEmpty { attributes.append((attrName, decodeEntities(value))) }
                if j == attrStart { j += 1 }  // never stall on a stray character
            }
            let selfClosing = j > 0 && j < n && bytes[j - 1] == UInt8(ascii: "/")
            i = min(j + 1, n)
            var tag = HTMLTag(name: name, isEnd: isEnd, attributes: attributes, rawText: nil, line: tagLine)
            tag.selfClosing = selfClosing
            if !isEnd, name == "script" || name == "style" {
                let close = find(Array("</\(name)".utf8), from: i, caseInsensitive: true) ?? n
                tag.rawText = text(i..<close)
                i = close
            } else {
                let nextTag = find([UInt8(ascii: "<")], from: i) ?? n
                if nextTag > i { tag.textAfter = decodeEntities(text(i..<nextTag)) }
            }
            tags.append(tag)
        }
        return tags
    }

    /// The character references a generator writes: named basics and numeric ones.
    static func decodeEntities(_ value: String) -> String {
        guard value.contains("&") else { return value }
        var out = ""
        var rest = Substring(value)
        let named: [String: String] = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}"]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semicolon = after.prefix(12).firstIndex(of: ";") {
                let entity = String(after[..<semicolon])
                var replacement: String?
                if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
                    replacement = UInt32(entity.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else if entity.hasPrefix("#") {
                    replacement = UInt32(entity.dropFirst()).flatMap(Unicode.Scalar.init).map { String(Character($0)) }
                } else {
                    replacement = named[entity]
                }
                if let replacement {
                    out += replacement
                    rest = after[after.index(after: semicolon)...]
                    continue
                }
            }
            out += "&"
            rest = after
        }
        out += rest
        return out
    }

    /// Text with tags removed and entities decoded, whitespace collapsed (for link texts).
    static func plainText(_ html: String) -> String {
        var out = ""
        var inTag = false
        for c in html {
            if c == "<" { inTag = true } else if c == ">" { inTag = false } else if !inTag { out.append(c) }
        }
        return decodeEntities(out).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }
}
