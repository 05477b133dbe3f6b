import Foundation
import Yams

/// YAML that does not parse: the line, libyaml's words, and the fix for the mistakes staff make.
extension YAMLDocument {
    static func syntaxError(_ error: YamlError, text: String, path: String, firstLine: Int) -> ContentError {
        let yamlLine: Int
        let problem: String
        switch error {
        case .scanner(let context, let p, let mark, _), .parser(let context, let p, let mark, _),
             .composer(let context, let p, let mark, _):
            // For an unclosed quote or bracket libyaml notices the problem on a later line; the
            // context mark is where the quote or bracket was opened, which is what needs fixing.
            yamlLine = context?.mark.line ?? mark.line
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
            return "text that contains ': ' must be in quotes (like title: \"Huế: cố đô\"), and keys of one level start at the same indentation"
        }
        if problem.contains("end of stream") || problem.contains("expected ',' or ']'") || problem.contains("expected ',' or '}'") {
            return "a quote or bracket opened on this line is never closed"
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
