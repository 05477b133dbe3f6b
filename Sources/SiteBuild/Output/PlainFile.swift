import Foundation

/// Writes files with open/write/close (and rename) and nothing more.
///
/// Foundation's `Data.write(to:)` also calls `fsync` on every file (and `stat`s the path and its
/// parent): for a 10,000-page site that is 30,000 waits for the disk, measured as 5.6 s of a
/// 27 s build, and one wait per converted model. Nothing here needs per-file durability: a
/// build cut short leaves only its staging folder, which the next build removes, the output is
/// swapped in by one rename, and cache entries are checked against their SHA-256 on use.
enum PlainFile {
    /// The system's reason, like "/x/_site/a.html: No space left on device" (also as the
    /// `localizedDescription` the build's messages use).
    struct WriteError: LocalizedError, CustomStringConvertible {
        var path: String
        var code: Int32
        var description: String { "\(path): \(String(cString: strerror(code)))" }
        var errorDescription: String? { description }
    }

    /// Writes all of `bytes` to a new file at `path` (mode 0644 before umask). A file already
    /// there is unlinked first, never written through: it may be a hard link to a file of the
    /// previous output. (Creating exclusively and unlinking only on a clash saves a system call
    /// per file: staging folders start empty.)
    static func write(_ bytes: [UInt8], to path: String) throws {
        let flags = O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC
        var descriptor = open(path, flags, 0o644)
        if descriptor < 0 && errno == EEXIST {
            _ = unlink(path)
            descriptor = open(path, flags, 0o644)
        }
        guard descriptor >= 0 else { throw WriteError(path: path, code: errno) }
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                offset += written
            }
        }
        if close(descriptor) != 0 && failure == 0 { failure = errno }
        if failure != 0 { throw WriteError(path: path, code: failure) }
    }

    /// Replaces `url`'s file in one step: the bytes go to a temporary name beside it, renamed
    /// over the target, so a reader never sees half a file and a failed write leaves the old one.
    static func replace(_ bytes: [UInt8], at url: URL) throws {
        let path = url.path
        let temporary = path + ".partial-\(getpid())-\(UInt32.random(in: 0 ... .max))"
        do {
            try write(bytes, to: temporary)
            guard rename(temporary, path) == 0 else { throw WriteError(path: path, code: errno) }
        } catch {
            _ = unlink(temporary)
            throw error
        }
    }
}
