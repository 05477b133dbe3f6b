import Foundation
import GLTFExport
import SceneImport
import TestSupport
import XCTest

/// Every intact model of ../shared/corpus converts into a structurally valid .glb that assimp
/// reads back with the same number of triangles (as gltfpack's CI runs the Khronos samples).
final class CorpusRoundTripTests: XCTestCase {
    func testEveryGoodCorpusModelRoundTrips() throws {
        guard let corpus = Corpus.locate() else { throw XCTSkip(Corpus.missingMessage) }
        let temp = try TemporaryDirectory("corpus-roundtrip")
        defer { temp.remove() }
        XCTAssertGreaterThanOrEqual(corpus.good.count, 40, "the manifest lists the intact models")
        for (index, entry) in corpus.good.enumerated() {
            let source: SceneImporter.Result
            do { source = try SceneImporter.importFile(at: entry.url) } catch {
                XCTFail("\(entry.path) should import: \(error)")
                continue
            }
            let glb = try GLTFWriter.glb(source.scene)
            let inspector = GLBInspector(glb)
            XCTAssertEqual(inspector.issues, [], entry.path)
            XCTAssertEqual(inspector.drawnTriangles, source.scene.drawnTriangleCount, "\(entry.path): triangles written")

            let output = temp.url.appendingPathComponent("\(index).glb")
            try Data(glb).write(to: output)
            let reread = try SceneImporter.importFile(at: output)
            XCTAssertEqual(reread.scene.drawnTriangleCount, source.scene.drawnTriangleCount, "\(entry.path): triangles after re-import")
            XCTAssertEqual(reread.scene.images.count, (inspector.json["images"] as? [Any])?.count ?? 0,
                           "\(entry.path): every written texture reads back")
        }
    }
}
