import Foundation

/// A key path into a YAML document (`model.hotspots[0].position`), written as literals:
/// `["model", "hotspots", 0, "position"]`.
enum YAMLPathElement: Hashable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    case key(String)
    case index(Int)

    init(stringLiteral value: String) { self = .key(value) }
    init(integerLiteral value: Int) { self = .index(value) }

    init(_ codingKey: CodingKey) {
        // Yams gives sequence positions an intValue; mapping keys have only a stringValue.
        if let index = codingKey.intValue { self = .index(index) } else { self = .key(codingKey.stringValue) }
    }
}

typealias YAMLPath = [YAMLPathElement]

extension Array where Element == YAMLPathElement {
    /// `model.hotspots.position`: the keys only. Positions in lists are left out because the
    /// line number already points at the item, and "[0]" means nothing to a non-programmer.
    var dottedName: String {
        compactMap { if case .key(let k) = $0 { return k } else { return nil } }.joined(separator: ".")
    }
}

/// What a value must look like, by dotted key name. The same sentence is used when the YAML has
/// the wrong type ("got "bốn"") and when a later check finds the value out of range, so every
/// message about a key says the same thing.
struct FieldGuide: Sendable {
    var expectations: [String: String]

    func expectation(for name: String) -> String? { expectations[name] }
}

/// Which keys a mapping may have. Checked on the composed `Node` rather than during decoding
/// because Codable silently ignores unknown keys, and a typo (`heigth:`) must not pass.
indirect enum KeySchema: Sendable {
    /// A mapping with exactly these keys allowed; `nested` describes the values of some keys.
    case mapping(keys: [String], nested: [String: KeySchema])
    /// A list whose items follow the schema.
    case list(KeySchema)
    /// `{ vi: …, en: … }` or a plain string: keys must be site languages.
    case languageMap
    /// Not checked (scalars, or free-form values).
    case any

    /// Keys from a CodingKeys enum, so the schema cannot drift from the struct that decodes it.
    static func mapping<K: CodingKey & CaseIterable>(_ keys: K.Type, nested: [K: KeySchema] = [:],
                                                     only: ((K) -> Bool)? = nil) -> KeySchema {
        let allowed = K.allCases.filter { only?($0) ?? true }.map(\.stringValue)
        var nestedByName: [String: KeySchema] = [:]
        for (key, schema) in nested { nestedByName[key.stringValue] = schema }
        return .mapping(keys: allowed, nested: nestedByName)
    }
}
