import Foundation
import GLTFExport
import Imaging
import PosterRender
import SceneImport
import SceneModel
import ScenePasses
@testable import SiteBuild
import TestSupport
import XCTest

/// The poster is what a visitor sees until model-viewer takes over, so the two must not jump:
/// every example model and a spread of corpus models, converted as the site converts them, are
/// rendered by our CPU renderer and by the real model-viewer 4.0.0 (headless Chromium, software
/// WebGL) from the same camera-orbit at 512×512 with the contact shadow off on both sides, and
/// compared: silhouette overlap (IoU) and the mean colour of the pixels both cover.
final class PosterMatchesViewerTests: XCTestCase {
    static let minimumIoU = 0.95
    static let maximumMeanColourDifference = 6.0
    static let size = 512

    /// Corpus rows chosen for variety: textures (PNG, JPEG, embedded), vertex colours, metal and
    /// emissive PBR, several materials, an FBX PBR material, formats without colour, a skinned
    /// figure, large scans and tiny boxes.
    static let corpusModels = [
        "gltf/BoxTextured/BoxTextured.gltf", "glb/Duck.glb", "gltf/Lantern/Lantern.gltf", "glb/alien.glb",
        "gltf/CesiumMan/CesiumMan.gltf", "glb/BoxVertexColors.glb", "obj/spot.obj", "obj/mat_test/mat_test.obj",
        "stl/bunny.stl", "ply/cube_rgb_binary.ply", "dae/duck/duck.dae", "fbx/maxPbrMaterial_metalRough.fbx",
        "other/sample_subdiv.ac", "blend/4Cubes4Mats_248.blend",
    ]

    struct Case {
        var name: String
        var source: URL
        var orbit: String
    }

    func testPostersMatchModelViewer() throws {
        guard HeadlessChromium.executable != nil else { throw XCTSkip(HeadlessChromium.missingMessage) }
        guard ModelViewerProbe.vendor != nil else { throw XCTSkip(ModelViewerProbe.missingVendorMessage) }
        let temp = try TemporaryDirectory("poster-vs-viewer")
        defer { temp.remove() }
        let served = temp.url.appendingPathComponent("served")
        try ModelViewerProbe.prepare(served)

        var cases = try exampleCases()
        if let corpus = Corpus.locate() {
            for path in Self.corpusModels {
                let url = corpus.root.appendingPathComponent(path)
                XCTAssertTrue(FileManager.default.fileExists(atPath: url.path), "corpus file \(path) is missing")
                cases.append(Case(name: path, source: url, orbit: "30deg 68deg 105%"))
            }
        } else {
            print("PosterMatchesViewerTests: \(Corpus.missingMessage); comparing the example models only")
        }
        XCTAssertGreaterThanOrEqual(cases.count, 8)

        // Our side: the site's conversion (default settings, meshopt .glb) and a shadowless poster.
        var posters: [RGBAImage] = []
        var files: [String] = []
        for (index, item) in cases.enumerated() {
            var scene = try SceneImporter.importFile(at: item.source, options: .init(displayName: item.name)).scene
            let settings = ModelSettings()
            _ = try optimize(&scene, OptimizeOptions(settings))
            _ = try resizeTextures(&scene, TextureOptions(maxTextureSize: settings.maxTextureSize))
            let file = "model-\(index).glb"
            try Data(try GLTFWriter.glb(scene, options: .init(quantize: true, compression: .meshopt)))
                .write(to: served.appendingPathComponent(file))
            files.append(file)
            let camera = try PosterCamera.framing(scene, cameraOrbit: item.orbit)
            posters.append(try PosterRenderer.render(scene, size: (Self.size, Self.size), camera: camera,
                                                     style: PosterStyle(shadowOpacity: 0)))
        }

        let frames = try ModelViewerProbe.render(models: files, orbits: cases.map(\.orbit), folder: served, work: temp.url)
        let artefacts = PackagePaths.root.appendingPathComponent(".build/test-artefacts/poster-vs-viewer")
        try? FileManager.default.createDirectory(at: artefacts, withIntermediateDirectories: true)
        var worstIoU = 1.0, worstColour = 0.0
        print("poster vs model-viewer, \(Self.size)×\(Self.size), shadow off:")
        for (index, item) in cases.enumerated() {
            let viewer: RGBAImage
            do { viewer = try frames[index].get().decoded() } catch {
                XCTFail("\(item.name): model-viewer did not render it: \(error)")
                continue
            }
            XCTAssertEqual(viewer.width, Self.size, "\(item.name): model-viewer's frame is not \(Self.size) px wide")
            guard viewer.width == Self.size, viewer.height == Self.size else { continue }
            let comparison = RenderComparison(posters[index], viewer)
            print(String(format: "  %-44@ %@", item.name as NSString, comparison.description))
            let stem = "\(index)-" + item.name.replacingOccurrences(of: "/", with: "_")
            try? Data(try PNGCodec.encode(posters[index])).write(to: artefacts.appendingPathComponent(stem + ".poster.png"))
            try? Data(try PNGCodec.encode(viewer)).write(to: artefacts.appendingPathComponent(stem + ".viewer.png"))
            XCTAssertGreaterThan(comparison.sharedPixels, 500, "\(item.name): the renders barely overlap")
            XCTAssertGreaterThanOrEqual(comparison.intersectionOverUnion, Self.minimumIoU, "\(item.name): \(comparison)")
            XCTAssertLessThanOrEqual(comparison.meanColourDifference, Self.maximumMeanColourDifference, "\(item.name): \(comparison)")
            worstIoU = min(worstIoU, comparison.intersectionOverUnion)
            worstColour = max(worstColour, comparison.meanColourDifference)
        }
        print(String(format: "  %d models: worst IoU %.3f (target ≥ %.2f), worst mean colour difference %.1f (target ≤ %.0f)",
                     cases.count, worstIoU, Self.minimumIoU, worstColour, Self.maximumMeanColourDifference))
    }

    /// Every model of the example commune, from the camera-orbit its page starts at.
    private func exampleCases() throws -> [Case] {
        let models = PackagePaths.root.appendingPathComponent("models")
        let extensions: Set<String> = ["obj", "fbx", "dae", "gltf", "glb", "stl", "ply", "3ds"]
        var cases: [Case] = []
        for folder in try FileManager.default.contentsOfDirectory(atPath: models.path).sorted() {
            let url = models.appendingPathComponent(folder)
            guard let files = try? FileManager.default.contentsOfDirectory(atPath: url.path) else { continue }
            for file in files.sorted() where extensions.contains((file as NSString).pathExtension.lowercased()) {
                cases.append(Case(name: "models/\(folder)/\(file)", source: url.appendingPathComponent(file),
                                  orbit: "30deg 68deg 105%"))
            }
        }
        return cases
    }
}
