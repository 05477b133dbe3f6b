import Foundation
import GLTFExport
import Imaging
import SceneImport
import SceneModel
import ScenePasses
@testable import SiteBuild
import TestSupport
import XCTest

/// WebP textures must not change what a visitor sees: the real model-viewer renders each
/// textured example model and a spread of textured corpus models twice, from the .glb with
/// JPEG/PNG textures and from the one with WebP, and the two frames must match within
/// PSNR ≥ 35 dB (issue 15's target).
final class WebPInTheViewerTests: XCTestCase {
    static let minimumPSNR = 35.0
    static let corpusModels = ["gltf/Lantern/Lantern.gltf", "glb/Duck.glb", "gltf/BoxTextured/BoxTextured.gltf",
                               "glb/AlphaBlendModeTest.glb", "gltf/CesiumMan/CesiumMan.gltf", "obj/spot.obj"]

    func testWebPTexturesRenderLikeJPEGAndPNG() throws {
        guard HeadlessChromium.executable != nil else { throw XCTSkip(HeadlessChromium.missingMessage) }
        guard ModelViewerProbe.vendor != nil else { throw XCTSkip(ModelViewerProbe.missingVendorMessage) }
        let temp = try TemporaryDirectory("webp-in-viewer")
        defer { temp.remove() }
        let served = temp.url.appendingPathComponent("served")
        try ModelViewerProbe.prepare(served)

        var sources: [(name: String, url: URL)] = []
        let models = PackagePaths.root.appendingPathComponent("models")
        for folder in try FileManager.default.contentsOfDirectory(atPath: models.path).sorted() {
            for file in (try? FileManager.default.contentsOfDirectory(atPath: models.appendingPathComponent(folder).path))?.sorted() ?? []
            where ["obj", "dae", "ply", "fbx"].contains((file as NSString).pathExtension.lowercased()) {
                sources.append(("models/\(folder)/\(file)", models.appendingPathComponent("\(folder)/\(file)")))
            }
        }
        if let corpus = Corpus.locate() {
            for path in Self.corpusModels { sources.append((path, corpus.root.appendingPathComponent(path))) }
        }

        // Each model as the site converts it, written twice: the textures as they are, and WebP.
        var names: [String] = [], files: [String] = [], saved = 0
        for (index, source) in sources.enumerated() {
            var scene = try SceneImporter.importFile(at: source.url, options: .init(displayName: source.name)).scene
            let settings = ModelSettings()
            _ = try optimize(&scene, OptimizeOptions(settings))
            _ = try resizeTextures(&scene, TextureOptions(maxTextureSize: settings.maxTextureSize))
            var webp = scene
            let report = encodeTexturesAsWebP(&webp)
            guard webp.images.contains(where: { $0.format == .webp }) else { continue }  // nothing to compare
            saved += report.bytesBefore - report.bytesAfter
            for (suffix, variant) in [("jpeg", scene), ("webp", webp)] {
                let file = "model-\(index).\(suffix).glb"
                try Data(try GLTFWriter.glb(variant, options: .init(quantize: true, compression: .meshopt))).write(to: served.appendingPathComponent(file))
                files.append(file)
            }
            names.append(source.name)
        }
        XCTAssertGreaterThanOrEqual(names.count, 5, "textured models to compare")

        let frames = try ModelViewerProbe.render(models: files, orbits: files.map { _ in "30deg 68deg 105%" }, folder: served, work: temp.url)
        var worst = Double.infinity
        print("WebP against JPEG/PNG textures in model-viewer, 512×512 (\(saved / 1024) KB of textures saved):")
        for (index, name) in names.enumerated() {
            guard let jpeg = try? frames[2 * index].get().decoded(), let webp = try? frames[2 * index + 1].get().decoded(),
                  jpeg.width == webp.width, jpeg.height == webp.height else {
                XCTFail("\(name): model-viewer did not render both files")
                continue
            }
            let psnr = ImageQuality.psnr(jpeg, webp)
            worst = min(worst, psnr)
            print(String(format: "  %-44@ PSNR %.1f dB", name as NSString, psnr))
            XCTAssertGreaterThanOrEqual(psnr, Self.minimumPSNR, name)
        }
        print(String(format: "  %d models: lowest PSNR %.1f dB (target ≥ %.0f)", names.count, worst, Self.minimumPSNR))
    }
}
