import XCTest
@testable import Imaging

final class BMPCodecTests: XCTestCase {
    private func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
    private func le32(_ v: Int) -> [UInt8] {
        let u = UInt32(truncatingIfNeeded: v)
        return [UInt8(u & 0xFF), UInt8(u >> 8 & 0xFF), UInt8(u >> 16 & 0xFF), UInt8(u >> 24)]
    }

    /// Builds a BMP with a 40-byte BITMAPINFOHEADER (or a larger header, zero-extended, with
    /// `masks` at bytes 54...). `rows` are in file order, unpadded; padding to 4 bytes is added.
    private func bmp(width: Int, height: Int, bits: Int, compression: Int = 0, headerSize: Int = 40,
                     masks: [Int] = [], palette: [[UInt8]] = [], rows: [[UInt8]]) -> [UInt8] {
        var info = le32(headerSize) + le32(width) + le32(height) + le16(1) + le16(bits)
            + le32(compression) + le32(0) + le32(2835) + le32(2835) + le32(palette.count) + le32(0)
        // Bitfield masks sit right after the 40 bytes, inside larger headers or after a 40-byte one.
        info += masks.flatMap(le32)
        if info.count < headerSize { info += [UInt8](repeating: 0, count: headerSize - info.count) }
        let table = palette.flatMap { $0 }
        let dataOffset = 14 + info.count + table.count
        var data: [UInt8] = []
        for row in rows {
            data += row
            data += [UInt8](repeating: 0, count: (4 - row.count % 4) % 4)
        }
        return Array("BM".utf8) + le32(dataOffset + data.count) + le32(0) + le32(dataOffset) + info + table + data
    }

    private let red = SIMD4<UInt8>(255, 0, 0, 255), green = SIMD4<UInt8>(0, 255, 0, 255)
    private let blue = SIMD4<UInt8>(0, 0, 255, 255), white = SIMD4<UInt8>(255, 255, 255, 255)

    /// 3x2 (odd width, so 24-bit rows need padding): top row red, green, blue; bottom white, red, green.
    private var expected3x2: RGBAImage {
        var image = RGBAImage(width: 3, height: 2, fill: SIMD4(0, 0, 0, 0))
        image[0, 0] = red; image[1, 0] = green; image[2, 0] = blue
        image[0, 1] = white; image[1, 1] = red; image[2, 1] = green
        return image
    }

    func testTwentyFourBitBottomUpAndTopDown() throws {
        let top: [UInt8] = [0, 0, 255, 0, 255, 0, 255, 0, 0]        // BGR: red, green, blue
        let bottom: [UInt8] = [255, 255, 255, 0, 0, 255, 0, 255, 0]  // white, red, green
        // Positive height: bottom row first.
        XCTAssertEqual(try BMPCodec.decode(bmp(width: 3, height: 2, bits: 24, rows: [bottom, top])), expected3x2)
        // Negative height: top row first.
        XCTAssertEqual(try BMPCodec.decode(bmp(width: 3, height: -2, bits: 24, rows: [top, bottom])), expected3x2)
    }

    func testEightBitPaletted() throws {
        let palette: [[UInt8]] = [[0, 0, 255, 0], [0, 255, 0, 0], [255, 0, 0, 0], [255, 255, 255, 0]]
        let file = bmp(width: 3, height: 2, bits: 8, palette: palette, rows: [[3, 0, 1], [0, 1, 2]])
        // The palette's fourth byte is reserved, not alpha: all pixels are opaque.
        XCTAssertEqual(try BMPCodec.decode(file), expected3x2)
        // An index past the palette is an error, not a crash.
        assertThrowsImagingError(try BMPCodec.decode(bmp(width: 3, height: 2, bits: 8, palette: palette,
                                                          rows: [[3, 0, 1], [0, 1, 9]])), "index 9 of 4")
    }

    func testFourAndOneBitPaletted() throws {
        let palette: [[UInt8]] = [[0, 0, 255, 0], [0, 255, 0, 0], [255, 0, 0, 0], [255, 255, 255, 0]]
        // 4-bit: high nibble first. Bottom row 3,0,1 -> 0x30 0x10; top row 0,1,2 -> 0x01 0x20.
        XCTAssertEqual(try BMPCodec.decode(bmp(width: 3, height: 2, bits: 4, palette: palette,
                                               rows: [[0x30, 0x10], [0x01, 0x20]])), expected3x2)
        // 1-bit: most significant bit first. 10 pixels: 1,0,1,1,0,0,0,0,1,1 -> 0xB0 0xC0.
        let mono = try BMPCodec.decode(bmp(width: 10, height: -1, bits: 1,
                                           palette: [[0, 0, 0, 0], [255, 255, 255, 0]], rows: [[0xB0, 0xC0]]))
        let bits = (0..<10).map { mono[$0, 0].x == 255 ? 1 : 0 }
        XCTAssertEqual(bits, [1, 0, 1, 1, 0, 0, 0, 0, 1, 1])
    }

    func testThirtyTwoBitRGB() throws {
        // BGRA; the fourth byte carries alpha when any pixel uses it.
        let withAlpha = try BMPCodec.decode(bmp(width: 2, height: -1, bits: 32, rows: [[1, 2, 3, 0, 4, 5, 6, 200]]))
        XCTAssertEqual(withAlpha[0, 0], SIMD4(3, 2, 1, 0))
        XCTAssertEqual(withAlpha[1, 0], SIMD4(6, 5, 4, 200))
        // All zero: the byte is unused padding, as Windows treats it.
        let padding = try BMPCodec.decode(bmp(width: 2, height: -1, bits: 32, rows: [[1, 2, 3, 0, 4, 5, 6, 0]]))
        XCTAssertTrue(padding.isOpaque)
        XCTAssertEqual(padding[1, 0], SIMD4(6, 5, 4, 255))
    }

    func testBitfields() throws {
        // 16-bit 565 after a 40-byte header: 0xF800 red, 0x07E0 green, 0x001F blue, 0xFFFF white.
        let file = bmp(width: 2, height: 2, bits: 16, compression: 3, masks: [0xF800, 0x07E0, 0x001F],
                       rows: [[0x1F, 0x00, 0xFF, 0xFF], [0x00, 0xF8, 0xE0, 0x07]])
        let image = try BMPCodec.decode(file)
        XCTAssertEqual(image[0, 0], red)
        XCTAssertEqual(image[1, 0], green)
        XCTAssertEqual(image[0, 1], blue)
        XCTAssertEqual(image[1, 1], white)

        // 32-bit V5 header (124 bytes) with an alpha mask, as GIMP writes: ARGB in memory order BGRA.
        let v5 = bmp(width: 1, height: 1, bits: 32, compression: 3, headerSize: 124,
                     masks: [0x00FF_0000, 0x0000_FF00, 0x0000_00FF, Int(0xFF00_0000)],
                     rows: [[30, 20, 10, 128]])
        XCTAssertEqual(try BMPCodec.decode(v5)[0, 0], SIMD4(10, 20, 30, 128))
    }

    func testSixteenBitDefaultIs555() throws {
        // 0x7C00 = red, 0x4210 = mid grey (16/31 -> 132).
        let image = try BMPCodec.decode(bmp(width: 2, height: 1, bits: 16, rows: [[0x00, 0x7C, 0x10, 0x42]]))
        XCTAssertEqual(image[0, 0], red)
        XCTAssertEqual(image[1, 0], SIMD4(132, 132, 132, 255))
    }

    func testOS2CoreHeader() throws {
        // BITMAPCOREHEADER: 12 bytes, 16-bit width/height, 3-byte palette entries (B, G, R).
        let core: [UInt8] = le32(12) + le16(2) + le16(1) + le16(1) + le16(8)
        let palette: [UInt8] = [0, 0, 255, 255, 0, 0]  // red, blue
        let data: [UInt8] = [1, 0, 0, 0]
        let offset = 14 + core.count + palette.count
        let file = Array("BM".utf8) + le32(offset + data.count) + le32(0) + le32(offset) + core + palette + data
        let image = try BMPCodec.decode(file)
        XCTAssertEqual(image[0, 0], blue)
        XCTAssertEqual(image[1, 0], red)
    }

    func testBadInputThrows() {
        let valid = bmp(width: 3, height: 2, bits: 24, rows: [[UInt8](repeating: 9, count: 9), [UInt8](repeating: 7, count: 9)])
        XCTAssertNoThrow(try BMPCodec.decode(valid))
        // Every prefix that loses pixel bytes must throw (the last row's padding may be missing).
        for length in 0..<(valid.count - 3) {
            assertThrowsImagingError(try BMPCodec.decode(Array(valid.prefix(length))), "prefix \(length)")
        }
        XCTAssertNoThrow(try BMPCodec.decode(Array(valid.dropLast(3))), "missing final padding is tolerated")

        assertThrowsImagingError(try BMPCodec.decode(bmp(width: 2, height: 2, bits: 8, compression: 1,
                                                          palette: [[0, 0, 0, 0]], rows: [[0, 0], [0, 0]])), "RLE8")
        assertThrowsImagingError(try BMPCodec.decode(bmp(width: 0, height: 2, bits: 24, rows: [])), "zero width")
        assertThrowsImagingError(try BMPCodec.decode(bmp(width: -4, height: 2, bits: 24, rows: [])), "negative width")
        assertThrowsImagingError(try BMPCodec.decode(bmp(width: 1, height: 1, bits: 7, rows: [[0]])), "7 bits")
        assertThrowsImagingError(try BMPCodec.decode(bmp(width: 40000, height: 40000, bits: 24, rows: [])),
                                 "huge header, no data")
        var notBM = valid
        notBM[0] = 0x58
        assertThrowsImagingError(try BMPCodec.decode(notBM), "bad signature")
        var oddHeader = valid
        oddHeader[14] = 20  // header size 20 is neither core (12) nor info (40+)
        assertThrowsImagingError(try BMPCodec.decode(oddHeader), "odd header size")
        var garbage = Garbage(state: 11)
        for _ in 0..<200 {
            _ = try? BMPCodec.decode(Array("BM".utf8) + garbage.bytes(80))
        }
    }
}
