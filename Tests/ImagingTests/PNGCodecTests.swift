import XCTest
@testable import Imaging

final class PNGCodecTests: XCTestCase {
    /// IHDR is the first chunk: 8-byte signature, 4-byte length, "IHDR", then width, height,
    /// bit depth, and the colour type at byte 25 (2 = RGB, 6 = RGBA).
    private func colourType(_ png: [UInt8]) -> UInt8? {
        guard png.count > 25, Array(png[12..<16]) == Array("IHDR".utf8) else { return nil }
        return png[25]
    }

    func testRoundTripWithAlphaIsExact() throws {
        let image = patternImage(width: 37, height: 23, opaque: false)
        let png = try PNGCodec.encode(image)
        XCTAssertEqual(Array(png.prefix(8)), [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        XCTAssertEqual(colourType(png), 6, "non-opaque image must keep its alpha channel")
        XCTAssertEqual(try PNGCodec.decode(png), image)
    }

    func testOpaqueImageIsWrittenAsRGBAndRoundTrips() throws {
        let image = patternImage(width: 40, height: 17, opaque: true)
        let png = try PNGCodec.encode(image)
        XCTAssertEqual(colourType(png), 2, "opaque image should be written without alpha")
        XCTAssertEqual(try PNGCodec.decode(png), image)

        // The same pixels with alpha are bigger, which is why RGB is chosen.
        var translucent = image
        translucent[0, 0].w = 254
        XCTAssertGreaterThan(try PNGCodec.encode(translucent).count, png.count)
    }

    func testEncodeIsDeterministic() throws {
        let image = patternImage(width: 64, height: 64, opaque: false)
        let first = try PNGCodec.encode(image)
        let second = try PNGCodec.encode(image)
        XCTAssertEqual(first, second)
        XCTAssertEqual(try PNGCodec.encode(RGBAImage(width: 1, height: 1, fill: SIMD4(1, 2, 3, 255))),
                       try PNGCodec.encode(RGBAImage(width: 1, height: 1, fill: SIMD4(1, 2, 3, 255))))
    }

    func testIncompressibleImageNeedingLargerBufferStillEncodes() throws {
        // Random pixels compress worse than the encoder's first buffer guess (raw/2).
        var garbage = Garbage(state: 0x1234_5678)
        let image = RGBAImage(width: 50, height: 40, pixels: garbage.bytes(50 * 40 * 4))
        let png = try PNGCodec.encode(image)
        XCTAssertGreaterThan(png.count, image.pixels.count / 2)
        XCTAssertEqual(try PNGCodec.decode(png), image)
    }

    func testEmptyImageCannotBeEncoded() {
        XCTAssertThrowsError(try PNGCodec.encode(RGBAImage(width: 0, height: 0, pixels: [])))
    }

    func testBadInputThrows() throws {
        let png = try PNGCodec.encode(patternImage(width: 16, height: 16, opaque: false))
        assertThrowsImagingError(try PNGCodec.decode([]), "empty")
        assertThrowsImagingError(try PNGCodec.decode(Array(png.prefix(8))), "signature only")
        assertThrowsImagingError(try PNGCodec.decode(Array(png.prefix(png.count / 2))), "truncated half")
        var garbage = Garbage(state: 42)
        assertThrowsImagingError(try PNGCodec.decode(garbage.bytes(500)), "garbage")
        assertThrowsImagingError(try PNGCodec.decode([0x89, 0x50, 0x4E, 0x47] + garbage.bytes(200)),
                                 "signature start then garbage")
        // Flip one byte inside the IDAT data: the chunk CRC no longer matches.
        var corrupt = png
        corrupt[png.count / 2] ^= 0xFF
        assertThrowsImagingError(try PNGCodec.decode(corrupt), "corrupted IDAT")
        // Every prefix that loses image data must fail cleanly, never trap.
        for length in stride(from: 0, to: png.count - 12, by: 7) {
            assertThrowsImagingError(try PNGCodec.decode(Array(png.prefix(length))), "prefix \(length)")
        }
        // Only the 12-byte IEND chunk missing: every pixel is there, and libpng (like
        // browsers) accepts it.
        XCTAssertEqual(try PNGCodec.decode(Array(png.dropLast(12))).width, 16)
    }

    func testCorpusPNGsDecodeToTheirSizes() throws {
        for texture in corpusTextures where texture.path.hasSuffix(".png") {
            let image = try PNGCodec.decode(try corpusBytes(texture.path))
            XCTAssertEqual(image.width, texture.width, texture.path)
            XCTAssertEqual(image.height, texture.height, texture.path)
            XCTAssertEqual(image.pixels.count, texture.width * texture.height * 4, texture.path)
        }
    }

    func testCorpusPNGKnownPixels() throws {
        // Expected values come from an independent reading of the files (Python zlib + PNG
        // unfiltering). Both files are colour type 6 (RGBA) with every alpha 255 and no
        // gamma chunks, so libpng must hand back the stored bytes unchanged.
        let arrowBytes = try corpusBytes("gltf/TextureTransformTest/Arrow.png")
        XCTAssertEqual(colourType(arrowBytes), 6)
        let arrow = try PNGCodec.decode(arrowBytes)
        XCTAssertEqual(arrow[0, 0], SIMD4(0xE0, 0xE0, 0xE0, 0xFF))
        XCTAssertEqual(arrow[64, 64], SIMD4(0x00, 0x00, 0x00, 0xFF))
        XCTAssertTrue(arrow.isOpaque)
        // An RGBA file that is in fact opaque is re-encoded as RGB, losslessly.
        let reencoded = try PNGCodec.encode(arrow)
        XCTAssertEqual(colourType(reencoded), 2)
        XCTAssertEqual(try PNGCodec.decode(reencoded), arrow)

        let uv = try PNGCodec.decode(try corpusBytes("gltf/TextureTransformTest/UV.png"))
        XCTAssertEqual(uv[10, 200], SIMD4(0x00, 0x00, 0xC0, 0xFF))
        XCTAssertEqual(uv[255, 255], SIMD4(0xE0, 0xE0, 0xE0, 0xFF))
    }
}
