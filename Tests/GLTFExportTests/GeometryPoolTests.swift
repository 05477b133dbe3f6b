import GLTFExport
import SceneModel
import TestSupport
import XCTest

/// Primitives' streams are pooled into shared views by layout (GeometryPools): fewer views,
/// each accessor at its own offset, and every accessor still reads back its own data.
final class GeometryPoolTests: XCTestCase {
    /// Two cubes with different materials, the second one shifted and with its own indices.
    func twoPrimitiveScene() -> Scene {
        var scene = SceneFixtures.cubeScene()
        var second = SceneFixtures.cube(material: 1)
        second.positions = second.positions.map { $0 + SIMD3(2, 0, 0) }
        second.indices = Array(second.indices.reversed())
        scene.meshes[0].primitives.append(second)
        scene.materials.append(Material(name: "blue", baseColorFactor: SIMD4(0.1, 0.2, 0.9, 1)))
        return scene
    }

    /// Triangles with each one rotated to start at its smallest index: meshopt's index codec
    /// may rotate a triangle's corners (keeping its winding), which draws the same triangle.
    func canonicalTriangles(_ indices: [UInt32]) -> [[UInt32]] {
        stride(from: 0, to: indices.count, by: 3).map { t in
            let corners = Array(indices[t..<t + 3])
            let first = corners.firstIndex(of: corners.min()!)!
            return (0..<3).map { corners[(first + $0) % 3] }
        }
    }

    func testPrimitivesShareOneViewPerLayoutAndReadBackTheirOwnData() throws {
        let scene = twoPrimitiveScene()
        let modes: [(String, GLTFWriter.Options, Int)] = [
            // plain: POSITION + NORMAL (12-byte floats), TEXCOORD_0 (8), indices
            ("plain", .init(), 3),
            // quantized: POSITION + TEXCOORD_0 interleaved (12), NORMAL (4), indices
            ("quantized", .init(quantize: true), 3),
            ("meshopt", .init(quantize: true, compression: .meshopt), 3),
        ]
        for (name, options, expectedViews) in modes {
            let inspector = GLBInspector(try GLTFWriter.glb(scene, options: options))
            XCTAssertEqual(inspector.issues, [], name)
            let views = try XCTUnwrap(inspector.json["bufferViews"] as? [[String: Any]])
            XCTAssertEqual(views.count, expectedViews, "\(name): one view per layout, not per primitive")
            let accessors = try XCTUnwrap(inspector.json["accessors"] as? [[String: Any]])
            let primitives = try XCTUnwrap((inspector.json["meshes"] as? [[String: Any]])?.first?["primitives"] as? [[String: Any]])
            XCTAssertEqual(primitives.count, 2, name)

            for (p, primitive) in primitives.enumerated() {
                let source = scene.meshes[0].primitives[p]
                let attributes = try XCTUnwrap(primitive["attributes"] as? [String: Int])
                let indices = try XCTUnwrap(inspector.floats(ofAccessor: try XCTUnwrap(primitive["indices"] as? Int))).map { UInt32($0) }
                XCTAssertEqual(canonicalTriangles(indices), canonicalTriangles(source.indices), "\(name) primitive \(p) indices")
                let positions = try XCTUnwrap(inspector.floats(ofAccessor: try XCTUnwrap(attributes["POSITION"])))
                XCTAssertEqual(positions.count, source.positions.count * 3)
                if name == "plain" {
                    XCTAssertEqual(positions, source.positions.flatMap { [$0.x, $0.y, $0.z] }, "\(name) primitive \(p) positions")
                } else {
                    // On the 14-bit grid the second cube sits apart from the first along X.
                    let x = stride(from: 0, to: positions.count, by: 3).map { positions[$0] }
                    XCTAssertEqual(Set(x).count, 2, "\(name) primitive \(p): a cube has two X values")
                }
            }
            // The two primitives' POSITION accessors share a view, at different offsets.
            let positionAccessors = try primitives.map { try XCTUnwrap(($0["attributes"] as? [String: Int])?["POSITION"]) }
            let first = accessors[positionAccessors[0]], second = accessors[positionAccessors[1]]
            XCTAssertEqual(first["bufferView"] as? Int, second["bufferView"] as? Int, name)
            let view = views[try XCTUnwrap(first["bufferView"] as? Int)]
            let stride = try XCTUnwrap(view["byteStride"] as? Int, name)
            let secondOffset = try XCTUnwrap(second["byteOffset"] as? Int, name)
            XCTAssertGreaterThanOrEqual(secondOffset, 24 * stride, "\(name): the second cube's vertices follow the first's")
            XCTAssertEqual(secondOffset % stride, (first["byteOffset"] as? Int ?? 0) % stride, name)
        }
    }

    func testSharedPlainVertexViewsDeclareTheirStride() throws {
        let inspector = GLBInspector(try GLTFWriter.glb(twoPrimitiveScene()))
        let views = try XCTUnwrap(inspector.json["bufferViews"] as? [[String: Any]])
        for view in views where view["target"] as? Int == 34962 {
            XCTAssertNotNil(view["byteStride"], "glTF: a vertex view read by several accessors must have byteStride")
        }
        for view in views where view["target"] as? Int == 34963 {
            XCTAssertNil(view["byteStride"], "index views have no stride")
        }
    }
}
