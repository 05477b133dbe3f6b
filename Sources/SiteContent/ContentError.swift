import Foundation

/// One mistake in the content, said the way an editor's "jump to error" understands it:
/// `path:line: message`. The message names what is wrong *and* what was expected, because the
/// people who read it are tourism staff, not programmers.
public struct ContentError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Project-relative ("content/places/dam-cau-hai.md"), so messages are the same on every machine.
    public var path: String
    /// 1-based line in the file, when the mistake has one.
    public var line: Int?
    public var message: String

    public init(path: String, line: Int? = nil, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        if let line { return "\(path):\(line): \(message)" }
        return "\(path): \(message)"
    }
}

/// Every mistake of one load, so staff fix them all in one round instead of one per build.
public struct ContentErrors: Error, CustomStringConvertible, Sendable, Equatable {
    /// Sorted by path, then line (whole-file errors first), then message: deterministic output.
    public var errors: [ContentError]

    public init(_ errors: [ContentError]) {
        self.errors = errors.sorted { a, b in
            if a.path != b.path { return a.path < b.path }
            if a.line != b.line { return (a.line ?? 0) < (b.line ?? 0) }
            return a.message < b.message
        }
    }

    public var description: String {
        errors.map(\.description).joined(separator: "\n")
    }
}
