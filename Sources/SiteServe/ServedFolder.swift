import Foundation

/// The folder `serve` publishes, and the one way a request path becomes a file in it. Nothing
/// outside the folder is ever read: `..` and `.` segments (also percent-encoded, `%2e%2e`),
/// encoded slashes and NUL bytes are refused before the file system is asked, and a path that
/// reaches outside through a symbolic link is refused after resolving it.
struct ServedFolder: Sendable {
    /// The folder, with its symbolic links resolved.
    let root: String

    init(_ folder: URL) {
        root = Self.realPath(folder.path) ?? folder.standardizedFileURL.path
    }

    enum Lookup: Equatable {
        case file(String)
        /// A folder asked for without its trailing slash: its page's links are relative to it.
        case redirect(String)
        case notFound
        /// A path that tries to leave the folder.
        case forbidden
    }

    /// `rawPath` is the request target's path as sent, still percent-encoded.
    func lookup(_ rawPath: String) -> Lookup {
        guard rawPath.hasPrefix("/"), let decoded = rawPath.removingPercentEncoding else { return .notFound }
        // An encoded "/" would join segments the checks below saw apart.
        if rawPath.lowercased().contains("%2f") || rawPath.contains("%5c") || rawPath.contains("%5C") { return .forbidden }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        for segment in segments {
            if segment == ".." || segment == "." || segment.contains("\0") || segment.contains("\\") { return .forbidden }
        }
        let relative = segments.joined(separator: "/")
        let candidate = relative.isEmpty ? root : root + "/" + relative
        guard let resolved = Self.realPath(candidate) else { return .notFound }
        guard resolved == root || resolved.hasPrefix(root + "/") else { return .forbidden }
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: resolved, isDirectory: &isFolder) else { return .notFound }
        if isFolder.boolValue {
            guard decoded.hasSuffix("/") else { return .redirect(rawPath + "/") }
            // No listings: a folder is its index.html or nothing.
            let index = resolved + "/index.html"
            guard let indexResolved = Self.realPath(index), indexResolved.hasPrefix(root + "/") else { return .notFound }
            return .file(indexResolved)
        }
        return .file(resolved)
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
