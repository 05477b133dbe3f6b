import Crypto
import Foundation

/// SHA-256 of a value's whole structure, read through `Mirror`: the same value gives the same
/// digest in every process. Dictionary and set entries are digested one by one and sorted, so
/// the per-process hash seed that orders them never shows.
struct StableDigest {
    private var hasher = SHA256()

    init() {}

    mutating func add(_ value: Any) {
        switch value {
        case let text as String: add(tag: "s", text)
        case let number as Double: add(tag: "d", String(number.bitPattern))
        case let number as Float: add(tag: "f", String(number.bitPattern))
        case let url as URL: add(tag: "u", url.absoluteString)
        case let flag as Bool: add(tag: "b", flag ? "1" : "0")
        case let number as any BinaryInteger: add(tag: "i", String(describing: number))
        default: addStructure(value)
        }
    }

    private mutating func addStructure(_ value: Any) {
        let mirror = Mirror(reflecting: value)
        // The kind of value, not its type's name (costly to print): the structure around a
        // value fixes its type, and labels tell fields apart.
        add(tag: "t", mirror.displayStyle.map { "\($0)" } ?? "-")
        switch mirror.displayStyle {
        case .dictionary, .set:
            let digests = mirror.children.map { child -> [UInt8] in
                var entry = StableDigest()
                entry.add(child.value)
                return Array(entry.hasher.finalize())
            }.sorted { $0.lexicographicallyPrecedes($1) }
            add(tag: "n", String(digests.count))
            for digest in digests { hasher.update(data: digest) }
        default:
            let children = Array(mirror.children)
            if children.isEmpty {
                // A case without payload, or an opaque value: its printed form.
                add(tag: "v", String(describing: value))
            }
            add(tag: "n", String(children.count))
            for child in children {
                add(tag: "l", child.label ?? "")
                add(child.value)
            }
        }
    }

    private mutating func add(tag: Character, _ text: String) {
        // Tag and length first: no two different sequences of fields feed the same bytes.
        var header = "\(tag)\(text.utf8.count):"
        header.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
        var text = text
        text.withUTF8 { hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }
    }

    var hex: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in hasher.finalize() {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// The digest of a value's JSON with sorted keys: many times faster than reading the value
    /// through `Mirror`, and the same bytes in every process as long as every dictionary in it
    /// has string keys (JSONEncoder writes others in hash order) — true of `Entry`, the one
    /// type digested this way. A value JSON cannot hold (NaN) goes through `Mirror` instead.
    static func ofEncoded<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let json = try? encoder.encode(value) else { return of(value) }
        var digest = StableDigest()
        digest.add(tag: "j", String(decoding: json, as: UTF8.self))
        return digest.hex
    }

    static func of(_ values: Any...) -> String {
        var digest = StableDigest()
        for value in values { digest.add(value) }
        return digest.hex
    }
}
