import XCTest
@testable import Imaging

final class ImageDecoderTests: XCTestCase {
    func testSniff() throws {
        let png = try PNGCodec.encode(RGBAImage(width: 2, height: 2, fill: SIMD4(1, 2, 3, 4)))
        let jpeg = try JPEGCodec.encode(RGBAImage(width: 2, height: 2, fill: SIMD4(1, 2, 3, 255)))
        XCTAssertEqual(ImageDecoder.sniff(png), .png)
        XCTAssertEqual(ImageDecoder.sniff(jpeg), .jpeg)
        XCTAssertEqual(ImageDecoder.sniff(Array("BM".utf8) + [0, 0]), .bmp)
        XCTAssertNil(ImageDecoder.sniff([0, 0, 2, 0, 0]), "TGA has no magic number")
        XCTAssertNil(ImageDecoder.sniff([]))
        XCTAssertNil(ImageDecoder.sniff([0x89, 0x50]))
    }

    func testDispatchPrefersContentOverHint() throws {
        let image = RGBAImage(width: 3, height: 2, fill: SIMD4(10, 20, 30, 40))
        let png = try PNGCodec.encode(image)
        // Models often name a PNG ".jpg"; the bytes decide.
        XCTAssertEqual(try ImageDecoder.decode(png, formatHint: "jpg"), image)
        XCTAssertEqual(try ImageDecoder.decode(png), image)
    }

    func testTGANeedsAHint() throws {
        let tga: [UInt8] = [0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 24, 0, 0, 0, 255]
        for hint in ["tga", "TGA", ".tga", "textures/duck.Tga"] {
            XCTAssertEqual(try ImageDecoder.decode(tga, formatHint: hint)[0, 0], SIMD4(255, 0, 0, 255), hint)
        }
        assertThrowsImagingError(try ImageDecoder.decode(tga), "TGA without a hint")
        assertThrowsImagingError(try ImageDecoder.decode(tga, formatHint: "png"), "TGA hinted as PNG")
    }

    func testGarbageThrowsWithAClearMessage() {
        do {
            _ = try ImageDecoder.decode([1, 2, 3, 4, 5], formatHint: "webp")
            XCTFail("garbage decoded")
        } catch let error as ImagingError {
            XCTAssertTrue(error.description.contains("unrecognised"), error.description)
            XCTAssertTrue(error.description.contains("webp"), error.description)
        } catch {
            XCTFail("unexpected error \(error)")
        }
        assertThrowsImagingError(try ImageDecoder.decode([]), "empty")
        assertThrowsImagingError(try ImageDecoder.decode([0xFF, 0xD8, 0xFF, 0, 0]), "JPEG magic, no data")
        assertThrowsImagingError(try ImageDecoder.decode(Array("BM".utf8)), "BMP magic, no data")
    }

    func testCorpusTexturesDecodeToExpectedSizes() throws {
        for texture in corpusTextures {
            let bytes = try corpusBytes(texture.path)
            let ext = String(texture.path.split(separator: ".").last ?? "")
            let image = try ImageDecoder.decode(bytes, formatHint: ext)
            XCTAssertEqual(image.width, texture.width, texture.path)
            XCTAssertEqual(image.height, texture.height, texture.path)
            XCTAssertEqual(image.pixels.count, image.width * image.height * 4, texture.path)
        }
    }
}
