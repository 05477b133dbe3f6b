import MeshOptimizer
import SceneModel
@testable import ScenePasses
import TestSupport
import XCTest

final class WeldTests: XCTestCase {
    /// v3 duplicates v0 and v4 duplicates v2 in every attribute; v6 sits on v1 but has another UV (a seam).
    private func seamPrimitive() -> Primitive {
        let p: [SIMD3<Float>] = [SIMD3(0, 0, 0), SIMD3(1, 0, 0), SIMD3(0, 1, 0), SIMD3(0, 0, 0), SIMD3(0, 1, 0), SIMD3(1, 1, 0), SIMD3(1, 0, 0)]
        let uv: [SIMD2<Float>] = [SIMD2(0, 0), SIMD2(1, 0), SIMD2(0, 1), SIMD2(0, 0), SIMD2(0, 1), SIMD2(1, 1), SIMD2(0.5, 0)]
        return Primitive(positions: p, normals: Array(repeating: SIMD3(0, 0, 1), count: 7), texCoords: [uv],
                         indices: [0, 1, 2, 1, 5, 4, 3, 6, 2])
    }

    func testMergesExactlyTheDuplicatesAndKeepsSeams() throws {
        var scene = Shapes.singleMeshScene([seamPrimitive()])
        try weld(&scene, .default)
        let out = scene.meshes[0].primitives[0]
        XCTAssertEqual(out.positions, [SIMD3(0, 0, 0), SIMD3(1, 0, 0), SIMD3(0, 1, 0), SIMD3(1, 1, 0), SIMD3(1, 0, 0)])
        XCTAssertEqual(out.texCoords, [[SIMD2(0, 0), SIMD2(1, 0), SIMD2(0, 1), SIMD2(1, 1), SIMD2(0.5, 0)]])
        XCTAssertEqual(out.normals, Array(repeating: SIMD3(0, 0, 1), count: 5))
        XCTAssertEqual(out.indices, [0, 1, 2, 1, 3, 2, 0, 4, 2])
        assertValid(scene)
    }

    func testEveryAttributeCountsIncludingSkinAndMorphs() throws {
        // Four copies of one corner, differing only in colour, joints, weights or morph delta; one true duplicate.
        let count = 6
        var primitive = Primitive(positions: Array(repeating: SIMD3(0, 0, 0), count: count),
                                  colors: Array(repeating: SIMD4(1, 0, 0, 1), count: count),
                                  indices: [0, 1, 2, 3, 4, 5], joints: Array(repeating: SIMD4(0, 1, 0, 0), count: count),
                                  weights: Array(repeating: SIMD4(0.5, 0.5, 0, 0), count: count),
                                  targets: [MorphTarget(positions: Array(repeating: SIMD3(0, 1, 0), count: count))])
        primitive.colors[1] = SIMD4(0, 1, 0, 1)
        primitive.joints[2] = SIMD4(0, 2, 0, 0)
        primitive.weights[3] = SIMD4(0.25, 0.75, 0, 0)
        primitive.targets[0].positions[4] = SIMD3(0, 2, 0)
        // vertex 5 equals vertex 0 in everything.
        var scene = Shapes.singleMeshScene([primitive])
        try weld(&scene, WeldOptions(removeDegenerateTriangles: false))
        let out = scene.meshes[0].primitives[0]
        XCTAssertEqual(out.vertexCount, 5)
        XCTAssertEqual(out.indices, [0, 1, 2, 3, 4, 0])
        XCTAssertEqual(out.targets[0].positions, [SIMD3(0, 1, 0), SIMD3(0, 1, 0), SIMD3(0, 1, 0), SIMD3(0, 1, 0), SIMD3(0, 2, 0)])
        XCTAssertEqual(out.joints[2], SIMD4(0, 2, 0, 0))
        XCTAssertEqual(out.weights[3], SIMD4(0.25, 0.75, 0, 0))
        assertValid(scene)
    }

    func testDropsTrianglesThatBecomeDegenerate() throws {
        let p: [SIMD3<Float>] = [SIMD3(0, 0, 0), SIMD3(1, 0, 0), SIMD3(0, 1, 0), SIMD3(0, 0, 0)]
        var scene = Shapes.singleMeshScene([Primitive(positions: p, indices: [0, 1, 2, 0, 3, 1])])
        try weld(&scene, .default)
        XCTAssertEqual(scene.meshes[0].primitives[0].indices, [0, 1, 2])
        XCTAssertEqual(scene.meshes[0].primitives[0].positions.count, 3)
    }

    func testCubeFixtureStaysAt24VerticesBecauseFaceNormalsDiffer() throws {
        var scene = Shapes.singleMeshScene([SceneFixtures.cube()])
        try weld(&scene, .default)
        XCTAssertEqual(scene.meshes[0].primitives[0].vertexCount, 24)
        scene.meshes[0].primitives[0].normals = []
        scene.meshes[0].primitives[0].texCoords = []
        try weld(&scene, .default)
        XCTAssertEqual(scene.meshes[0].primitives[0].vertexCount, 8)
        XCTAssertEqual(scene.meshes[0].primitives[0].triangleCount, 12)
    }

    func testRejectsOutOfRangeIndicesWithoutTrapping() {
        var scene = Shapes.singleMeshScene([Primitive(positions: [SIMD3(0, 0, 0)], indices: [0, 0, 7])])
        XCTAssertThrowsError(try weld(&scene, .default)) { error in
            XCTAssert("\(error)".contains("index 7"), "\(error)")
        }
        XCTAssertThrowsError(try MeshOptimization.optimizeVertexCache(indices: [0, 1], vertexCount: 2))
        XCTAssertThrowsError(try MeshOptimization.remapVertices([1, 2, 3] as [Float], remap: [0, 1], uniqueCount: 2))
    }
}
