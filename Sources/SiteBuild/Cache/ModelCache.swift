import Foundation
import SceneImport

/// Converted models kept between builds, so a rebuild converts only what changed (ccache's
/// idea, applied to models): an entry of `<cache>/models/` holds the files one conversion wrote
/// (.glb, AR .glb, .usdz, lossless poster) and `entry.json` (the report, and what the conversion
/// read), checked by `VerifiedStore`.
///
/// The key is SHA-256 of the model's name in the project, its source bytes, its settings, the
/// build-site executable and assimp's version. What else the conversion read (an .mtl, a .bin,
/// textures) is only known after it, so the entry records those files with their hashes, and the
/// paths it looked for in vain; a lookup is a hit only when all of them are as recorded.
struct ModelCache: Sendable {
    let store: VerifiedStore
    let projectRoot: URL
    /// What converts (the worker executable and assimp), part of every key.
    let toolHash: String

    /// The files of one conversion, by role; `poster` is the lossless master render.
    enum Role: String, Codable, CaseIterable, Sendable { case glb, arGLB = "ar.glb", usdz, poster = "poster.png" }

    struct Entry: Codable, Sendable {
        struct Dependency: Codable, Sendable, Equatable { var path: String; var sha256: String }
        var report: ModelConversion.Report
        var dependencies: [Dependency]
        var missing: [String]
    }

    enum Lookup {
        case hit(ModelConversion.Report, files: [Role: URL])
        case miss
        /// The entry did not match its hashes; it was removed.
        case damaged(String)
    }

    init(folder: URL, projectRoot: URL, workerExecutable: URL) {
        store = VerifiedStore(folder: folder.appendingPathComponent("models"))
        self.projectRoot = projectRoot.standardizedFileURL
        toolHash = VerifiedStore.key([Data("smartvillage-model-cache 1".utf8), Data(VerifiedStore.programHash(workerExecutable, memoFolder: folder).utf8),
                                      Data("assimp \(SceneImporter.assimpVersion)".utf8)])
    }

    /// The key of a job before it runs: name, source bytes, settings (camera orbit included), tools.
    func key(name: String, source: URL, settings: ModelSettings) -> String? {
        guard let sourceHash = FileDigests.sha256(ofFileAt: source.path) else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        guard let settingsJSON = try? encoder.encode(settings) else { return nil }
        return VerifiedStore.key([Data(toolHash.utf8), Data(name.utf8), Data(sourceHash.utf8), settingsJSON])
    }

    func lookup(_ key: String) -> Lookup {
        let files: [String: URL]
        switch store.read(key) {
        case .miss: return .miss
        case .damaged(let why): return .damaged(why)
        case .hit(let found): files = found
        }
        guard let data = files["entry.json"].flatMap({ FileManager.default.contents(atPath: $0.path) }),
              let entry = try? JSONDecoder().decode(Entry.self, from: data) else {
            store.remove(key)
            return .damaged("its record does not parse")
        }
        // What the last conversion read must be unchanged, and what it missed still missing.
        for dependency in entry.dependencies where dependencyHash(dependency.path) != dependency.sha256 { return .miss }
        for path in entry.missing where FileManager.default.fileExists(atPath: absolute(path).path) { return .miss }
        var byRole: [Role: URL] = [:]
        for role in Role.allCases { byRole[role] = files["model." + role.rawValue] }
        return .hit(entry.report, files: byRole)
    }

    /// Keeps a finished conversion: its files (by role), its report and what it depends on.
    func keep(_ key: String, report: ModelConversion.Report, files: [Role: URL]) throws {
        var contents: [String: Data] = [:]
        for (role, url) in files { contents["model." + role.rawValue] = try Data(contentsOf: url) }
        let dependencies = report.filesRead.map { path -> Entry.Dependency in
            let relative = relativePath(path)
            return Entry.Dependency(path: relative, sha256: dependencyHash(relative) ?? "")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        contents["entry.json"] = try encoder.encode(Entry(report: report, dependencies: dependencies,
                                                          missing: report.filesMissing.map(relativePath)))
        try store.write(key, files: contents)
    }

    func prune(keeping used: Set<String>) -> Int { store.prune(keeping: used) }

    // MARK: - Paths

    /// Project-relative where possible, so a cache restored into another checkout still matches.
    func relativePath(_ path: String) -> String {
        let standard = URL(fileURLWithPath: path).standardizedFileURL.path
        let root = projectRoot.path.hasSuffix("/") ? projectRoot.path : projectRoot.path + "/"
        return standard.hasPrefix(root) ? String(standard.dropFirst(root.count)) : standard
    }

    func absolute(_ path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : projectRoot.appendingPathComponent(path)
    }

    private func dependencyHash(_ path: String) -> String? {
        FileDigests.sha256(ofFileAt: absolute(path).path)
    }
}
