import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Waits for saves under the project's folders and hands them over in bursts: an editor that
/// writes a file, its backup and a rename, or a `git checkout` of twenty files, gives one
/// rebuild. Linux has no FSEvents: inotify (through Glibc) tells of a save within a
/// millisecond; where it cannot be used (a file system without it, the watch limit reached)
/// the folders are scanned for changed modification times instead, every `pollInterval`.
final class ChangeWatcher {
    struct Burst {
        /// Changed paths, relative to the project, sorted.
        var paths: [String]
        /// When the first of them was written (its modification time), for the latency figure.
        var firstWrite: Date
    }

    enum Method: String { case inotify, polling }

    private(set) var method = Method.polling
    private let projectRoot: String
    private let folders: [String]
    /// How long the files must stay quiet before a burst is handed over.
    private let quietPeriod: TimeInterval
    private let pollInterval: TimeInterval
    private var notify: Int32 = -1
    private var watchedFolders: [Int32: String] = [:]
    private var snapshot: [String: timespec] = [:]

    init(projectRoot: URL, folders: [URL], quietPeriod: TimeInterval = 0.02, pollInterval: TimeInterval = 0.25, forcePolling: Bool = false) {
        self.projectRoot = projectRoot.standardizedFileURL.path
        self.folders = folders.map { $0.standardizedFileURL.path }
        self.quietPeriod = quietPeriod
        self.pollInterval = pollInterval
        if !forcePolling {
            notify = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
            if notify >= 0 {
                method = .inotify
                for folder in self.folders where !addWatches(under: folder) {
                    method = .polling
                    close(notify)
                    notify = -1
                    break
                }
            }
        }
        if method == .polling { snapshot = scan() }
    }

    deinit { if notify >= 0 { close(notify) } }

    /// Blocks until something changed and stayed quiet for `quietPeriod`.
    func next() -> Burst {
        method == .inotify ? nextFromInotify() : nextFromPolling()
    }

    // MARK: - inotify

    private static let mask = UInt32(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF)

    /// Watches `folder` and every folder below it; false when the kernel refuses (limit reached).
    private func addWatches(under folder: String) -> Bool {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else { return true }
        let descriptor = inotify_add_watch(notify, folder, Self.mask)
        guard descriptor >= 0 else { return false }
        watchedFolders[descriptor] = folder
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names.sorted() where !Self.isIgnored(name) {
            let path = folder + "/" + name
            var info = stat()
            if lstat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR, !addWatches(under: path) { return false }
        }
        return true
    }

    private func nextFromInotify() -> Burst {
        var changed = Set<String>()
        var firstSeen = Date()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            // Wait without limit for the first event, then only for the quiet period.
            var poller = pollfd(fd: notify, events: Int16(POLLIN), revents: 0)
            let timeout: Int32 = changed.isEmpty ? -1 : Int32(quietPeriod * 1000)
            let ready = poll(&poller, 1, timeout)
            if ready < 0 { if errno == EINTR { continue }; break }
            if ready == 0 { break }
            let count = buffer.withUnsafeMutableBytes { read(notify, $0.baseAddress, $0.count) }
            guard count > 0 else { continue }
            if changed.isEmpty { firstSeen = Date() }
            var offset = 0
            while offset + MemoryLayout<inotify_event>.size <= count {
                let (descriptor, mask, nameLength, name) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int, String) in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    let nameStart = offset + MemoryLayout<inotify_event>.size
                    let nameBytes = raw[nameStart ..< nameStart + Int(event.len)].prefix { $0 != 0 }
                    return (event.wd, event.mask, Int(event.len), String(decoding: nameBytes, as: UTF8.self))
                }
                offset += MemoryLayout<inotify_event>.size + nameLength
                guard let folder = watchedFolders[descriptor] else { continue }
                if mask & UInt32(IN_IGNORED) != 0 { watchedFolders[descriptor] = nil; continue }
                guard !name.isEmpty, !Self.isIgnored(name) else { continue }
                let path = folder + "/" + name
                if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                    _ = addWatches(under: path)
                    // Files may have landed in it before the watch did.
                    for file in FileManager.default.subpaths(atPath: path) ?? [] { changed.insert(path + "/" + file) }
                }
                changed.insert(path)
            }
        }
        return burst(changed, firstSeen: firstSeen)
    }

    // MARK: - Polling

    private func nextFromPolling() -> Burst {
        var changed = Set<String>()
        var firstSeen = Date()
        while true {
            // Once something changed, look again after the quiet period only: a burst is over
            // when a scan that soon finds nothing new.
            Thread.sleep(forTimeInterval: changed.isEmpty ? pollInterval : quietPeriod)
            let now = scan()
            var differences = Set<String>()
            for (path, time) in now where snapshot[path].map({ $0.tv_sec != time.tv_sec || $0.tv_nsec != time.tv_nsec }) ?? true {
                differences.insert(path)
            }
            for path in snapshot.keys where now[path] == nil { differences.insert(path) }
            snapshot = now
            if differences.isEmpty, !changed.isEmpty { break }
            if changed.isEmpty { firstSeen = Date() }
            changed.formUnion(differences)
        }
        return burst(changed, firstSeen: firstSeen)
    }

    private func scan() -> [String: timespec] {
        var times: [String: timespec] = [:]
        for folder in folders {
            guard let enumerator = FileManager.default.enumerator(atPath: folder) else { continue }
            while let relative = enumerator.nextObject() as? String {
                let name = (relative as NSString).lastPathComponent
                if Self.isIgnored(name) { enumerator.skipDescendants(); continue }
                var info = stat()
                // Files only: a folder's time changes with every file saved in it.
                if stat(folder + "/" + relative, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG {
                    times[folder + "/" + relative] = info.st_mtim
                }
            }
        }
        return times
    }

    // MARK: -

    /// `firstSeen`: when the first change was noticed; a modification time much older than that
    /// (a file only touched or moved) does not count as the save.
    private func burst(_ changed: Set<String>, firstSeen: Date) -> Burst {
        var firstWrite = firstSeen
        for path in changed {
            var info = stat()
            guard stat(path, &info) == 0 else { continue }
            let written = Date(timeIntervalSince1970: TimeInterval(info.st_mtim.tv_sec) + TimeInterval(info.st_mtim.tv_nsec) / 1e9)
            if written < firstWrite, written > firstSeen.addingTimeInterval(-2) { firstWrite = written }
        }
        let prefix = projectRoot + "/"
        // An editor's temporary file, written and renamed away within the burst, is not news.
        let paths = changed.filter { FileManager.default.fileExists(atPath: $0) || $0.split(separator: "/").last?.contains(".") == true }.map { $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : $0 }.sorted()
        return Burst(paths: paths, firstWrite: firstWrite)
    }

    /// Editors' swap, backup and lock files, and hidden files, never trigger a build.
    static func isIgnored(_ name: String) -> Bool {
        name.hasPrefix(".") || name.hasPrefix("#") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx")
            || name.hasSuffix(".tmp") || name == "4913"
    }
}
