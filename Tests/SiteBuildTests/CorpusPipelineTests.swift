import Foundation
import SceneImport
import SceneModel
import SiteBuild
import TestSupport
import XCTest

/// Every intact corpus model through the whole model pipeline (import → passes → textures →
/// writer) with each compression setting: the web file and the Scene Viewer copy are valid, the
/// copy reads back through assimp with the triangles the report claims, and the model stands
/// on the ground, centred.
final class CorpusPipelineTests: XCTestCase {
    func convertAll(_ compression: GeometryCompression) throws {
        guard let corpus = Corpus.locate() else { throw XCTSkip(Corpus.missingMessage) }
        let temp = try TemporaryDirectory("pipeline-\(compression.rawValue)")
        defer { temp.remove() }
        var settings = ModelSettings()
        settings.compression = compression
        for (index, entry) in corpus.good.enumerated() {
            let output = temp.url.appendingPathComponent("\(index).glb")
            let report: ModelConversion.Report
            do {
                report = try ModelConversion.convert(input: entry.url, outputs: .init(glb: output, arGLB: ModelConversion.arOutput(for: output)),
                                                     settings: settings, options: .init(displayName: entry.path))
            } catch {
                XCTFail("\(entry.path): \(error)")
                continue
            }
            let web = GLBInspector([UInt8](try Data(contentsOf: output)))
            XCTAssertEqual(web.issues, [], "\(entry.path) (\(compression))")
            XCTAssertEqual(web.drawnTriangles, report.triangles, "\(entry.path): triangles in the web file")
            XCTAssertLessThanOrEqual(report.triangles, settings.maxTriangles, entry.path)
            XCTAssertEqual(report.usesMeshopt, compression == .meshopt)
            XCTAssertEqual((web.json["extensionsUsed"] as? [String] ?? []).contains("EXT_meshopt_compression"), compression == .meshopt)

            // Scene Viewer gets a plain copy unless the web file is plain already (no
            // quantization, compression or WebP textures).
            let webP = (web.json["extensionsRequired"] as? [String] ?? []).contains("EXT_texture_webp")
            let copied = compression != .none || webP
            let arURL = copied ? ModelConversion.arOutput(for: output) : output
            XCTAssertEqual(report.arBytesOut != nil, copied, entry.path)
            let ar = GLBInspector([UInt8](try Data(contentsOf: arURL)))
            XCTAssertEqual(ar.issues, [], "\(entry.path) (AR)")
            XCTAssertEqual(ar.json["extensionsRequired"] as? [String] ?? [], [], "\(entry.path): the AR copy needs no extension")
            let reread = try SceneImporter.importFile(at: arURL)
            XCTAssertEqual(reread.scene.drawnTriangleCount, report.triangles, "\(entry.path): AR copy re-imported")

            // Placement: centred on X/Z, standing on y = 0 (checked on the static pose assimp reads).
            if reread.scene.skins.isEmpty && reread.scene.meshes.allSatisfy({ $0.primitives.allSatisfy { $0.targets.isEmpty } }) {
                let bounds = reread.scene.bounds
                let tolerance = max(bounds.size.max() * 0.01, 1e-5)
                XCTAssertEqual(bounds.min.y, 0, accuracy: tolerance, "\(entry.path) stands on the ground")
                XCTAssertEqual(bounds.center.x, 0, accuracy: tolerance, "\(entry.path) centred on X")
                XCTAssertEqual(bounds.center.z, 0, accuracy: tolerance, "\(entry.path) centred on Z")
                for axis in 0..<3 {
                    XCTAssertEqual(bounds.size[axis], report.size[axis], accuracy: tolerance, "\(entry.path) reported size")
                }
            }
        }
    }

    func testEveryGoodModelWithMeshopt() throws { try convertAll(.meshopt) }
    func testEveryGoodModelQuantized() throws { try convertAll(.quantize) }
    func testEveryGoodModelPlain() throws { try convertAll(.none) }

    func testRequestedHeightIsHonouredWithinOnePercent() throws {
        guard let corpus = Corpus.locate() else { throw XCTSkip(Corpus.missingMessage) }
        let temp = try TemporaryDirectory("pipeline-height")
        defer { temp.remove() }
        var settings = ModelSettings()
        settings.height = 0.5
        let output = temp.url.appendingPathComponent("duck.glb")
        let report = try ModelConversion.convert(input: corpus.root.appendingPathComponent("glb/Duck.glb"),
                                                 outputs: .init(glb: output, arGLB: ModelConversion.arOutput(for: output)), settings: settings)
        XCTAssertEqual(report.size[1], 0.5, accuracy: 0.005)
        let bounds = try SceneImporter.importFile(at: ModelConversion.arOutput(for: output)).scene.bounds
        XCTAssertEqual(bounds.size.y, 0.5, accuracy: 0.005)
        XCTAssertEqual(bounds.min.y, 0, accuracy: 0.005)
    }

    func testSceneViewerCopyIsWrittenOnlyWhenAskedFor() throws {
        guard let corpus = Corpus.locate() else { throw XCTSkip(Corpus.missingMessage) }
        let temp = try TemporaryDirectory("pipeline-ar-copy")
        defer { temp.remove() }
        let duck = corpus.root.appendingPathComponent("glb/Duck.glb")
        let output = temp.url.appendingPathComponent("duck.glb")
        let report = try ModelConversion.convert(input: duck, output: output)
        XCTAssertNil(report.arBytesOut)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: temp.url.path), ["duck.glb"])

        let asked = try ModelConversion.convert(input: duck, outputs: .init(glb: output, arGLB: temp.url.appendingPathComponent("scene-viewer.glb")))
        XCTAssertEqual(asked.arBytesOut, try Data(contentsOf: temp.url.appendingPathComponent("scene-viewer.glb")).count)
    }

    func testZUpSourcesStandUp() throws {
        // A 1 × 1 × 3 box whose long side is Z: with up z it becomes 3 m tall.
        let temp = try TemporaryDirectory("pipeline-zup")
        defer { temp.remove() }
        let obj = temp.url.appendingPathComponent("post.obj")
        var text = ""
        for z in [0.0, 3.0] { for y in [0.0, 1.0] { for x in [0.0, 1.0] { text += "v \(x) \(y) \(z)\n" } } }
        text += "f 1 3 4 2\nf 5 6 8 7\nf 1 2 6 5\nf 3 7 8 4\nf 1 5 7 3\nf 2 4 8 6\n"
        try Data(text.utf8).write(to: obj)
        var settings = ModelSettings()
        settings.up = .z
        let report = try ModelConversion.convert(input: obj, output: temp.url.appendingPathComponent("post.glb"), settings: settings)
        XCTAssertEqual(report.size[1], 3, accuracy: 0.03)
        XCTAssertEqual(report.size[0], 1, accuracy: 0.01)
    }
}
