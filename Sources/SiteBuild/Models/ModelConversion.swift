import Foundation
import GLTFExport
import SceneImport
import SceneModel

/// One model, file to file, in this process: import, (later: passes), write.
/// The site build runs this through `ModelWorker` in a child process, because assimp can crash.
public enum ModelConversion {
    /// The importer's options (message name, texture root) are all a conversion needs so far.
    public typealias Options = SceneImporter.Options

    /// What one conversion did, in numbers staff can check; also the child → parent message.
    public struct Report: Codable, Sendable, Equatable {
        public var source: String
        public var triangles: Int
        public var vertices: Int
        public var materials: Int
        public var textures: Int
        public var bytesIn: Int
        public var bytesOut: Int
        public var milliseconds: Int
        public var size: [Float]
        public var warnings: [String]
    }

    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    public static func convert(input: URL, output: URL, options: Options = .default) throws(Failure) -> Report {
        let started = DispatchTime.now()
        let name = options.displayName ?? input.path
        let imported: SceneImporter.Result
        do {
            imported = try SceneImporter.importFile(at: input, options: options)
        } catch {
            throw Failure(description: error.description)
        }
        let scene = imported.scene
        let format = output.pathExtension.lowercased()
        guard format == "glb" else {
            throw Failure(description: "\(output.path): unsupported output type '.\(format)', expected .glb")
        }
        let bytes: [UInt8]
        do { bytes = try GLTFWriter.glb(scene) } catch {
            throw Failure(description: "\(name): \(error.description)")
        }
        do {
            try FileManager.default.createDirectory(at: output.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(bytes).write(to: output, options: .atomic)
        } catch {
            throw Failure(description: "\(output.path): cannot write (\(error.localizedDescription))")
        }
        let inputSize = (try? FileManager.default.attributesOfItem(atPath: input.path)[.size] as? Int) ?? 0
        let usedMaterials = Set(scene.meshes.flatMap { $0.primitives.compactMap(\.material) })
        let usedImages = Set(usedMaterials.flatMap { scene.materials[$0].textureRefs.map(\.image) })
        let bounds = scene.bounds
        return Report(
            source: name,
            triangles: scene.drawnTriangleCount, vertices: scene.drawnVertexCount,
            materials: usedMaterials.count, textures: usedImages.count,
            bytesIn: inputSize, bytesOut: bytes.count,
            milliseconds: Int((DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1_000_000),
            size: [bounds.size.x, bounds.size.y, bounds.size.z],
            warnings: imported.warnings.map(\.description))
    }
}
