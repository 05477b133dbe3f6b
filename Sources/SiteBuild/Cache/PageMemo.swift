import Foundation
import SiteContent
import SiteRender

/// What the previous build wrote, for `PageReuse`: per page file, the key it was rendered under
/// and the SHA-256 of its bytes. Kept as `<cache>/pages.txt`, one line per file, and saved only
/// after a build's output has replaced the previous one, so it describes the `_site/` on disk; a
/// page is reused only when that file still has the recorded bytes (a hand-edited or missing
/// file is rendered again).
struct PageMemo: Sendable {
    struct Page: Sendable, Equatable {
        var key: String
        var sha256: String
    }

    /// The output folder the pages are in.
    var output: String
    var pages: [String: Page]
    /// Every file of that output, pages and assets; set when it is saved.
    var totalFiles = 0

    static func file(in cache: URL) -> URL { cache.appendingPathComponent("pages.txt") }

    /// The memo of the pages just rendered (those that carry a key); a reused page keeps the
    /// digest `previous` has of it.
    init(output: URL, files: [OutputFile], previous: PageMemo?) {
        self.output = output.standardizedFileURL.path
        let keyed = files.filter { $0.reuseKey != nil }
        let known = previous?.pages ?? [:]
        let digests = ConcurrentJobs.run(count: keyed.count) { index in
            let file = keyed[index]
            if file.isReused, let page = known[file.path] { return page.sha256 }
            return VerifiedStore.sha256(Data(file.bytes))
        }
        pages = Dictionary(uniqueKeysWithValues: zip(keyed, digests).map { ($0.path, Page(key: $0.reuseKey!, sha256: $1)) })
    }

    private init(output: String, pages: [String: Page], totalFiles: Int) {
        self.output = output
        self.pages = pages
        self.totalFiles = totalFiles
    }

    /// The memo saved in `cache` for `output`, or nil (none, unreadable, or another output's).
    static func load(cache: URL, output: URL) -> PageMemo? {
        guard let text = try? String(contentsOf: file(in: cache), encoding: .utf8) else { return nil }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)[...]
        guard let header = lines.popFirst(), header.hasPrefix("output "),
              String(header.dropFirst("output ".count)) == output.standardizedFileURL.path,
              let count = lines.popFirst(), count.hasPrefix("files "), let totalFiles = Int(count.dropFirst("files ".count)) else { return nil }
        var pages: [String: Page] = [:]
        pages.reserveCapacity(lines.count)
        for line in lines {
            // "<sha256> <key> <path>": two 64-digit hex digests, then the path (the rest). Cut
            // by UTF-8 offsets: this runs for every page of the site on every build.
            let bytes = line.utf8
            guard bytes.count > 130, bytes[bytes.index(bytes.startIndex, offsetBy: 64)] == UInt8(ascii: " "),
                  bytes[bytes.index(bytes.startIndex, offsetBy: 129)] == UInt8(ascii: " ") else { return nil }
            let keyStart = bytes.index(bytes.startIndex, offsetBy: 65)
            let pathStart = bytes.index(bytes.startIndex, offsetBy: 130)
            let sha = Substring(bytes[..<bytes.index(bytes.startIndex, offsetBy: 64)])
            let key = Substring(bytes[keyStart..<bytes.index(keyStart, offsetBy: 64)])
            pages[String(Substring(bytes[pathStart...]))] = Page(key: String(key), sha256: String(sha))
        }
        return PageMemo(output: output.standardizedFileURL.path, pages: pages, totalFiles: totalFiles)
    }

    func save(in cache: URL) throws {
        var text = "output \(output)\nfiles \(totalFiles)\n"
        for path in pages.keys.sorted() where !path.contains("\n") {
            let page = pages[path]!
            text += "\(page.sha256) \(page.key) \(path)\n"
        }
        try FileManager.default.createDirectory(at: cache, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: Self.file(in: cache), options: .atomic)
    }

    /// Hands the renderer the previous output's bytes of a page whose key has not changed.
    func reuse(salt: String) -> PageReuse {
        let pages = self.pages
        let root = output  // a plain path: `URL.appendingPathComponent` may stat per call
        return PageReuse(salt: salt) { path, key in
            guard let page = pages[path], page.key == key,
                  let data = FileManager.default.contents(atPath: root + "/" + path),
                  VerifiedStore.sha256(data) == page.sha256 else { return nil }
            return [UInt8](data)
        }
    }
}
