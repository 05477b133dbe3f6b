import Foundation

/// A Markdown file cut into its YAML settings and its body.
///
/// ```
/// ---            ← line 1
/// title: …       ← yamlFirstLine (2): YAML line 1 is file line 2
/// ---
/// Body…
/// ```
/// Yams counts lines from the start of the YAML text; adding `yamlFirstLine - 1` turns its
/// marks into file lines, which is what staff see in their editor.
struct FrontMatter: Equatable {
    var yaml: String
    /// 1-based file line of the first YAML line.
    var yamlFirstLine: Int
    var body: String

    /// `text` must already be normalized (`TextFile.normalize`: no BOM, LF line ends); BOM and CR
    /// are tolerated here anyway so the splitter can be used on its own.
    static func split(_ text: String, path: String) -> Result<FrontMatter, ContentError> {
        // Lines split on the newline byte, as editors count them (and without grapheme breaking).
        let normalized = TextFile.normalize(text)
        let lines = normalized.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Substring($0) }

        // Blank lines before the opening `---` are forgiven: they are invisible in most editors.
        var index = 0
        while index < lines.count, isBlank(lines[index]) { index += 1 }
        guard index < lines.count, isDelimiter(lines[index], allowDots: false) else {
            return .failure(ContentError(path: path, line: 1, message:
                "expected front matter between '---' lines at the top, like:\n---\ntitle: Đầm Cầu Hai\n---"))
        }
        let opening = index
        var closing: Int?
        for i in (opening + 1)..<lines.count where isDelimiter(lines[i], allowDots: true) {
            closing = i
            break
        }
        guard let closing else {
            return .failure(ContentError(path: path, line: opening + 1, message:
                "the front matter that starts here is never closed; expected a line with only '---' after the last setting"))
        }
        let yamlLines = lines[(opening + 1)..<closing]
        let bodyLines = lines[(closing + 1)...]
        return .success(FrontMatter(
            yaml: yamlLines.joined(separator: "\n") + (yamlLines.isEmpty ? "" : "\n"),
            yamlFirstLine: opening + 2,
            body: bodyLines.joined(separator: "\n")))
    }

    private static func isBlank(_ line: Substring) -> Bool {
        line.allSatisfy { $0 == " " || $0 == "\t" }
    }

    /// `---` (or YAML's document end `...` when closing), trailing spaces allowed.
    private static func isDelimiter(_ line: Substring, allowDots: Bool) -> Bool {
        var trimmed = line
        while let last = trimmed.last, last == " " || last == "\t" { trimmed.removeLast() }
        return trimmed == "---" || (allowDots && trimmed == "...")
    }
}
