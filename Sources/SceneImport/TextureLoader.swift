import Foundation
import Imaging
import SceneModel

/// Finds and loads the image a material refers to, the way a person would expect from a folder
/// of files copied between Windows, macOS and Linux: backslashes, wrong letter case and absolute
/// paths of the author's machine are tolerated, as long as the file is inside `root`.
struct TextureLoader {
    enum Problem: Error {
        case notFound
        case outsideRoot
        case undecodable(String)
    }

    let modelDirectory: URL
    let root: String
    let embedded: [RawEmbeddedTexture]
    /// Texture files read, and the paths of textures that were not there (for the build's cache).
    let reads = FileReads()

    init(modelURL: URL, root: URL, embedded: [RawEmbeddedTexture]) {
        modelDirectory = modelURL.deletingLastPathComponent().standardizedFileURL
        self.root = root.standardizedFileURL.resolvingSymlinksInPath().path
        self.embedded = embedded
    }

    func load(_ reference: String) -> Result<SceneModel.Image, Problem> {
        if let texture = embeddedTexture(reference) { return encode(texture) }
        switch locate(reference) {
        case .failure(let problem):
            if case .notFound = problem {
                let relative = reference.replacingOccurrences(of: "\\", with: "/")
                reads.missing(relative.hasPrefix("/") ? relative : modelDirectory.appendingPathComponent(relative).standardizedFileURL.path)
            }
            return .failure(problem)
        case .success(let url):
            guard let data = FileManager.default.contents(atPath: url.path) else { return .failure(.notFound) }
            reads.opened(url.standardizedFileURL.path)
            return image(from: [UInt8](data), name: url.deletingPathExtension().lastPathComponent,
                         hint: url.pathExtension.lowercased())
        }
    }

    // MARK: - Embedded textures

    private func embeddedTexture(_ reference: String) -> RawEmbeddedTexture? {
        if reference.hasPrefix("*"), let index = Int(reference.dropFirst()), embedded.indices.contains(index) {
            return embedded[index]
        }
        // FBX files name their embedded textures by the original file path.
        let base = Self.basename(reference)
        return embedded.first { !$0.name.isEmpty && ($0.name == reference || Self.basename($0.name) == base) }
    }

    private func encode(_ texture: RawEmbeddedTexture) -> Result<SceneModel.Image, Problem> {
        let name = Self.basename(texture.name).split(separator: ".").first.map(String.init) ?? ""
        switch texture.content {
        case .compressed(let bytes):
            return image(from: bytes, name: name, hint: texture.formatHint.lowercased())
        case .rgba(let width, let height, let pixels):
            do {
                let png = try PNGCodec.encode(RGBAImage(width: width, height: height, pixels: pixels))
                return .success(SceneModel.Image(name: name, format: .png, data: png))
            } catch {
                return .failure(.undecodable("\(error)"))
            }
        }
    }

    // MARK: - Bytes → an image glTF and USDZ accept

    /// PNG and JPEG are kept byte for byte (no quality lost, no time spent); anything else that
    /// we can decode (TGA, BMP) becomes a lossless PNG.
    private func image(from bytes: [UInt8], name: String, hint: String) -> Result<SceneModel.Image, Problem> {
        switch ImageDecoder.sniff(bytes) {
        case .png: return .success(SceneModel.Image(name: name, format: .png, data: bytes))
        case .jpeg: return .success(SceneModel.Image(name: name, format: .jpeg, data: bytes))
        default:
            do {
                let decoded = try ImageDecoder.decode(bytes, formatHint: hint)
                return .success(SceneModel.Image(name: name, format: .png, data: try PNGCodec.encode(decoded)))
            } catch {
                return .failure(.undecodable("\(error)"))
            }
        }
    }

    // MARK: - Finding the file

    private func locate(_ reference: String) -> Result<URL, Problem> {
        var path = reference.replacingOccurrences(of: "\\", with: "/")
        if path.hasPrefix("file://") { path.removeFirst("file://".count) }
        let isAbsolute = path.hasPrefix("/") || (path.count > 1 && path.dropFirst().first == ":")
        var candidates: [String] = []
        if !isAbsolute {
            candidates.append(path)
            if let decoded = path.removingPercentEncoding, decoded != path { candidates.append(decoded) }
        }
        // An absolute path from the author's machine, or a folder layout that was not kept:
        // look for the file itself next to the model.
        candidates.append(Self.basename(path))

        var sawOutside = false
        for candidate in candidates where !candidate.isEmpty {
            guard let url = findIgnoringCase(candidate) else { continue }
            let real = url.resolvingSymlinksInPath().path
            if real == root || real.hasPrefix(root.hasSuffix("/") ? root : root + "/") { return .success(url) }
            sawOutside = true
        }
        return .failure(sawOutside ? .outsideRoot : .notFound)
    }

    /// Resolves `relative` against the model's folder, matching each name case-insensitively
    /// when the exact name does not exist (textures named *.JPG next to files named *.jpg).
    private func findIgnoringCase(_ relative: String) -> URL? {
        var url = modelDirectory
        let files = FileManager.default
        for component in relative.split(separator: "/").map(String.init) where component != "." {
            if component == ".." { url = url.deletingLastPathComponent(); continue }
            let exact = url.appendingPathComponent(component)
            if files.fileExists(atPath: exact.path) { url = exact; continue }
            let names = (try? files.contentsOfDirectory(atPath: url.path)) ?? []
            guard let match = names.sorted().first(where: { $0.lowercased() == component.lowercased() }) else { return nil }
            url = url.appendingPathComponent(match)
        }
        var isDirectory: ObjCBool = false
        guard files.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { return nil }
        return url
    }

    static func basename(_ path: String) -> String {
        String(path.replacingOccurrences(of: "\\", with: "/").split(separator: "/").last ?? "")
    }
}

/// Paths an import opened and paths it looked for in vain, in first-seen order.
final class FileReads: @unchecked Sendable {
    private(set) var opened: [String] = []
    private(set) var missing: [String] = []
    func opened(_ path: String) { if !opened.contains(path) { opened.append(path) } }
    func missing(_ path: String) { if !missing.contains(path) { missing.append(path) } }
}
