import Foundation
import Yams

/// Unknown and repeated keys: Codable ignores both silently, and a typo such as `heigth:` would
/// otherwise drop a value without a word.
extension YAMLDocument {
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
}
