import XCTest
@testable import Imaging

final class JPEGCodecTests: XCTestCase {
    /// Mean and maximum absolute per-channel RGB difference.
    private func difference(_ a: RGBAImage, _ b: RGBAImage) -> (mean: Double, max: Int) {
        var total = 0, worst = 0
        for i in 0..<a.pixels.count where i % 4 != 3 {
            let d = abs(Int(a.pixels[i]) - Int(b.pixels[i]))
            total += d
            worst = max(worst, d)
        }
        return (Double(total) / Double(a.pixels.count / 4 * 3), worst)
    }

    /// True when the JPEG has a given marker (FF xx) before its scan data.
    private func hasMarker(_ jpeg: [UInt8], _ marker: UInt8) -> Bool {
        var i = 2
        while i + 3 < jpeg.count, jpeg[i] == 0xFF {
            if jpeg[i + 1] == marker { return true }
            if jpeg[i + 1] == 0xDA { return false }  // start of scan: headers are over
            i += 2 + (Int(jpeg[i + 2]) << 8 | Int(jpeg[i + 3]))
        }
        return false
    }

    func testRoundTripWithinTolerance() throws {
        let image = gradientImage(width: 64, height: 48)
        let jpeg = try JPEGCodec.encode(image, quality: 90)
        XCTAssertEqual(Array(jpeg.prefix(3)), [0xFF, 0xD8, 0xFF])
        XCTAssertEqual(Array(jpeg.suffix(2)), [0xFF, 0xD9])
        // Size sane: compressed well below the raw RGB size, yet more than bare headers.
        XCTAssertLessThan(jpeg.count, 64 * 48 * 3 / 2)
        XCTAssertGreaterThan(jpeg.count, 300)

        let decoded = try JPEGCodec.decode(jpeg)
        XCTAssertEqual(decoded.width, 64)
        XCTAssertEqual(decoded.height, 48)
        XCTAssertTrue(decoded.isOpaque)
        let diff = difference(image, decoded)
        XCTAssertLessThan(diff.mean, 2.5, "mean error \(diff.mean)")
        XCTAssertLessThan(diff.max, 24, "max error \(diff.max)")
    }

    func testEncodesBaselineJFIFWithOptimizedTables() throws {
        let jpeg = try JPEGCodec.encode(gradientImage(width: 33, height: 17))
        XCTAssertTrue(hasMarker(jpeg, 0xE0), "JFIF APP0 missing")
        XCTAssertEqual(Array(jpeg[6..<11]), Array("JFIF\0".utf8))
        XCTAssertTrue(hasMarker(jpeg, 0xC0), "baseline SOF0 missing")
        XCTAssertFalse(hasMarker(jpeg, 0xC2), "must not be progressive")
        XCTAssertTrue(hasMarker(jpeg, 0xC4), "Huffman tables missing")
    }

    func testAlphaIsDroppedAndQualityMatters() throws {
        var image = gradientImage(width: 32, height: 32)
        for y in 0..<32 { for x in 0..<32 { image[x, y].w = UInt8(x * 8) } }
        let decoded = try JPEGCodec.decode(try JPEGCodec.encode(image))
        XCTAssertTrue(decoded.isOpaque)

        let noisy = patternImage(width: 64, height: 64, opaque: true)
        let low = try JPEGCodec.encode(noisy, quality: 20)
        let high = try JPEGCodec.encode(noisy, quality: 95)
        XCTAssertLessThan(low.count, high.count)
        // Out-of-range quality is clamped, not an error.
        XCTAssertEqual(try JPEGCodec.encode(noisy, quality: -5), try JPEGCodec.encode(noisy, quality: 1))
        XCTAssertEqual(try JPEGCodec.encode(noisy, quality: 500), try JPEGCodec.encode(noisy, quality: 100))
    }

    func testEncodeIsDeterministic() throws {
        let image = patternImage(width: 40, height: 30, opaque: true)
        XCTAssertEqual(try JPEGCodec.encode(image), try JPEGCodec.encode(image))
    }

    func testLargeOutputGrowsTheBuffer() throws {
        // Noise at quality 100 is far larger than the shim's initial 16 KiB output buffer.
        var garbage = Garbage(state: 7)
        let image = RGBAImage(width: 128, height: 128, pixels: garbage.bytes(128 * 128 * 4))
        let jpeg = try JPEGCodec.encode(image, quality: 100)
        XCTAssertGreaterThan(jpeg.count, 16384)
        let decoded = try JPEGCodec.decode(jpeg)
        XCTAssertEqual(decoded.width, 128)
    }

    func testGreyscaleJPEGBecomesGreyRGBA() throws {
        let image = try JPEGCodec.decode(JPEGFixtures.grey)
        XCTAssertEqual(image.width, 8)
        XCTAssertEqual(image.height, 8)
        for (x, expected) in [(0, 40), (3, 40), (4, 200), (7, 200)] {
            let p = image[x, 5]
            XCTAssertEqual(p.x, p.y)
            XCTAssertEqual(p.y, p.z)
            XCTAssertEqual(Int(p.x), expected, accuracy: 3, "column \(x)")
            XCTAssertEqual(p.w, 255)
        }
    }

    func testAdobeCMYKJPEGIsConvertedToRGB() throws {
        let image = try JPEGCodec.decode(JPEGFixtures.adobeCMYK)
        XCTAssertEqual(image.width, 8)
        let red = image[1, 1], white = image[6, 6]
        XCTAssertEqual(Int(red.x), 255, accuracy: 4)
        XCTAssertEqual(Int(red.y), 0, accuracy: 4)
        XCTAssertEqual(Int(red.z), 0, accuracy: 4)
        XCTAssertEqual(Int(white.x), 255, accuracy: 4)
        XCTAssertEqual(Int(white.y), 255, accuracy: 4)
        XCTAssertEqual(Int(white.z), 255, accuracy: 4)
        XCTAssertTrue(image.isOpaque)
    }

    func testBadInputThrows() throws {
        let jpeg = try JPEGCodec.encode(gradientImage(width: 48, height: 48), quality: 80)
        assertThrowsImagingError(try JPEGCodec.decode([]), "empty")
        assertThrowsImagingError(try JPEGCodec.decode([0xFF, 0xD8, 0xFF]), "magic only")
        assertThrowsImagingError(try JPEGCodec.decode(Array(jpeg.prefix(jpeg.count / 2))), "truncated half")
        var garbage = Garbage(state: 99)
        assertThrowsImagingError(try JPEGCodec.decode(garbage.bytes(1000)), "garbage")
        assertThrowsImagingError(try JPEGCodec.decode([0xFF, 0xD8, 0xFF, 0xE0] + garbage.bytes(300)),
                                 "magic then garbage")
        // Every prefix must fail cleanly: never trap, never return a grey-padded image.
        // That includes a file missing only its EOI marker, because the Huffman decoder reads
        // ahead past the last bits and libjpeg cannot tell that from missing pixel data.
        for length in Array(stride(from: 0, to: jpeg.count, by: 13)) + [jpeg.count - 2, jpeg.count - 1] {
            assertThrowsImagingError(try JPEGCodec.decode(Array(jpeg.prefix(length))), "prefix \(length)")
        }
        // Data after EOI (seen in the wild) is ignored.
        XCTAssertEqual(try JPEGCodec.decode(jpeg + [0, 0, 0, 0]).width, 48)
    }

    func testEmptyImageCannotBeEncoded() {
        XCTAssertThrowsError(try JPEGCodec.encode(RGBAImage(width: 0, height: 0, pixels: [])))
    }

    func testCorpusJPEGsDecodeToTheirSizes() throws {
        for texture in corpusTextures where texture.path.hasSuffix(".jpg") {
            let image = try JPEGCodec.decode(try corpusBytes(texture.path))
            XCTAssertEqual(image.width, texture.width, texture.path)
            XCTAssertEqual(image.height, texture.height, texture.path)
            XCTAssertTrue(image.isOpaque, texture.path)
        }
    }
}
