import GLTFExport
import Imaging
import SceneModel
import TestSupport
import XCTest

/// A scene whose images are WebP is written with EXT_texture_webp: required, no fallback.
final class TextureWebPWriterTests: XCTestCase {
    func testWebPTexturesAreReachedThroughTheExtension() throws {
        var pixels = [UInt8](repeating: 255, count: 64 * 64 * 4)
        for index in stride(from: 0, to: pixels.count, by: 4) { pixels[index] = UInt8(index / 4 % 64 * 4); pixels[index + 1] = UInt8(index / 256 * 4) }
        let webp = try WebPCodec.encodeLossy(RGBAImage(width: 64, height: 64, pixels: pixels), quality: 85, keepAlpha: false)
        let scene = SceneFixtures.cubeScene(image: Image(name: "colour", format: .webp, data: webp))
        for compression in [GeometryCompression.none, .meshopt] {
            let bytes = try GLTFWriter.glb(scene, options: .init(compression))
            let inspector = GLBInspector(bytes)
            XCTAssertEqual(inspector.issues, [])
            XCTAssertTrue((inspector.json["extensionsRequired"] as? [String] ?? []).contains("EXT_texture_webp"))
            let texture = try XCTUnwrap((inspector.json["textures"] as? [[String: Any]])?.first)
            XCTAssertNil(texture["source"])
            XCTAssertEqual(((texture["extensions"] as? [String: Any])?["EXT_texture_webp"] as? [String: Any])?["source"] as? Int, 0)
            XCTAssertEqual((inspector.json["images"] as? [[String: Any]])?.first?["mimeType"] as? String, "image/webp")
            guard KhronosValidator.isAvailable else { throw XCTSkip(KhronosValidator.missingMessage) }
            let verdict = try KhronosValidator.validate(bytes)
            XCTAssertEqual(verdict.errors, 0, verdict.summary)
        }
    }
}
