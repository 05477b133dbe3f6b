import Foundation
import SceneModel

/// File → `Scene`, for any format assimp reads.
///
/// Assimp itself can crash on damaged files; callers that must survive that (the site build)
/// run this in a child process (`build-site model`), see `SiteBuild.ModelWorker`.
public enum SceneImporter {
    public struct Options: Sendable {
        /// Name used in messages (defaults to the file's path as given).
        public var displayName: String?
        /// Textures are only read from inside this folder (the project root in a site build);
        /// a reference leading outside it is reported and skipped. Defaults to the model's folder.
        public var textureRoot: URL?

        public init(displayName: String? = nil, textureRoot: URL? = nil) {
            self.displayName = displayName
            self.textureRoot = textureRoot
        }

        public static let `default` = Options()
    }

    public struct Result: Sendable {
        public var scene: Scene
        public var warnings: [ImportWarning]
        /// Every file the import read (the model, its companions, textures), absolute paths in
        /// first-read order, and the paths it looked for that did not exist: what the model
        /// depends on, for a build cache.
        public var filesRead: [String] = []
        public var filesMissing: [String] = []
    }

    public static var assimpVersion: String { AssimpReader.version }

    public static func importFile(at url: URL, options: Options = .default) throws(ImportError) -> Result {
        let name = options.displayName ?? url.path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
            throw ImportError(file: name, reason: "file not found, expected a 3D model file")
        }
        guard !isDirectory.boolValue else {
            throw ImportError(file: name, reason: "is a folder, expected a 3D model file")
        }
        guard FileManager.default.isReadableFile(atPath: url.path) else {
            throw ImportError(file: name, reason: "cannot be read (permissions)")
        }
        if let problem = ZipBombGuard.problem(at: url.path) {
            throw ImportError(file: name, reason: "is a zip container that \(problem); it was not opened")
        }
        let raw: RawImport
        let files = AssimpFileSystem()
        do {
            raw = try AssimpReader.read(path: url.path, dropNormals: url.pathExtension.lowercased() == "stl", files: files)
        } catch {
            // The worker's memory ceiling turns a file that declares absurd counts (a billion
            // vertices, a zip bomb) into a failed allocation here, before the machine swaps.
            if error.message.contains("bad_alloc") {
                throw ImportError(file: name, reason: "asks for more memory than a model may use (the --model-memory limit); "
                    + "it is probably damaged, or far too large for a web page — re-export or simplify it")
            }
            throw ImportError(file: name, reason: "not a readable 3D model: \(error.message)")
        }
        let textures = TextureLoader(modelURL: url, root: options.textureRoot ?? url.deletingLastPathComponent(),
                                     embedded: raw.embeddedTextures)
        var builder = SceneBuilder(raw: raw, textures: textures, file: name,
                                   format: url.pathExtension.lowercased())
        let scene = builder.build()
        guard scene.drawnTriangleCount > 0 else {
            throw ImportError(file: name, reason: "contains no triangles to show (only points, lines or nothing)")
        }
        let opened = (files.reads.opened + textures.reads.opened).map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        let missing = (files.reads.missing + textures.reads.missing).map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        return Result(scene: scene, warnings: builder.warnings, filesRead: opened.uniquedInOrder(),
                      filesMissing: missing.uniquedInOrder().filter { !opened.contains($0) })
    }
}

extension Array where Element == String {
    func uniquedInOrder() -> [String] {
        var seen = Set<String>()
        return filter { seen.insert($0).inserted }
    }
}
