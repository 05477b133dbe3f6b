import Foundation
import SceneImport
import SceneModel
import ScenePasses
import TestSupport
import XCTest

final class SimplifyTests: XCTestCase {
    func testReachesTheBudgetAndKeepsTheSilhouette() throws {
        let source = Shapes.singleMeshScene([Shapes.sphere(rings: 100, segments: 100)])
        var scene = source
        try weld(&scene, .default)
        try simplify(&scene, SimplifyOptions(maxTriangles: 2_000))
        XCTAssertLessThanOrEqual(scene.drawnTriangleCount, 2_000)
        XCTAssertGreaterThan(scene.drawnTriangleCount, 1_000, "no need to go far below the budget")
        let iou = silhouetteIoU(source, scene)
        XCTAssert(iou.allSatisfy { $0 >= 0.95 }, "IoU \(iou)")
        assertValid(scene)
    }

    func testUnderBudgetIsUntouched() throws {
        let source = Shapes.singleMeshScene([Shapes.sphere(rings: 10, segments: 10)])
        var scene = source
        try simplify(&scene, .default)
        XCTAssertEqual(scene, source)
    }

    func testThinPartsDoNotCollapse() throws {
        // A dense sphere beside a thin pole (separate primitive, 64 triangles): the pole is < 1 % of
        // the triangles, so a uniform ratio would leave it with almost nothing.
        let pole = Shapes.cylinder(radius: 0.02, height: 3, segments: 16, centre: SIMD3(2, -1.5, 0))
        let source = Shapes.singleMeshScene([Shapes.sphere(rings: 120, segments: 120), pole])
        var scene = source
        try weld(&scene, .default)
        try simplify(&scene, SimplifyOptions(maxTriangles: 3_000))
        let simplifiedPole = scene.meshes[0].primitives[1]
        XCTAssertGreaterThanOrEqual(simplifiedPole.triangleCount, 24)
        let before = Bounds(points: pole.positions), after = Bounds(points: simplifiedPole.positions)
        assertClose(after.min, before.min, tolerance: 0.01)
        assertClose(after.max, before.max, tolerance: 0.01)
        let iou = silhouetteIoU(source, scene)
        XCTAssert(iou.allSatisfy { $0 >= 0.9 }, "IoU \(iou)")
    }

    func testInstancesCountOncePerUse() throws {
        var scene = Scene(nodes: [Node(mesh: 0), Node(transform: .translation(SIMD3(3, 0, 0)), mesh: 0)], roots: [0, 1],
                          meshes: [Mesh(primitives: [Shapes.sphere(rings: 40, segments: 40)])])
        try weld(&scene, .default)
        try simplify(&scene, SimplifyOptions(maxTriangles: 1_000))
        XCTAssertLessThanOrEqual(scene.drawnTriangleCount, 1_000)
        XCTAssertEqual(scene.meshes.count, 1, "still one shared mesh")
    }

    /// The figures the issue asks for: silhouette IoU of real scans reduced to 100k and 10k triangles.
    func testCorpusSilhouettes() throws {
        guard let corpus = Corpus.locate() else { throw XCTSkip(Corpus.missingMessage) }
        for path in ["stl/bunny.stl", "other/sample_subdiv.ac"] {
            var source = try SceneImporter.importFile(at: corpus.root.appendingPathComponent(path)).scene
            try weld(&source, .default)
            for budget in [100_000, 10_000] {
                var scene = source
                let start = Date()
                try simplify(&scene, SimplifyOptions(maxTriangles: budget))
                let seconds = Date().timeIntervalSince(start)
                let iou = silhouetteIoU(source, scene, resolution: 256)
                print(String(format: "silhouette %@ %d → %d triangles (budget %d): IoU x %.4f y %.4f z %.4f, %.2f s", path,
                             source.drawnTriangleCount, scene.drawnTriangleCount, budget, iou[0], iou[1], iou[2], seconds))
                XCTAssertLessThanOrEqual(scene.drawnTriangleCount, budget, path)
                XCTAssert(iou.allSatisfy { $0 >= 0.9 }, "\(path) at \(budget): IoU \(iou)")
                assertValid(scene, path)
            }
        }
    }
}
