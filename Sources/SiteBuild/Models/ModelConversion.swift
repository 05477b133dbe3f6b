import Foundation
import GLTFExport
import SceneImport
import SceneModel
import ScenePasses
import USDZExport

/// One model, file to file, in this process: import → optimize → textures → write the web .glb
/// (quantized, optionally meshopt-compressed), a plain AR .glb for Scene Viewer when asked,
/// a .usdz for AR Quick Look, and a poster image rendered from the model.
/// The site build runs this through `ModelWorker` in a child process, because assimp can crash.
public enum ModelConversion {
    /// The importer's options (message name, texture root).
    public typealias Options = SceneImporter.Options

    /// What one conversion did, in numbers staff can check; also the child → parent message.
    public struct Report: Codable, Sendable, Equatable {
        public var source: String
        public var trianglesBefore: Int
        public var verticesBefore: Int
        public var triangles: Int
        public var vertices: Int
        public var materials: Int
        public var textures: Int
        public var bytesIn: Int
        public var bytesOut: Int
        /// Size of the Scene Viewer file (written only when the web file is quantized or compressed).
        public var arBytesOut: Int?
        public var usesMeshopt: Bool
        /// Size of the .usdz, when one was asked for.
        public var usdzBytesOut: Int?
        /// What the .usdz leaves out or simplified (Apple's budget, animation), for the summary.
        public var usdzNotes: [String]
        /// Size of the poster image and the time its rendering took (without encoding), when one was asked for.
        public var posterBytesOut: Int?
        public var posterMilliseconds: Int?
        public var milliseconds: Int
        /// Width (X), height (Y) and length (Z) in metres after placement.
        public var size: [Float]
        /// The placement (scale, up-axis turn, centring) as a column-major 4×4: maps the
        /// source's coordinates, which hotspots in front matter use, to the written file's.
        public var placement: [Float]
        public var warnings: [String]
        /// What the conversion depends on: every file the import read (absolute paths) and the
        /// paths it looked for that did not exist (a missing texture). The site's model cache
        /// keys a model by these.
        public var filesRead: [String] = []
        public var filesMissing: [String] = []
        /// The files this conversion wrote (a subset of what the job asked for: no AR copy when
        /// the web file is plain already).
        public var written = Outputs()
    }

    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Which files to write; at least one.
    public struct Outputs: Codable, Sendable, Equatable {
        public var glb: URL?
        /// The plain copy of a quantized or compressed `glb` for Scene Viewer; only the site
        /// build, which links it, asks for one (`arOutput(for:)` names it).
        public var arGLB: URL?
        public var usdz: URL?
        public var poster: PosterOutput?
        public init(glb: URL? = nil, arGLB: URL? = nil, usdz: URL? = nil, poster: PosterOutput? = nil) {
            self.glb = glb
            self.arGLB = arGLB
            self.usdz = usdz
            self.poster = poster
        }
    }

    /// AR Quick Look's budget (Apple): above it the .usdz gets a simplified, downscaled copy.
    static let quickLookTriangles = 100_000
    static let quickLookTextureSize = 2048

    /// Where the AR copy of `output` goes: `x.glb` → `x.ar.glb`.
    public static func arOutput(for output: URL) -> URL {
        output.deletingPathExtension().appendingPathExtension("ar.glb")
    }

    /// Scene Viewer renders natively; beyond core glTF it is only counted on for these.
    static let arExtensionAllowList: Set<String> = ["KHR_materials_unlit", "KHR_texture_transform"]
    static let arFileBudget = 15 * 1_048_576

    /// Which output a file name asks for: `.glb`, `.usdz`, or a `.png`/`.jpg`/`.webp`/`.avif` poster.
    public static func outputs(for output: URL, poster: PosterOutput? = nil) throws(Failure) -> Outputs {
        switch output.pathExtension.lowercased() {
        case "glb": return Outputs(glb: output)
        case "usdz": return Outputs(usdz: output)
        case "png", "jpg", "jpeg", "webp", "avif":
            var image = poster ?? PosterOutput(url: output)
            image.url = output
            return Outputs(poster: image)
        default:
            throw Failure(description: "\(output.path): unsupported output type '.\(output.pathExtension)', expected .glb, .usdz, .png, .jpg, .webp or .avif")
        }
    }

    /// One output chosen by its extension (see `outputs(for:)`).
    public static func convert(input: URL, output: URL, settings: ModelSettings = ModelSettings(),
                               options: Options = .default) throws(Failure) -> Report {
        try convert(input: input, outputs: try outputs(for: output), settings: settings, options: options)
    }

    public static func convert(input: URL, outputs: Outputs, settings: ModelSettings = ModelSettings(),
                               options: Options = .default) throws(Failure) -> Report {
        let started = DispatchTime.now()
        let name = options.displayName ?? input.path
        let imported: SceneImporter.Result
        do { imported = try SceneImporter.importFile(at: input, options: options) } catch {
            throw Failure(description: error.description)
        }
        var scene = imported.scene
        var warnings = imported.warnings.map(\.description)
        func warn(_ message: String) { warnings.append("\(name): warning: \(message)") }

        let optimized: OptimizeReport
        do {
            optimized = try optimize(&scene, OptimizeOptions(settings))
            _ = try resizeTextures(&scene, TextureOptions(maxTextureSize: settings.maxTextureSize))
        } catch {
            throw Failure(description: "\(name): could not optimize the model (\(error))")
        }
        for message in textureBudgetWarnings(scene) { warn(message) }

        let compressed = settings.compression == .meshopt
        var web: [UInt8]?, ar: [UInt8]?
        if let output = outputs.glb {
            (web, ar) = try writeGLB(scene, settings: settings, arCopy: outputs.arGLB != nil, name: name, warn: warn)
            do {
                try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
                try PlainFile.replace(web!, at: output)
                if let ar, let arURL = outputs.arGLB { try PlainFile.replace(ar, at: arURL) }
            } catch {
                throw Failure(description: "\(output.path): cannot write (\(error.localizedDescription))")
            }
        }
        var usdz: [UInt8]?, usdzNotes: [String] = []
        if let output = outputs.usdz {
            (usdz, usdzNotes) = try writeUSDZ(scene, name: name)
            do {
                try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
                try PlainFile.replace(usdz!, at: output)
            } catch {
                throw Failure(description: "\(output.path): cannot write (\(error.localizedDescription))")
            }
        }

        var poster: PosterOutput.Result?
        if var output = outputs.poster {
            if output.cameraOrbit == nil { output.cameraOrbit = settings.cameraOrbit }
            poster = try output.write(scene, name: name)
        }

        let usedMaterials = Set(scene.meshes.flatMap { $0.primitives.compactMap(\.material) })
        let usedImages = Set(usedMaterials.flatMap { scene.materials[$0].textureRefs.map(\.image) })
        let size = optimized.placement?.size ?? scene.bounds.size
        return Report(
            source: name,
            trianglesBefore: optimized.trianglesBefore, verticesBefore: optimized.verticesBefore,
            triangles: optimized.trianglesAfter, vertices: optimized.verticesAfter,
            materials: usedMaterials.count, textures: usedImages.count,
            bytesIn: inputBytes(input), bytesOut: web?.count ?? 0, arBytesOut: ar?.count, usesMeshopt: compressed && web != nil,
            usdzBytesOut: usdz?.count, usdzNotes: usdzNotes,
            posterBytesOut: poster?.bytes, posterMilliseconds: poster?.renderMilliseconds,
            milliseconds: Int((DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1_000_000),
            size: [size.x, size.y, size.z],
            placement: (optimized.placement?.transform ?? .identity).flattened,
            warnings: warnings, filesRead: imported.filesRead, filesMissing: imported.filesMissing,
            written: Outputs(glb: web == nil ? nil : outputs.glb, arGLB: ar == nil ? nil : outputs.arGLB,
                             usdz: usdz == nil ? nil : outputs.usdz, poster: poster == nil ? nil : outputs.poster))
    }

    /// The web file and, when asked for and the web file is not plain already, the Scene Viewer copy.
    private static func writeGLB(_ scene: Scene, settings: ModelSettings, arCopy: Bool, name: String,
                                 warn: (String) -> Void) throws(Failure) -> ([UInt8], [UInt8]?) {
        // The web file's textures as WebP where that is smaller at the same look; the scene
        // itself (for the AR copy, the USDZ and the poster) keeps JPEG and PNG.
        var webScene = scene
        if settings.textureFormat == .webp { encodeTexturesAsWebP(&webScene) }
        let hasWebP = webScene.images.contains { $0.format == .webp }
        // Scene Viewer is documented to read neither EXT_meshopt_compression, nor
        // KHR_mesh_quantization, nor WebP: unless the web file is plain it gets a plain copy.
        let quantized = settings.compression.quantizes || hasWebP
        let web: [UInt8], ar: [UInt8]?
        do {
            web = try GLTFWriter.glb(webScene, options: .init(settings.compression))
            ar = quantized && arCopy ? try GLTFWriter.glb(scene, options: .init(.none)) : nil
        } catch {
            throw Failure(description: "\(name): \(error.description)")
        }
        // Never publish a file a strict loader refuses: each .glb is read back and checked
        // (chunks, ranges, accessor bounds, indices, finite numbers, node transforms, extensions).
        for (label, bytes) in [("", web), (" (its AR copy)", ar)] {
            guard let bytes else { continue }
            let issues = GLBInspector(bytes).issues
            guard issues.isEmpty else {
                let shown = issues.prefix(3).joined(separator: "; ") + (issues.count > 3 ? "; and \(issues.count - 3) more" : "")
                throw Failure(description: "\(name): the .glb written from it\(label) breaks glTF rules (\(shown)); it was not published. Please report this with the file")
            }
        }
        // The budget is Scene Viewer's: it applies to the file the site hands it (the copy, or
        // a plain web file); a quantized file nobody asked a copy of is not for Scene Viewer.
        guard let arFile = ar ?? (quantized ? nil : web) else { return (web, nil) }
        if arFile.count > arFileBudget {
            warn("the AR file is \(arFile.count / 1_048_576) MB, over Scene Viewer's 15 MB budget; lower maxTriangles or maxTextureSize")
        }
        let outsideAllowList = GLBFacts.extensionsUsed(arFile).subtracting(arExtensionAllowList).sorted()
        if !outsideAllowList.isEmpty {
            warn("the AR file uses \(outsideAllowList.joined(separator: ", ")), which Scene Viewer may not support")
        }
        return (web, ar)
    }

    /// The .usdz, within AR Quick Look's budget: a model the site allows to be larger gets a
    /// simplified, downscaled copy here, and says so.
    private static func writeUSDZ(_ scene: Scene, name: String) throws(Failure) -> ([UInt8], [String]) {
        var quickLook = scene
        var notes: [String] = []
        do {
            if quickLook.drawnTriangleCount > quickLookTriangles {
                let before = quickLook.drawnTriangleCount
                try simplify(&quickLook, SimplifyOptions(maxTriangles: quickLookTriangles))
                notes.append("USDZ simplified \(before) → \(quickLook.drawnTriangleCount) triangles for AR Quick Look")
            }
            let report = try resizeTextures(&quickLook, TextureOptions(maxTextureSize: quickLookTextureSize))
            if report.entries.contains(where: { $0.action == .resized }) {
                notes.append("USDZ textures downscaled to \(quickLookTextureSize) px for AR Quick Look")
            }
        } catch {
            throw Failure(description: "\(name): could not fit the model to AR Quick Look's budget (\(error))")
        }
        let leftOut = USDZWriter.leftOut(quickLook)
        if !leftOut.isEmpty {
            notes.append("USDZ leaves out \(leftOut.joined(separator: ", ")) for now (AR Quick Look shows the rest pose)")
        }
        do {
            return (try USDZWriter.usdz(quickLook), notes)
        } catch {
            throw Failure(description: "\(name): could not write the USDZ (\(error))")
        }
    }

    private static func inputBytes(_ url: URL) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
    }
}

extension OptimizeOptions {
    /// The pass settings a model's `ModelSettings` asks for.
    init(_ settings: ModelSettings) {
        self.init()
        simplify?.maxTriangles = settings.maxTriangles
        placement = PlacementOptions(height: settings.height.map(Float.init), width: settings.width.map(Float.init),
                                     length: settings.length.map(Float.init), up: settings.up ?? .y)
    }
}

/// Facts read back from a written .glb's JSON chunk.
enum GLBFacts {
    static func extensionsUsed(_ glb: [UInt8]) -> Set<String> {
        guard glb.count >= 20 else { return [] }
        let length = Int(glb[12]) | Int(glb[13]) << 8 | Int(glb[14]) << 16 | Int(glb[15]) << 24
        guard 20 + length <= glb.count,
              let json = try? JSONSerialization.jsonObject(with: Data(glb[20..<20 + length])) as? [String: Any] else { return [] }
        return Set(json["extensionsUsed"] as? [String] ?? [])
    }
}
