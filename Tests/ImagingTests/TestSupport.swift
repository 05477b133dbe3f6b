import Foundation
import XCTest
@testable import Imaging

/// The shared real-world corpus (../shared/corpus next to the repository), or an XCTSkip
/// when this checkout has no shared folder beside it.
func corpusDirectory() throws -> URL {
    let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // ImagingTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // repository root
    let corpus = repository.deletingLastPathComponent().appendingPathComponent("shared/corpus")
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: corpus.path, isDirectory: &isDirectory), isDirectory.boolValue else {
        throw XCTSkip("shared corpus not found at \(corpus.path); corpus texture tests need ../shared/corpus")
    }
    return corpus
}

/// Bytes of a corpus file (relative path), skipping the test when the corpus is absent.
func corpusBytes(_ relativePath: String) throws -> [UInt8] {
    let url = try corpusDirectory().appendingPathComponent(relativePath)
    return [UInt8](try Data(contentsOf: url))
}

/// Texture files in the corpus and their sizes as reported by `file(1)`.
let corpusTextures: [(path: String, width: Int, height: Int)] = [
    ("dae/duck/duckCM.tga", 512, 512),
    ("obj/spider/wal67ar_small.jpg", 250, 250),
    ("obj/spider/wal69ar_small.jpg", 250, 250),
    ("obj/spider/engineflare1.jpg", 128, 128),  // progressive
    ("obj/spider/SpiderTex.jpg", 249, 250),
    ("obj/spider/drkwood2.jpg", 768, 768),
    ("3ds/test1/IMAGE2.jpg", 800, 608),          // Exif + Photoshop
    ("3ds/test1/CWALL02.jpg", 800, 446),
    ("3ds/test1/IMAGE1.jpg", 400, 300),
    ("gltf/CesiumMan/CesiumMan.jpg", 1024, 1024),
    ("obj/cube_with_white_spaces/cube_texture.png", 256, 256),
    ("3ds/cube_hierarchy/cube.png", 256, 64),    // palette
    ("broken/wrongTypes/CesiumLogoFlat.png", 211, 211),  // palette
    ("x/test/test.png", 512, 512),
    ("gltf/BoxTextured/CesiumLogoFlat.png", 256, 256),   // RGBA
    ("gltf/TextureTransformTest/Arrow.png", 128, 128),
    ("gltf/TextureTransformTest/UV.png", 256, 256),
    ("gltf/MultiUVTest/uv0.png", 1024, 1024),
    ("gltf/Lantern/Lantern_normal.png", 2048, 2048),
    ("lwo/uvtest/uvtest.png", 512, 512),
]

/// Asserts that decoding throws an ImagingError with a non-empty description.
func assertThrowsImagingError(_ body: @autoclosure () throws -> RGBAImage, _ context: String,
                              file: StaticString = #filePath, line: UInt = #line) {
    do {
        let image = try body()
        XCTFail("\(context): expected an error, decoded \(image.width)x\(image.height)", file: file, line: line)
    } catch let error as ImagingError {
        XCTAssertFalse(error.description.isEmpty, "\(context): empty error message", file: file, line: line)
    } catch {
        XCTFail("\(context): expected ImagingError, got \(error)", file: file, line: line)
    }
}

/// A deterministic pseudo-random byte source (xorshift), so garbage tests are reproducible.
struct Garbage {
    var state: UInt64

    mutating func bytes(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return UInt8(truncatingIfNeeded: state >> 24)
        }
    }
}

/// A test image with varied colours and alpha.
func patternImage(width: Int, height: Int, opaque: Bool) -> RGBAImage {
    var image = RGBAImage(width: width, height: height, fill: SIMD4(0, 0, 0, 255))
    for y in 0..<height {
        for x in 0..<width {
            image[x, y] = SIMD4(UInt8((x * 37 + y * 11) & 0xFF), UInt8((x * 5 + y * 71) & 0xFF),
                                UInt8((x * y * 3) & 0xFF), opaque ? 255 : UInt8((x * 29 + y * 13) & 0xFF))
        }
    }
    return image
}

/// A smooth image, the kind JPEG is meant for.
func gradientImage(width: Int, height: Int) -> RGBAImage {
    var image = RGBAImage(width: width, height: height, fill: SIMD4(0, 0, 0, 255))
    for y in 0..<height {
        for x in 0..<width {
            image[x, y] = SIMD4(UInt8(x * 255 / max(width - 1, 1)), UInt8(y * 255 / max(height - 1, 1)),
                                UInt8((x + y) * 255 / max(width + height - 2, 1)), 255)
        }
    }
    return image
}
