import Foundation
import GLTFExport
import TestSupport
import XCTest

/// The structural checker must itself catch broken files, or every test built on it is hollow.
final class GLBInspectorTests: XCTestCase {
    func validGLB() throws -> [UInt8] { try GLTFWriter.glb(SceneFixtures.cubeScene()) }

    func testRejectsBadMagicAndWrongLength() throws {
        var bytes = try validGLB()
        bytes[0] = 0x00
        XCTAssertFalse(GLBInspector(bytes).isValid)
        XCTAssertFalse(GLBInspector(try validGLB() + [0, 0, 0, 0]).isValid)
    }

    func testRejectsPositionBoundsThatDoNotMatchTheData() throws {
        var bytes = try validGLB()
        // Rewrite the max of POSITION from 0.5 to 0.6, same length, so the container stays intact.
        let needle = Array("\"max\":[0.5,".utf8)
        let at = try XCTUnwrap((0...(bytes.count - needle.count)).first { Array(bytes[$0..<$0 + needle.count]) == needle },
                               "the fixture's JSON should contain the POSITION max")
        bytes[at + needle.count - 2] = UInt8(ascii: "6")
        let issues = GLBInspector(bytes).issues
        XCTAssertTrue(issues.contains { $0.contains(".max[0]") }, "\(issues)")
    }

    func testRejectsIndicesOutOfRange() throws {
        var scene = SceneFixtures.cubeScene()
        scene.meshes[0].primitives[0].indices[5] = 99
        let issues = GLBInspector(try GLTFWriter.glb(scene)).issues
        XCTAssertTrue(issues.contains { $0.contains("index 99") }, "\(issues)")
    }

    func testRejectsNonUnitNormals() throws {
        var scene = SceneFixtures.cubeScene()
        scene.meshes[0].primitives[0].normals[0] = SIMD3(0, 2, 0)
        let issues = GLBInspector(try GLTFWriter.glb(scene)).issues
        XCTAssertTrue(issues.contains { $0.contains("NORMAL") }, "\(issues)")
    }
}
