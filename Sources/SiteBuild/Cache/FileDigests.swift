import Foundation

/// SHA-256 of files, remembered for the life of the process while a file keeps its device,
/// inode, size and modification time (the test `make` and Hugo trust). A single build reads
/// each file once anyway; `build-site serve` rebuilds in the same process after every save,
/// and without this it would hash every model, texture and cache entry again each time.
enum FileDigests {
    private struct Stamp: Equatable {
        var device: UInt64, inode: UInt64, size: Int64, seconds: Int, nanoseconds: Int
    }

    nonisolated(unsafe) private static var known: [String: (stamp: Stamp, sha256: String)] = [:]
    private static let lock = NSLock()

    /// The file's SHA-256 in hex, or nil when it cannot be read.
    static func sha256(ofFileAt path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        let stamp = Stamp(device: UInt64(info.st_dev), inode: UInt64(info.st_ino), size: Int64(info.st_size),
                          seconds: Int(info.st_mtim.tv_sec), nanoseconds: Int(info.st_mtim.tv_nsec))
        if let remembered = lock.withLock({ known[path] }), remembered.stamp == stamp { return remembered.sha256 }
        guard let bytes = try? Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped) else { return nil }
        let digest = VerifiedStore.sha256(bytes)
        // A file written within the last second may be written again within the same clock tick
        // with the same size: remember only what has been still for a moment.
        if Date().timeIntervalSince1970 - (TimeInterval(stamp.seconds) + TimeInterval(stamp.nanoseconds) / 1e9) > 1 {
            lock.withLock { known[path] = (stamp, digest) }
        }
        return digest
    }
}
