import Foundation
import GLTFExport
import SceneModel
import TestSupport
import XCTest

final class GLBLayoutTests: XCTestCase {
    /// A 1×1 PNG (red pixel), enough for a textured material.
    static let tinyPNG: [UInt8] = [
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
        0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53,
        0xDE, 0x00, 0x00, 0x00, 0x0C, 0x49, 0x44, 0x41, 0x54, 0x08, 0xD7, 0x63, 0xF8, 0xCF, 0xC0, 0x00,
        0x00, 0x03, 0x01, 0x01, 0x00, 0x18, 0xDD, 0x8D, 0xB0, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4E,
        0x44, 0xAE, 0x42, 0x60, 0x82, 0x00, // odd length on purpose: the next view must be realigned
    ]

    func word(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
    }

    func testHeaderAndChunksAreAlignedAndPadded() throws {
        let glb = try GLTFWriter.glb(SceneFixtures.cubeScene(image: Image(name: "red", format: .png, data: Self.tinyPNG)))
        XCTAssertEqual(Array(glb[0..<4]), Array("glTF".utf8))
        XCTAssertEqual(word(glb, 4), 2)
        XCTAssertEqual(Int(word(glb, 8)), glb.count)
        let jsonLength = Int(word(glb, 12))
        XCTAssertEqual(word(glb, 16), 0x4E4F_534A)
        XCTAssertEqual(jsonLength % 4, 0)
        let json = glb[20..<20 + jsonLength]
        XCTAssertTrue(json.last == 0x20 || json.last == 0x7D, "JSON ends in a space pad or a closing brace")
        let binHeader = 20 + jsonLength
        XCTAssertEqual(word(glb, binHeader + 4), 0x004E_4942)
        let binLength = Int(word(glb, binHeader))
        XCTAssertEqual(binLength % 4, 0)
        XCTAssertEqual(binHeader + 8 + binLength, glb.count)

        let inspector = GLBInspector(glb)
        XCTAssertEqual(inspector.issues, [])
        XCTAssertEqual(inspector.drawnTriangles, 12)
    }

    func testAccessorsMatchTheData() throws {
        let glb = try GLTFWriter.glb(SceneFixtures.cubeScene())
        let inspector = GLBInspector(glb)
        XCTAssertEqual(inspector.issues, [])
        let accessors = try XCTUnwrap(inspector.json["accessors"] as? [[String: Any]])
        let primitive = try XCTUnwrap(((inspector.json["meshes"] as? [[String: Any]])?.first?["primitives"] as? [[String: Any]])?.first)
        let attributes = try XCTUnwrap(primitive["attributes"] as? [String: Int])
        let position = accessors[try XCTUnwrap(attributes["POSITION"])]
        XCTAssertEqual(position["count"] as? Int, 24)
        XCTAssertEqual(position["min"] as? [Double], [-0.5, -0.5, -0.5])
        XCTAssertEqual(position["max"] as? [Double], [0.5, 0.5, 0.5])
        let indices = accessors[try XCTUnwrap(primitive["indices"] as? Int)]
        XCTAssertEqual(indices["count"] as? Int, 36)
        XCTAssertEqual(indices["componentType"] as? Int, 5123, "16-bit indices for 24 vertices")
        // POSITION and NORMAL (both float VEC3) share one view, which must then declare its stride.
        let views = try XCTUnwrap(inspector.json["bufferViews"] as? [[String: Any]])
        let positionView = views[try XCTUnwrap(position["bufferView"] as? Int)]
        XCTAssertEqual(positionView["byteStride"] as? Int, 12)
        XCTAssertEqual(accessors[try XCTUnwrap(attributes["NORMAL"])]["bufferView"] as? Int, position["bufferView"] as? Int)
    }

    func testBoundsAreExactFloat32Values() throws {
        var scene = SceneFixtures.cubeScene()
        scene.meshes[0].primitives[0].positions[0] = SIMD3(0.1, -0.7, 0.3333333) // not exact in binary
        let glb = try GLTFWriter.glb(scene)
        XCTAssertEqual(GLBInspector(glb).issues, [])
    }

    func testImagesAreEmbeddedWithTheirMimeTypeAndViewsStayAligned() throws {
        let glb = try GLTFWriter.glb(SceneFixtures.cubeScene(image: Image(name: "red", format: .png, data: Self.tinyPNG)))
        let inspector = GLBInspector(glb)
        XCTAssertEqual(inspector.issues, [])
        let images = try XCTUnwrap(inspector.json["images"] as? [[String: Any]])
        XCTAssertEqual(images.count, 1)
        XCTAssertEqual(images[0]["mimeType"] as? String, "image/png")
        for view in try XCTUnwrap(inspector.json["bufferViews"] as? [[String: Any]]) {
            XCTAssertEqual((view["byteOffset"] as? Int ?? 0) % 4, 0)
        }
    }

    func testUnusedMaterialsImagesAndUnreachableNodesAreNotWritten() throws {
        var scene = SceneFixtures.cubeScene(image: Image(name: "red", format: .png, data: Self.tinyPNG))
        scene.materials.append(Material(name: "unused"))
        scene.images.append(Image(name: "unused", format: .png, data: Self.tinyPNG))
        scene.nodes.append(Node(name: "orphan", mesh: 0)) // not a child of any root
        let inspector = GLBInspector(try GLTFWriter.glb(scene))
        XCTAssertEqual(inspector.issues, [])
        XCTAssertEqual((inspector.json["materials"] as? [Any])?.count, 1)
        XCTAssertEqual((inspector.json["images"] as? [Any])?.count, 1)
        XCTAssertEqual((inspector.json["nodes"] as? [Any])?.count, 1)
    }

    func testTextureNeedingAMissingUVSetIsDroppedForThatPrimitive() throws {
        var scene = SceneFixtures.cubeScene(image: Image(name: "red", format: .png, data: Self.tinyPNG))
        scene.meshes[0].primitives[0].texCoords = []
        let inspector = GLBInspector(try GLTFWriter.glb(scene))
        XCTAssertEqual(inspector.issues, [])
        let material = try XCTUnwrap((inspector.json["materials"] as? [[String: Any]])?.first)
        XCTAssertNil((material["pbrMetallicRoughness"] as? [String: Any])?["baseColorTexture"])
    }

    func testLargeMeshesUse32BitIndices() throws {
        var positions: [SIMD3<Float>] = []
        var indices: [UInt32] = []
        for i in 0..<70_000 { positions.append(SIMD3(Float(i), Float(i % 3), 0)) }
        for i in stride(from: 0, to: 69_998, by: 3) { indices += [UInt32(i), UInt32(i + 1), UInt32(i + 2)] }
        let scene = Scene(nodes: [Node(mesh: 0)], roots: [0], meshes: [Mesh(primitives: [Primitive(positions: positions, indices: indices)])])
        let inspector = GLBInspector(try GLTFWriter.glb(scene))
        XCTAssertEqual(inspector.issues, [])
        let indexAccessor = try XCTUnwrap((inspector.json["accessors"] as? [[String: Any]])?.first { $0["type"] as? String == "SCALAR" })
        XCTAssertEqual(indexAccessor["componentType"] as? Int, 5125)
    }

    func testNodeTransformsAreWrittenAsTRS() throws {
        var scene = SceneFixtures.cubeScene()
        let angle: Float = .pi / 2 // 90° about Y
        scene.nodes[0].transform = Transform(columns: [
            SIMD4(cos(angle) * 2, 0, -sin(angle) * 2, 0), SIMD4(0, 2, 0, 0), SIMD4(sin(angle) * 2, 0, cos(angle) * 2, 0), SIMD4(1, 2, 3, 1),
        ])
        let inspector = GLBInspector(try GLTFWriter.glb(scene))
        XCTAssertEqual(inspector.issues, [])
        let node = try XCTUnwrap((inspector.json["nodes"] as? [[String: Any]])?.first)
        XCTAssertEqual(node["translation"] as? [Double], [1, 2, 3])
        let scale = try XCTUnwrap(node["scale"] as? [Double])
        for s in scale { XCTAssertEqual(s, 2, accuracy: 1e-5) }
        let rotation = try XCTUnwrap(node["rotation"] as? [Double])
        XCTAssertEqual(rotation[1], sin(Double.pi / 4), accuracy: 1e-5)
        XCTAssertEqual(rotation[3], cos(Double.pi / 4), accuracy: 1e-5)
        XCTAssertNil(node["matrix"])
    }

    /// glTF has no shear (the Khronos validator refuses such a matrix: NODE_MATRIX_NON_TRS), so a
    /// sheared node is written as its nearest TRS, never as a matrix.
    func testShearedTransformIsWrittenAsItsNearestTRS() throws {
        var scene = SceneFixtures.cubeScene()
        scene.nodes[0].transform = Transform(columns: [SIMD4(1, 0, 0, 0), SIMD4(0.5, 1, 0, 0), SIMD4(0, 0, 1, 0), SIMD4(2, 0, 0, 1)])
        let bytes = try GLTFWriter.glb(scene)
        let inspector = GLBInspector(bytes)
        XCTAssertEqual(inspector.issues, [])
        let node = try XCTUnwrap((inspector.json["nodes"] as? [[String: Any]])?.first)
        XCTAssertNil(node["matrix"])
        XCTAssertEqual(node["translation"] as? [Double], [2, 0, 0])
        let scale = try XCTUnwrap(node["scale"] as? [Double])
        XCTAssertEqual(scale[1], (0.25 + 1.0).squareRoot(), accuracy: 1e-5, "the sheared column keeps its length")
        guard KhronosValidator.isAvailable else { throw XCTSkip(KhronosValidator.missingMessage) }
        let verdict = try KhronosValidator.validate(bytes)
        XCTAssertEqual(verdict.errors, 0, verdict.summary)
    }

    func testTheInspectorRefusesMatricesThatAreNotTRS() {
        XCTAssertTrue(GLBInspector.isDecomposableToTRS([2, 0, 0, 0, 0, 0, 3, 0, 0, -1, 0, 0, 5, 6, 7, 1]))
        XCTAssertFalse(GLBInspector.isDecomposableToTRS([1, 0, 0, 0, 0.5, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]), "shear")
        XCTAssertFalse(GLBInspector.isDecomposableToTRS([1, 0, 0, 0.1, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]), "projective")
        XCTAssertFalse(GLBInspector.isDecomposableToTRS([0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]), "a zero column")
    }

    func testOutputIsDeterministic() throws {
        let scene = SceneFixtures.cubeScene(image: Image(name: "red", format: .png, data: Self.tinyPNG))
        XCTAssertEqual(try GLTFWriter.glb(scene), try GLTFWriter.glb(scene))
    }
}
