import Crypto
import Foundation

/// A folder of cache entries, each a set of named files plus `files.json` with every file's
/// SHA-256. An entry is written aside and renamed into place (a stopped build leaves no partial
/// entry) and read back only when every file still matches its hash: a damaged entry is removed
/// and reported, never used.
struct VerifiedStore: Sendable {
    let folder: URL

    enum Read {
        case hit([String: URL])
        case miss
        case damaged(String)
    }

    private struct Manifest: Codable { var files: [String: String] }

    func read(_ key: String) -> Read {
        let entry = folder.appendingPathComponent(key)
        guard let data = FileManager.default.contents(atPath: entry.appendingPathComponent("files.json").path) else { return .miss }
        guard let manifest = try? JSONDecoder().decode(Manifest.self, from: data) else {
            remove(key)
            return .damaged("its list of files does not parse")
        }
        var files: [String: URL] = [:]
        for (name, hash) in manifest.files {
            let url = entry.appendingPathComponent(name)
            guard FileDigests.sha256(ofFileAt: url.path) == hash else {
                remove(key)
                return .damaged("\(name) does not match its hash")
            }
            files[name] = url
        }
        return .hit(files)
    }

    func write(_ key: String, files: [String: Data]) throws {
        let manager = FileManager.default
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        let scratch = folder.appendingPathComponent(".incoming-\(UUID().uuidString)")
        try manager.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? manager.removeItem(at: scratch) }
        var hashes: [String: String] = [:]
        for (name, bytes) in files {
            try PlainFile.write([UInt8](bytes), to: scratch.appendingPathComponent(name).path)
            hashes[name] = Self.sha256(bytes)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        try PlainFile.write([UInt8](encoder.encode(Manifest(files: hashes))), to: scratch.appendingPathComponent("files.json").path)
        let target = folder.appendingPathComponent(key)
        try? manager.removeItem(at: target)
        try manager.moveItem(at: scratch, to: target)
    }

    func remove(_ key: String) { try? FileManager.default.removeItem(at: folder.appendingPathComponent(key)) }

    /// Removes every entry but `used`, and what a stopped build left half-written; returns how
    /// many entries went.
    func prune(keeping used: Set<String>) -> Int {
        var removed = 0
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where !used.contains(name) {
            if (try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))) != nil, !name.hasPrefix(".incoming-") {
                removed += 1
            }
        }
        return removed
    }

    static func sha256(_ data: Data) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(64)
        for byte in SHA256.hash(data: data) {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    /// SHA-256 over parts, each prefixed by its length so no two lists of parts collide.
    static func key(_ parts: [Data]) -> String {
        var hasher = SHA256()
        for part in parts {
            hasher.update(data: Data("\(part.count):".utf8))
            hasher.update(data: part)
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// The SHA-256 of a program's file, which changes with every change of its code: part of
    /// every key, so a new build-site never reuses what an older one made. Hashing tens of
    /// megabytes of executable costs more than a whole rebuild with nothing changed, so the
    /// result is remembered in `memoFolder` under the file's identity (device, inode, size,
    /// modification time), which a rebuilt or replaced program changes.
    static func programHash(_ executable: URL, memoFolder: URL? = nil) -> String {
        var status = stat()
        guard stat(executable.path, &status) == 0 else { return "unknown" }
        let identity = "\(executable.path) \(status.st_dev) \(status.st_ino) \(status.st_size) \(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)"
        let memo = memoFolder?.appendingPathComponent("program-\(sha256(Data(identity.utf8)).prefix(16))")
        if let memo, let remembered = try? String(contentsOf: memo, encoding: .utf8), remembered.count == 64 {
            return remembered
        }
        guard let hash = (try? Data(contentsOf: executable, options: .alwaysMapped)).map(sha256) else { return "unknown" }
        if let memo, (try? FileManager.default.createDirectory(at: memo.deletingLastPathComponent(), withIntermediateDirectories: true)) != nil {
            try? Data(hash.utf8).write(to: memo, options: .atomic)
        }
        return hash
    }
}
