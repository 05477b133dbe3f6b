import Foundation
import GLTFExport
import SceneImport
import SceneModel
import ScenePasses
import TestSupport
import XCTest
@testable import USDZExport

/// The iPhone and the Android/WebXR views must show the same object at the same size on the
/// floor: the .usdz and the .glb written from one placed Scene have the same bounds (within 1%).
final class PlacementMatchTests: XCTestCase {
    func testUSDZAndGLBStandAtTheSameSizeAndPlace() throws {
        guard let corpus = Corpus.locate() else { throw XCTSkip(Corpus.missingMessage) }
        let temp = try TemporaryDirectory("usdz-vs-glb")
        defer { temp.remove() }
        for (path, height) in [("glb/Duck.glb", Float(0.5)), ("obj/spot.obj", 1.2), ("3ds/cube_hierarchy/cube_hierarchy.3ds", 0.3)] {
            var scene = try SceneImporter.importFile(at: corpus.root.appendingPathComponent(path)).scene
            var options = OptimizeOptions.default
            options.placement = PlacementOptions(height: height)
            try optimize(&scene, options)

            let glbURL = temp.url.appendingPathComponent("model.glb")
            try Data(GLTFWriter.glb(scene)).write(to: glbURL)
            let glbBounds = try SceneImporter.importFile(at: glbURL).scene.bounds

            let zip = try ZipReader(USDZWriter.usdz(scene))
            let usdBounds = try XCTUnwrap(CrateReader(zip.entries[0].data).worldPointBounds(), path)

            XCTAssertEqual(glbBounds.size.y, height, accuracy: height * 0.01, "\(path): .glb height")
            let tolerance = Double(glbBounds.size.max()) * 0.01
            for axis in 0..<3 {
                XCTAssertEqual(usdBounds.min[axis], Double(glbBounds.min[axis]), accuracy: tolerance, "\(path) min[\(axis)]")
                XCTAssertEqual(usdBounds.max[axis], Double(glbBounds.max[axis]), accuracy: tolerance, "\(path) max[\(axis)]")
            }
        }
    }
}
