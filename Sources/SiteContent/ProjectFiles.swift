import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Paths written in content files, checked against the project folder.
///
/// Model and photo paths are published (copied into `_site/`, converted, hashed), so a path that
/// leaves the project — `../../etc/passwd`, `/home/…`, or a symbolic link to somewhere else —
/// would publish files nobody meant to. Lexical checks catch the first two; `realpath`, which
/// resolves every symbolic link on the way, catches the third.
struct ProjectFiles {
    /// Absolute and standardized.
    let root: URL
    let contentDirectory: URL
    /// `realpath` of root and content folder; a resolved file must lie inside one of them.
    let realRoots: [String]

    init(root: URL, contentDirectory: URL) {
        self.root = root.standardizedFileURL
        self.contentDirectory = contentDirectory.standardizedFileURL
        realRoots = [self.root, self.contentDirectory].compactMap { Self.realPath($0.path) }
    }

    /// Project-relative "/"-separated path when inside the project, else the absolute path.
    func displayPath(_ url: URL) -> String {
        let path = url.standardizedFileURL.path
        let rootPath = root.path
        if rootPath == "/" { return String(path.dropFirst()) }
        if path.hasPrefix(rootPath + "/") { return String(path.dropFirst(rootPath.count + 1)) }
        return path
    }

    // MARK: Project files

    /// `src` of a model → normalized project-relative path, or why it is refused (a sentence
    /// that follows the key's name: "'model.src' <reason>").
    func resolveModel(_ src: String) -> Result<String, PathProblem> {
        resolveProjectFile(src, kind: "model file", example: "like models/thuyen/thuyen.fbx")
    }

    /// A path relative to the project root (a model, the sharing cards' font) → normalized
    /// project-relative path, or why it is refused.
    func resolveProjectFile(_ src: String, kind: String, example: String) -> Result<String, PathProblem> {
        let written = src.trimmingCharacters(in: .whitespaces)
        if written.isEmpty {
            return .failure("is empty; expected a \(kind) relative to the project root, \(example)")
        }
        if let problem = Self.shapeProblem(written, relativeTo: "the project root", example: example) {
            return .failure(PathProblem(reason: Self.quoted(written) + " " + problem))
        }
        let components = written.split(separator: "/").map(String.init).filter { $0 != "." }
        if components.contains("..") {
            return .failure(PathProblem(reason: "\(Self.quoted(written)) must not contain '..': a \(kind) must be inside the project folder, \(example)"))
        }
        guard !components.isEmpty else {
            return .failure(PathProblem(reason: "\(Self.quoted(written)) is not a file; expected a \(kind) relative to the project root, \(example)"))
        }
        let relative = components.joined(separator: "/")
        return checkFile(root.appendingPathComponent(relative), shown: relative, kind: kind)
    }

    // MARK: Photos

    /// A photo path relative to the Markdown file that lists it → project-relative path, or why not.
    func resolvePhoto(_ photo: String, besides file: URL) -> Result<String, PathProblem> {
        let example = "like hoang-hon.jpg for a photo beside the file"
        let written = photo.trimmingCharacters(in: .whitespaces)
        if written.isEmpty { return .failure("is empty; expected an image file name, \(example)") }
        if let problem = Self.shapeProblem(written, relativeTo: "this file", example: example) {
            return .failure(PathProblem(reason: Self.quoted(written) + " " + problem))
        }
        let url = file.deletingLastPathComponent().appendingPathComponent(written).standardizedFileURL
        let shown = displayPath(url)
        guard isLexicallyInside(url) else {
            return .failure("'\(written)' points outside the project folder; keep photos beside the file or in a folder next to it")
        }
        return checkFile(url, shown: shown, kind: "image file")
    }

    // MARK: Checks shared by models and photos

    /// The value as written, in double quotes, for messages that must show which value is meant.
    static func quoted(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// Mistakes visible in the text alone: web addresses, Windows separators, absolute paths.
    private static func shapeProblem(_ path: String, relativeTo base: String, example: String) -> String? {
        if path.contains("://") {
            return "must be a file in the project, not a web address; \(example)"
        }
        if path.contains("\\") {
            return "must use '/' between folder names, not '\\'; \(example)"
        }
        let isDriveLetter = path.count >= 2 && path.dropFirst().first == ":" && (path.first?.isLetter ?? false)
        if path.hasPrefix("/") || path.hasPrefix("~") || isDriveLetter {
            return "must be relative to \(base), not an absolute path; \(example)"
        }
        return nil
    }

    private func isLexicallyInside(_ url: URL) -> Bool {
        let path = url.standardizedFileURL.path
        return [root.path, contentDirectory.path].contains { base in
            base == "/" || path == base || path.hasPrefix(base + "/")
        }
    }

    /// Exists, is a regular file, is readable, and — after resolving every symbolic link on the
    /// way — still lies inside the project.
    private func checkFile(_ url: URL, shown: String, kind: String) -> Result<String, PathProblem> {
        let fm = FileManager.default
        guard let url = existingSpelling(of: url) else {
            if (try? fm.destinationOfSymbolicLink(atPath: url.path)) != nil {
                return .failure("'\(shown)' is a symbolic link to something that does not exist; expected a \(kind)")
            }
            return .failure("'\(shown)' was not found; expected a \(kind) at that path (check the spelling and the folder)")
        }
        guard let real = Self.realPath(url.path) else {
            return .failure("'\(shown)' cannot be opened (\(String(cString: strerror(errno)))); expected a readable \(kind)")
        }
        guard realRoots.contains(where: { base in base == "/" || real == base || real.hasPrefix(base + "/") }) else {
            return .failure("'\(shown)' is, through a symbolic link, the file \(real) outside the project; copy the \(kind) into the project instead")
        }
        var isDirectory: ObjCBool = false
        _ = fm.fileExists(atPath: real, isDirectory: &isDirectory)
        if isDirectory.boolValue {
            return .failure("'\(shown)' is a folder; expected a \(kind) (name the file inside the folder)")
        }
        guard fm.isReadableFile(atPath: real) else {
            return .failure("'\(shown)' cannot be read (check the file's permissions); expected a readable \(kind)")
        }
        return .success(displayPath(url))
    }

    /// The URL as written if it exists; else its NFD spelling (file names copied from a Mac are
    /// often NFD, while we normalized the text to NFC), else nil.
    private func existingSpelling(of url: URL) -> URL? {
        let fm = FileManager.default
        if fm.fileExists(atPath: url.path) { return url }
        let decomposed = URL(fileURLWithPath: url.path.decomposedStringWithCanonicalMapping)
        if decomposed.path != url.path, fm.fileExists(atPath: decomposed.path) { return decomposed }
        return nil
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// Why a path was refused; the sentence follows the key's name ("'model.src' <reason>").
struct PathProblem: Error, Equatable, ExpressibleByStringInterpolation {
    var reason: String
    init(reason: String) { self.reason = reason }
    init(stringLiteral value: String) { reason = value }
    init(stringInterpolation: DefaultStringInterpolation) { reason = String(stringInterpolation: stringInterpolation) }
}
