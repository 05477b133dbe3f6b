import XCTest
@testable import Imaging

final class TGACodecTests: XCTestCase {
    // Colours as stored in TGA (B, G, R).
    private let redBGR: [UInt8] = [0, 0, 255], greenBGR: [UInt8] = [0, 255, 0]
    private let blueBGR: [UInt8] = [255, 0, 0], whiteBGR: [UInt8] = [255, 255, 255]
    private let red = SIMD4<UInt8>(255, 0, 0, 255), green = SIMD4<UInt8>(0, 255, 0, 255)
    private let blue = SIMD4<UInt8>(0, 0, 255, 255), white = SIMD4<UInt8>(255, 255, 255, 255)

    /// Builds a TGA file: 18-byte header, image ID, colour map, pixel data.
    private func tga(type: UInt8, width: Int, height: Int, bits: UInt8, descriptor: UInt8 = 0,
                     id: [UInt8] = [], mapFirst: Int = 0, mapBits: UInt8 = 0, map: [UInt8] = [],
                     mapCount: Int = 0, data: [UInt8]) -> [UInt8] {
        let hasMap: UInt8 = mapBits == 0 ? 0 : 1
        var header: [UInt8] = [UInt8(id.count), hasMap, type,
                               UInt8(mapFirst & 0xFF), UInt8(mapFirst >> 8),
                               UInt8(mapCount & 0xFF), UInt8(mapCount >> 8), mapBits,
                               0, 0, 0, 0]
        header += [UInt8(width & 0xFF), UInt8(width >> 8), UInt8(height & 0xFF), UInt8(height >> 8), bits, descriptor]
        return header + id + map + data
    }

    /// 2x2: top row red, white; bottom row blue, green.
    private var expected2x2: RGBAImage {
        var image = RGBAImage(width: 2, height: 2, fill: SIMD4(0, 0, 0, 0))
        image[0, 0] = red; image[1, 0] = white; image[0, 1] = blue; image[1, 1] = green
        return image
    }

    func testUncompressedTruecolourBothOrigins() throws {
        // Default origin is bottom-left: the bottom row comes first.
        let bottomUp = tga(type: 2, width: 2, height: 2, bits: 24,
                           data: blueBGR + greenBGR + redBGR + whiteBGR)
        XCTAssertEqual(try TGACodec.decode(bottomUp), expected2x2)
        // Descriptor bit 5: top-left origin, top row first.
        let topDown = tga(type: 2, width: 2, height: 2, bits: 24, descriptor: 0x20,
                          data: redBGR + whiteBGR + blueBGR + greenBGR)
        XCTAssertEqual(try TGACodec.decode(topDown), expected2x2)
    }

    func testRightToLeftAndImageIDAreHandled() throws {
        let mirrored = tga(type: 2, width: 2, height: 2, bits: 24, descriptor: 0x30, id: Array("hello".utf8),
                           data: whiteBGR + redBGR + greenBGR + blueBGR)
        XCTAssertEqual(try TGACodec.decode(mirrored), expected2x2)
    }

    func testThirtyTwoBitAlpha() throws {
        // 8 alpha bits, top-left: BGRA.
        let file = tga(type: 2, width: 2, height: 1, bits: 32, descriptor: 0x28,
                       data: [10, 20, 30, 0, 40, 50, 60, 128])
        let image = try TGACodec.decode(file)
        XCTAssertEqual(image[0, 0], SIMD4(30, 20, 10, 0))
        XCTAssertEqual(image[1, 0], SIMD4(60, 50, 40, 128))

        // "No alpha bits" and all-zero alpha bytes: treat as opaque rather than invisible.
        let unused = tga(type: 2, width: 2, height: 1, bits: 32, descriptor: 0x20,
                         data: [10, 20, 30, 0, 40, 50, 60, 0])
        XCTAssertEqual(try TGACodec.decode(unused)[1, 0], SIMD4(60, 50, 40, 255))
        // Real values are kept even when the descriptor forgot to declare them.
        let undeclared = tga(type: 2, width: 2, height: 1, bits: 32, descriptor: 0x20,
                             data: [10, 20, 30, 0, 40, 50, 60, 77])
        XCTAssertEqual(try TGACodec.decode(undeclared)[0, 0].w, 0)
        XCTAssertEqual(try TGACodec.decode(undeclared)[1, 0].w, 77)
    }

    func testSixteenBitTruecolour() throws {
        // A1 R5 G5 B5 little-endian: 0x7C00 = pure red, 0x83E0 = green with the attribute bit.
        let data: [UInt8] = [0x00, 0x7C, 0xE0, 0x83, 0x1F, 0x00, 0x10, 0x42]
        let withAlpha = try TGACodec.decode(tga(type: 2, width: 4, height: 1, bits: 16, descriptor: 0x21, data: data))
        XCTAssertEqual(withAlpha[0, 0], SIMD4(255, 0, 0, 0))
        XCTAssertEqual(withAlpha[1, 0], SIMD4(0, 255, 0, 255))
        XCTAssertEqual(withAlpha[2, 0], SIMD4(0, 0, 255, 0))
        XCTAssertEqual(withAlpha[3, 0], SIMD4(132, 132, 132, 0))  // 16/31 of full scale
        let noAlpha = try TGACodec.decode(tga(type: 2, width: 4, height: 1, bits: 16, descriptor: 0x20, data: data))
        XCTAssertTrue(noAlpha.isOpaque)
        XCTAssertEqual(noAlpha[0, 0], red)
    }

    func testRLETruecolourBothOrigins() throws {
        // 3x2. Stored order (bottom-left origin): bottom row red red red, top row red, green, blue.
        // A run of 4 reds crosses the row boundary, then a raw packet of 2.
        let rle: [UInt8] = [0x83] + redBGR + [0x01] + greenBGR + blueBGR
        let image = try TGACodec.decode(tga(type: 10, width: 3, height: 2, bits: 24, data: rle))
        XCTAssertEqual(image[0, 0], red)
        XCTAssertEqual(image[1, 0], green)
        XCTAssertEqual(image[2, 0], blue)
        for x in 0..<3 { XCTAssertEqual(image[x, 1], red) }

        // Top-left origin: the same stream fills the top row first.
        let topDown = try TGACodec.decode(tga(type: 10, width: 3, height: 2, bits: 24, descriptor: 0x20, data: rle))
        for x in 0..<3 { XCTAssertEqual(topDown[x, 0], red) }
        XCTAssertEqual(topDown[0, 1], red)
        XCTAssertEqual(topDown[1, 1], green)
        XCTAssertEqual(topDown[2, 1], blue)

        // RLE 32-bit with alpha.
        let rgba = try TGACodec.decode(tga(type: 10, width: 2, height: 1, bits: 32, descriptor: 0x28,
                                           data: [0x81, 1, 2, 3, 4]))
        XCTAssertEqual(rgba[1, 0], SIMD4(3, 2, 1, 4))
    }

    func testColourMapped() throws {
        // Map starts at index 2; entries (24-bit BGR): 2 = red, 3 = green, 4 = blue.
        let map = redBGR + greenBGR + blueBGR
        let plain = tga(type: 1, width: 3, height: 1, bits: 8, descriptor: 0x20,
                        mapFirst: 2, mapBits: 24, map: map, mapCount: 3, data: [4, 2, 3])
        let image = try TGACodec.decode(plain)
        XCTAssertEqual(image[0, 0], blue)
        XCTAssertEqual(image[1, 0], red)
        XCTAssertEqual(image[2, 0], green)

        let rle = tga(type: 9, width: 3, height: 1, bits: 8, descriptor: 0x20,
                      mapFirst: 2, mapBits: 24, map: map, mapCount: 3, data: [0x81, 3, 0x00, 4])
        let decoded = try TGACodec.decode(rle)
        XCTAssertEqual(decoded[0, 0], green)
        XCTAssertEqual(decoded[1, 0], green)
        XCTAssertEqual(decoded[2, 0], blue)

        // 16-bit indices and a 32-bit map (with alpha).
        let wide = tga(type: 1, width: 1, height: 1, bits: 16, descriptor: 0x28,
                       mapFirst: 0, mapBits: 32, map: [9, 8, 7, 6, 1, 2, 3, 4], mapCount: 2, data: [1, 0])
        XCTAssertEqual(try TGACodec.decode(wide)[0, 0], SIMD4(3, 2, 1, 4))

        // A truecolour file may carry a colour map; it must be skipped, not decoded as pixels.
        let skipped = tga(type: 2, width: 1, height: 1, bits: 24, mapBits: 24, map: whiteBGR + whiteBGR,
                          mapCount: 2, data: redBGR)
        XCTAssertEqual(try TGACodec.decode(skipped)[0, 0], red)
    }

    func testGreyscale() throws {
        let plain = try TGACodec.decode(tga(type: 3, width: 2, height: 1, bits: 8, data: [0, 200]))
        XCTAssertEqual(plain[1, 0], SIMD4(200, 200, 200, 255))
        let rle = try TGACodec.decode(tga(type: 11, width: 3, height: 1, bits: 8, data: [0x82, 77]))
        XCTAssertEqual(rle, RGBAImage(width: 3, height: 1, fill: SIMD4(77, 77, 77, 255)))
        let greyAlpha = try TGACodec.decode(tga(type: 3, width: 1, height: 1, bits: 16, descriptor: 8, data: [50, 60]))
        XCTAssertEqual(greyAlpha[0, 0], SIMD4(50, 50, 50, 60))
        // Grey + alpha with "no alpha bits" and only zero alpha: opaque, as for 32-bit.
        let unusedAlpha = try TGACodec.decode(tga(type: 3, width: 2, height: 1, bits: 16, data: [50, 0, 70, 0]))
        XCTAssertEqual(unusedAlpha[1, 0], SIMD4(70, 70, 70, 255))
    }

    func testBadInputThrows() {
        let valid = [
            tga(type: 2, width: 2, height: 2, bits: 24, data: blueBGR + greenBGR + redBGR + whiteBGR),
            tga(type: 10, width: 3, height: 2, bits: 24, data: [0x83] + redBGR + [0x01] + greenBGR + blueBGR),
            tga(type: 9, width: 3, height: 1, bits: 8, mapFirst: 2, mapBits: 24,
                map: redBGR + greenBGR + blueBGR, mapCount: 3, data: [0x81, 3, 0x00, 4]),
        ]
        for file in valid {
            XCTAssertNoThrow(try TGACodec.decode(file))
            for length in 0..<file.count {
                assertThrowsImagingError(try TGACodec.decode(Array(file.prefix(length))), "type \(file[2]) prefix \(length)")
            }
        }
        assertThrowsImagingError(try TGACodec.decode(tga(type: 32, width: 1, height: 1, bits: 8, data: [0])),
                                 "unsupported type")
        assertThrowsImagingError(try TGACodec.decode(tga(type: 2, width: 0, height: 5, bits: 24, data: [])),
                                 "zero width")
        assertThrowsImagingError(try TGACodec.decode(tga(type: 2, width: 1, height: 1, bits: 12, data: [0, 0])),
                                 "12 bits per pixel")
        assertThrowsImagingError(try TGACodec.decode(tga(type: 1, width: 1, height: 1, bits: 8, mapBits: 24,
                                                         map: redBGR, mapCount: 1, data: [5])),
                                 "index outside the colour map")
        assertThrowsImagingError(try TGACodec.decode(tga(type: 1, width: 1, height: 1, bits: 8, data: [0])),
                                 "colour-mapped without a map")
        // An RLE stream that claims far more pixels than the data holds.
        assertThrowsImagingError(try TGACodec.decode(tga(type: 10, width: 100, height: 100, bits: 24,
                                                         data: [0xFF] + redBGR)), "short RLE stream")
        var header = tga(type: 2, width: 1, height: 1, bits: 24, data: redBGR)
        header[1] = 7
        assertThrowsImagingError(try TGACodec.decode(header), "bad colour map type")
        var garbage = Garbage(state: 3)
        for _ in 0..<200 {
            // Random headers must throw or decode, never trap.
            _ = try? TGACodec.decode(garbage.bytes(64))
        }
    }

    func testCorpusDuckTexture() throws {
        let bytes = try corpusBytes("dae/duck/duckCM.tga")
        let image = try TGACodec.decode(bytes)
        XCTAssertEqual(image.width, 512)
        XCTAssertEqual(image.height, 512)
        XCTAssertTrue(image.isOpaque)
        // Expected values read independently (Python) from the uncompressed bottom-up file;
        // (371, 37) differs from its vertical mirror, so a flipped decode fails here.
        XCTAssertEqual(image[0, 0], SIMD4(225, 191, 0, 255))
        XCTAssertEqual(image[100, 50], SIMD4(255, 188, 0, 255))
        XCTAssertEqual(image[371, 37], SIMD4(255, 255, 255, 255))
        XCTAssertEqual(image[106, 37], SIMD4(255, 213, 0, 255))
        XCTAssertEqual(try ImageDecoder.decode(bytes, formatHint: "tga"), image)
    }
}
