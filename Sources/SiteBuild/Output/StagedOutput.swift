import Foundation

/// The new site is written into a staging folder next to the output and swapped into place
/// only when the whole build succeeded, so a failed build leaves the previous `_site/` as it was.
struct StagedOutput {
    let destination: URL
    let staging: URL
    /// The two roots as plain paths: `URL.appendingPathComponent` may `stat` to learn whether the
    /// result is a folder, which costs a system call per file written.
    private let stagingRoot: String
    private let destinationRoot: String
    private let placed = PlacedFiles()

    /// How many files were put in the staging folder (the build's "files written").
    var filesPlaced: Int { placed.linked + placed.written }
    /// How many of them were new bytes, not links to the previous output's files.
    var filesWritten: Int { placed.written }

    init(destination: URL) throws {
        self.destination = destination.standardizedFileURL
        let parent = self.destination.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        staging = parent.appendingPathComponent(".\(self.destination.lastPathComponent).staging-\(ProcessInfo.processInfo.processIdentifier)")
        try? FileManager.default.removeItem(at: staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        stagingRoot = staging.path
        destinationRoot = self.destination.path
    }

    /// Writes `bytes` at `path` (relative to the site root) inside the staging folder, making
    /// its folder first (see `place`).
    func write(_ bytes: [UInt8], to path: String, sameNameSameBytes: Bool = false) throws {
        let url = staging.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try place(bytes, at: path, sameNameSameBytes: sameNameSameBytes)
    }

    /// Puts `bytes` at `path` in the staging folder, whose parent folder exists. When the
    /// previous output holds the same bytes there, the staged file is a hard link to it: a
    /// rebuild rewrites only what changed, and the swap in `commit` stays atomic. A
    /// content-hashed name (`sameNameSameBytes`) is trusted after a size check; any other file
    /// is compared byte for byte.
    func place(_ bytes: [UInt8], at path: String, sameNameSameBytes: Bool = false) throws {
        let staged = stagedPath(path)
        let previous = destinationRoot + "/" + path
        var status = stat()
        if stat(previous, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG, Int(status.st_size) == bytes.count,
           sameNameSameBytes || Self.contents(atPath: previous, equal: bytes),
           link(previous, staged) == 0 {
            placed.add(linked: true)
            return
        }
        // Never writes through an existing name: it may be a link to the previous output's
        // file, which must stay as it was until the swap.
        try PlainFile.write(bytes, to: staged)
        placed.add(linked: false)
    }

    func url(for path: String) -> URL { staging.appendingPathComponent(path) }

    /// `path` inside the staging folder, as a plain path (no `stat`, unlike `url(for:)`).
    func stagedPath(_ path: String) -> String { stagingRoot + "/" + path }

    /// Writes `bytes` under their content-hashed name ("assets/x.png" → "assets/x.1a2b3c4d5e.png")
    /// and returns its site-absolute URL path.
    func publish(_ bytes: [UInt8], as name: String) throws -> String {
        let path = ContentHash.hashedPath(name, bytes: bytes)
        try write(bytes, to: path, sameNameSameBytes: true)
        return "/" + path
    }

    /// Whether the previous output holds exactly `bytes` at `path`.
    func previousHolds(_ bytes: [UInt8], at path: String) -> Bool {
        Self.contents(atPath: destinationRoot + "/" + path, equal: bytes)
    }

    private static func contents(atPath path: String, equal bytes: [UInt8]) -> Bool {
        guard let data = FileManager.default.contents(atPath: path), data.count == bytes.count else { return false }
        return data.withUnsafeBytes { old in bytes.withUnsafeBytes { new in memcmp(old.baseAddress!, new.baseAddress!, new.count) == 0 } }
    }

    /// Swaps the staging folder in: the old output is moved aside first, then removed by a
    /// background `rm` that outlives this process — deleting tens of thousands of files takes
    /// seconds on a slow disk, and nothing waits for it. Folders set aside by earlier builds
    /// whose removal was cut short go with it.
    func commit() throws {
        let files = FileManager.default
        let parent = destination.deletingLastPathComponent()
        let asidePrefix = ".\(destination.lastPathComponent).old-"
        let aside = parent.appendingPathComponent(asidePrefix + UUID().uuidString)
        let hadOutput = files.fileExists(atPath: destination.path)
        if hadOutput { try files.moveItem(at: destination, to: aside) }
        do {
            try files.moveItem(at: staging, to: destination)
        } catch {
            if hadOutput { try? files.moveItem(at: aside, to: destination) }
            throw error
        }
        let leftovers = ((try? files.contentsOfDirectory(atPath: parent.path)) ?? [])
            .filter { $0.hasPrefix(asidePrefix) }.map { parent.appendingPathComponent($0).path }
        Self.removeInBackground(leftovers)
    }

    /// `rm -rf` of `paths` in a process of its own; where none can be started, removed here.
    static func removeInBackground(_ paths: [String]) {
        guard !paths.isEmpty else { return }
        let remover = Process()
        remover.executableURL = URL(fileURLWithPath: "/bin/rm")
        remover.arguments = ["-rf", "--"] + paths
        remover.standardInput = FileHandle.nullDevice
        remover.standardOutput = FileHandle.nullDevice
        remover.standardError = FileHandle.nullDevice
        do { try remover.run() } catch {
            for path in paths { try? FileManager.default.removeItem(atPath: path) }
        }
    }

    func discard() { try? FileManager.default.removeItem(at: staging) }
}

private final class PlacedFiles: @unchecked Sendable {
    private var counts = (linked: 0, written: 0)
    private let lock = NSLock()
    func add(linked: Bool) { lock.withLock { if linked { counts.linked += 1 } else { counts.written += 1 } } }
    var linked: Int { lock.withLock { counts.linked } }
    var written: Int { lock.withLock { counts.written } }
}
