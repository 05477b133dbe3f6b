import Foundation
import Yams

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

    /// The outcome of decoding: the value (nil when even the top level failed), every problem
    /// found, and the top-level keys whose values were dropped because of one — so later checks
    /// do not add "'title' is missing" to "'title' must be text".
    struct Decoded<T> {
        var value: T?
        var errors: [ContentError]
        var failedKeys: Set<String>
    }

    /// Decodes `T` and turns each `DecodingError` into `path:line: 'key' must be …, got …`.
    /// Types that decode their keys with `lenientIfPresent` report every bad key, not just the first.
    ///
    /// Yams 5.0.1 (the pinned version) has no `decode(_:from: Node)`, so the same text is decoded
    /// again; it produces the same tree, so the decoder's `codingPath` walks through `root` exactly.
    func decode<T: Decodable>(_ type: T.Type, guide: FieldGuide) -> Decoded<T> {
        let sink = DecodingProblems()
        var userInfo: [CodingUserInfoKey: Any] = [:]
        if let key = DecodingProblems.userInfoKey { userInfo[key] = sink }
        var value: T?
        do {
            // An empty front matter is an empty mapping (then "title is missing"), not a null.
            value = try YAMLDecoder().decode(type, from: root == nil ? "{}" : text, userInfo: userInfo)
        } catch let error as DecodingError {
            sink.errors.append(error)
        } catch {
            return Decoded(value: nil, errors: [ContentError(path: path, line: firstLine, message: "could not read the settings: \(error)")],
                           failedKeys: [])
        }
        var failedKeys: Set<String> = []
        for error in sink.errors {
            if case .key(let key)? = Self.codingPath(of: error).first { failedKeys.insert(key) }
        }
        return Decoded(value: value, errors: sink.errors.map { describe($0, guide: guide) }, failedKeys: failedKeys)
    }

    private static func codingPath(of error: DecodingError) -> YAMLPath {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return context.codingPath.map(YAMLPathElement.init)
        case .keyNotFound(let key, let context):
            return (context.codingPath + [key]).map(YAMLPathElement.init)
        @unknown default:
            return []
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
            let expected = guide.expectation(for: full.dottedName).map { "; expected \($0)" } ?? ""
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
}

/// Where lenient decoding puts the errors it did not throw.
final class DecodingProblems {
    static let userInfoKey = CodingUserInfoKey(rawValue: "SiteContent.DecodingProblems")
    var errors: [DecodingError] = []
}

extension KeyedDecodingContainer {
    /// `decodeIfPresent`, except that a bad value is recorded (when the decoder collects
    /// problems) and read as absent, so decoding goes on and finds the file's other mistakes.
    func lenientIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key, _ decoder: Decoder) throws -> T? {
        do {
            return try decodeIfPresent(type, forKey: key)
        } catch let error as DecodingError {
            guard let userInfoKey = DecodingProblems.userInfoKey,
                  let sink = decoder.userInfo[userInfoKey] as? DecodingProblems else { throw error }
            sink.errors.append(error)
            return nil
        }
    }
}
