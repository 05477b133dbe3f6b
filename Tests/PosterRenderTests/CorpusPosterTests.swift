import Foundation
import Imaging
import SceneImport
import SceneModel
import ScenePasses
import TestSupport
import XCTest
@testable import PosterRender

/// Every corpus model the importer accepts must make a poster that shows something and does not
/// fill the frame. Set POSTER_OUTPUT=/some/dir to keep the PNGs for a look.
final class CorpusPosterTests: XCTestCase {
    func testEveryGoodCorpusModelRenders() throws {
        guard let corpus = Corpus.locate() else { throw XCTSkip(Corpus.missingMessage) }
        let output = ProcessInfo.processInfo.environment["POSTER_OUTPUT"].map { URL(fileURLWithPath: $0) }
        if let output { try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true) }
        for entry in corpus.good {
            let scene: Scene
            do {
                scene = try SceneImporter.importFile(at: entry.url).scene
            } catch {
                XCTFail("\(entry.path): import failed: \(error)")
                continue
            }
            let start = Date()
            let image = try PosterRenderer.render(scene, size: (1024, 1024))
            let seconds = Date().timeIntervalSince(start)
            print(String(format: "poster %@: %.3f s at 1024x1024, %d triangles", entry.path, seconds, scene.drawnTriangleCount))
            let covered = TestScenes.coverage(image)
            XCTAssertGreaterThan(covered, 1024 * 1024 * 0.005, "\(entry.path): poster is (nearly) empty")
            XCTAssertLessThan(covered, 1024 * 1024 * 0.98, "\(entry.path): poster is fully covered")
            if let output {
                let name = entry.path.replacingOccurrences(of: "/", with: "_") + ".png"
                try Data(PNGCodec.encode(image)).write(to: output.appendingPathComponent(name))
            }
        }
    }

    /// Writes the posters named in POSTER_MODELS (comma-separated paths) to POSTER_OUTPUT, for looking
    /// at; POSTER_BACKGROUND=1 puts them on an opaque page colour.
    func testWriteRequestedPosters() throws {
        let env = ProcessInfo.processInfo.environment
        guard let list = env["POSTER_MODELS"], let dir = env["POSTER_OUTPUT"] else {
            throw XCTSkip("set POSTER_MODELS and POSTER_OUTPUT to write posters for inspection")
        }
        // POSTER_SIZE=WxH (default 1024x1024), e.g. 1200x630 for a sharing card.
        let dims = (env["POSTER_SIZE"] ?? "1024x1024").split(separator: "x").compactMap { Int($0) }
        let size = dims.count == 2 ? (dims[0], dims[1]) : (1024, 1024)
        let background = env["POSTER_BACKGROUND"] == nil ? nil : SIMD4<Float>(0.96, 0.94, 0.9, 1)
        for path in list.split(separator: ",").map(String.init) {
            let url = URL(fileURLWithPath: path, relativeTo: PackagePaths.root)
            let scene = try SceneImporter.importFile(at: url).scene
            for (label, camera) in [("3q", nil), ("mv", try PosterCamera.framing(scene, cameraOrbit: "0deg 75deg 105%"))] as [(String, PosterCamera?)] {
                let start = Date()
                let image = try PosterRenderer.render(scene, size: size, camera: camera, background: background)
                print(String(format: "poster %@ %@: %.3f s", path, label, Date().timeIntervalSince(start)))
                let name = url.deletingPathExtension().lastPathComponent + "-\(label).png"
                try Data(PNGCodec.encode(image)).write(to: URL(fileURLWithPath: dir).appendingPathComponent(name))
            }
        }
    }
}
