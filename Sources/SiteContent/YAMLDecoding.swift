import Foundation
import Yams

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

/// One YAML text (site.yml, or the front matter of a Markdown file) parsed once into a `Node`
/// tree. Every node carries a `Mark`; the tree is what turns any later complaint about a key
/// into a file line.
struct YAMLDocument {
    /// Project-relative path, for messages.
    let path: String
    /// File line of YAML line 1.
    let firstLine: Int
    let text: String
    /// nil for an empty document.
    let root: Node?

    static func parse(_ text: String, path: String, firstLine: Int) -> Result<YAMLDocument, ContentError> {
        do {
            let root = try Yams.compose(yaml: text)
            if let root, root.mapping == nil {
                let line = root.mark.map { $0.line + firstLine - 1 } ?? firstLine
                return .failure(ContentError(path: path, line: line, message:
                    "expected settings written as 'key: value' lines (like title: Đầm Cầu Hai), got \(describe(root))"))
            }
            return .success(YAMLDocument(path: path, firstLine: firstLine, text: text, root: root))
        } catch let error as YamlError {
            return .failure(syntaxError(error, text: text, path: path, firstLine: firstLine))
        } catch {
            return .failure(ContentError(path: path, line: firstLine, message: "not valid YAML: \(error)"))
        }
    }

    // MARK: Decoding

    /// Decodes `T` and turns a `DecodingError` into `path:line: 'key' must be …, got …`.
    ///
    /// Yams 5.0.1 (the pinned version) has no `decode(_:from: Node)`, so the same text is decoded
    /// again; it produces the same tree, so the decoder's `codingPath` walks through `root` exactly.
    func decode<T: Decodable>(_ type: T.Type, guide: FieldGuide) -> Result<T, ContentError> {
        do {
            // An empty front matter is an empty mapping (then "title is missing"), not a null.
            let value = try YAMLDecoder().decode(type, from: root == nil ? "{}" : text)
            return .success(value)
        } catch let error as DecodingError {
            return .failure(describe(error, guide: guide))
        } catch {
            return .failure(ContentError(path: path, line: firstLine, message: "could not read the settings: \(error)"))
        }
    }

    private func describe(_ decodingError: DecodingError, guide: FieldGuide) -> ContentError {
        switch decodingError {
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            let path = context.codingPath.map(YAMLPathElement.init)
            return mismatch(at: path, expected: guide.expectation(for: path.dottedName) ?? Self.describe(type))
        case .keyNotFound(let key, let context):
            let parent = context.codingPath.map(YAMLPathElement.init)
            let full = parent + [YAMLPathElement(key)]
            let expected = guide.expectation(for: full.dottedName).map { " (\($0))" } ?? ""
            let message = parent.dottedName.isEmpty
                ? "'\(key.stringValue)' is missing\(expected)"
                : "'\(parent.dottedName)' is missing '\(key.stringValue)'\(expected)"
            return error(at: parent, message)
        case .dataCorrupted(let context):
            let path = context.codingPath.map(YAMLPathElement.init)
            if let expected = guide.expectation(for: path.dottedName) {
                return mismatch(at: path, expected: expected)
            }
            return error(at: path, "'\(path.dottedName)': \(context.debugDescription)")
        @unknown default:
            return ContentError(path: self.path, line: firstLine, message: "could not read the settings: \(decodingError)")
        }
    }

    /// `'ocop' must be a whole number from 3 to 5, got "bốn"`.
    func mismatch(at path: YAMLPath, expected: String) -> ContentError {
        if path.dottedName.isEmpty {
            return error(at: path, "expected settings written as 'key: value' lines, got \(node(at: path).map(Self.describe) ?? "nothing")")
        }
        let got = node(at: path).map(Self.describe) ?? "nothing"
        return error(at: path, "'\(path.dottedName)' must be \(expected), got \(got)")
    }

    // MARK: Locating keys

    /// A `ContentError` at the line of `path` (the key's line for mapping keys, the item's line
    /// for list positions; the deepest part of the path that exists when the rest does not).
    func error(at path: YAMLPath, _ message: String) -> ContentError {
        ContentError(path: self.path, line: line(of: path), message: message)
    }

    func line(of path: YAMLPath) -> Int {
        var mark = root?.mark
        var node = root
        for element in path {
            guard let current = node else { break }
            switch (element, current) {
            case (.key(let key), .mapping(let mapping)):
                guard let pair = mapping.first(where: { $0.key.string == key }) else { node = nil; continue }
                mark = pair.key.mark ?? mark
                node = pair.value
            case (.index(let index), .sequence(let sequence)) where index >= 0 && index < sequence.count:
                node = sequence[index]
                mark = node?.mark ?? mark
            default:
                node = nil
            }
        }
        return (mark?.line ?? 1) + firstLine - 1
    }

    func node(at path: YAMLPath) -> Node? {
        var node = root
        for element in path {
            switch (element, node) {
            case (.key(let key), .mapping(let mapping)?):
                node = mapping.first(where: { $0.key.string == key })?.value
            case (.index(let index), .sequence(let sequence)?) where index >= 0 && index < sequence.count:
                node = sequence[index]
            default:
                return nil
            }
        }
        return node
    }

    /// True when the key is written at all (even as `key:` with nothing after it).
    func contains(_ path: YAMLPath) -> Bool { node(at: path) != nil }

    // MARK: Unknown and repeated keys

    /// Every key the schema does not allow, and every key written twice, as errors on the key's line.
    /// `languages` is nil when site.yml could not be read; language keys are then not checked.
    func keyProblems(_ schema: KeySchema, languages: [String]?) -> [ContentError] {
        guard let root else { return [] }
        var problems: [ContentError] = []
        check(root, schema, path: [], languages: languages, into: &problems)
        return problems
    }

    private func check(_ node: Node, _ schema: KeySchema, path: YAMLPath, languages: [String]?, into problems: inout [ContentError]) {
        switch (schema, node) {
        case (.mapping(let allowed, let nested), .mapping(let mapping)):
            var seen: [String: Int] = [:]
            for (keyNode, value) in mapping {
                guard let key = keyNode.string else { continue }
                let line = (keyNode.mark?.line ?? 1) + firstLine - 1
                // `<<` is YAML's merge key; whoever uses anchors knows what they are doing.
                if key == "<<" { continue }
                let name = (path + [.key(key)]).dottedName
                if let first = seen[key] {
                    problems.append(ContentError(path: self.path, line: line, message:
                        "'\(name)' is written twice (first on line \(first)); keep one"))
                    continue
                }
                seen[key] = line
                guard allowed.contains(key) else {
                    problems.append(ContentError(path: self.path, line: line, message:
                        Self.unknownKeyMessage(key, in: path.dottedName, allowed: allowed)))
                    continue
                }
                if let inner = nested[key] {
                    check(value, inner, path: path + [.key(key)], languages: languages, into: &problems)
                }
            }
        case (.list(let inner), .sequence(let sequence)):
            for (index, item) in sequence.enumerated() {
                check(item, inner, path: path + [.index(index)], languages: languages, into: &problems)
            }
        case (.languageMap, .mapping(let mapping)):
            guard let languages else { return }
            for keyNode in mapping.keys {
                guard let key = keyNode.string, !languages.contains(key) else { continue }
                let line = (keyNode.mark?.line ?? 1) + firstLine - 1
                problems.append(ContentError(path: self.path, line: line, message:
                    "'\(path.dottedName)' has text for '\(key)', which is not one of the site's languages "
                    + "(\(languages.joined(separator: ", "))); expected one text per language, like { \(languages.map { "\($0): …" }.joined(separator: ", ")) }"))
            }
        default:
            // Wrong shapes (a list where a mapping belongs …) are reported by decoding, with the
            // expected form; reporting them here too would say the same thing twice.
            break
        }
    }

    static func unknownKeyMessage(_ key: String, in parent: String, allowed: [String]) -> String {
        let place = parent.isEmpty ? "" : " in '\(parent)'"
        var message = "unknown key '\(key)'\(place)"
        if let suggestion = closest(to: key, in: allowed) { message += "; did you mean '\(suggestion)'?" }
        message += " Allowed keys: \(allowed.sorted().joined(separator: ", "))"
        return message
    }

    /// The allowed key a typo most likely meant (`heigth` → `height`), if any is close.
    private static func closest(to key: String, in allowed: [String]) -> String? {
        let lowered = key.lowercased()
        let scored = allowed.map { ($0, editDistance(lowered, $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }) else { return nil }
        return best.1 <= max(1, best.0.count / 3) ? best.0 : nil
    }

    /// Damerau–Levenshtein (optimal string alignment), so a swap of two letters costs 1.
    private static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = Swift.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = Swift.min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }

    // MARK: Describing values

    /// How a value reads in a message: `"bốn"`, `a list`, `a mapping`.
    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            if scalar.string.isEmpty { return "nothing" }
            // Numbers read better bare (got 7); anything else is quoted so spaces and empty
            // look like what they are (got "bốn").
            if Double(scalar.string) != nil { return scalar.string }
            let text = scalar.string.count > 60 ? String(scalar.string.prefix(57)) + "…" : scalar.string
            return "\"\(text)\""
        case .mapping:
            return "a mapping (key: value lines)"
        case .sequence:
            return "a list"
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type, is Int64.Type, is Int32.Type: return "a whole number"
        case is Double.Type, is Float.Type: return "a number"
        case is String.Type: return "text"
        case is Bool.Type: return "true or false"
        case is Node.Mapping.Type: return "'key: value' lines"
        case is Node.Sequence.Type: return "a list"
        case is Node.Scalar.Type: return "a single value (text or a number)"
        default: return "\(type)"
        }
    }

    // MARK: Syntax errors

    private static func syntaxError(_ error: YamlError, text: String, path: String, firstLine: Int) -> ContentError {
        let yamlLine: Int
        let problem: String
        switch error {
        case .scanner(_, let p, let mark, _), .parser(_, let p, let mark, _), .composer(_, let p, let mark, _):
            yamlLine = mark.line
            problem = p
        case .reader(let p, let offset, _, _):
            yamlLine = offset.map { characterOffset in
                1 + text.prefix(characterOffset).reduce(0) { $1 == "\n" ? $0 + 1 : $0 }
            } ?? 1
            problem = p
        default:
            yamlLine = 1
            problem = "\(error)"
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        // libyaml sometimes reports the line after the last one ("unexpected end"); keep it in the file.
        let clamped = min(max(1, yamlLine), max(1, lines.count))
        let source = clamped - 1 < lines.count ? String(lines[clamped - 1]) : ""
        return ContentError(path: path, line: clamped + firstLine - 1,
                            message: "not valid YAML: \(problem); \(hint(for: problem, line: source))")
    }

    /// The likely fix for the mistakes staff actually make.
    private static func hint(for problem: String, line: String) -> String {
        if line.contains("\t") {
            return "indent with spaces, not tabs"
        }
        if problem.contains("mapping values are not allowed") {
            return "text that contains ': ' must be in quotes, like title: \"Huế: cố đô\""
        }
        if problem.contains("could not find expected ':'") || problem.contains("did not find expected key") {
            return "expected 'key: value' lines with the same indentation; check for a missing ':' or an unclosed quote or bracket"
        }
        if problem.contains("cannot start any token") {
            return "text that starts with @ ` % or | must be in quotes"
        }
        if problem.contains("found undefined alias") {
            return "text that starts with * must be in quotes"
        }
        return "expected 'key: value' lines; check the indentation, quotes and brackets here"
    }
}
