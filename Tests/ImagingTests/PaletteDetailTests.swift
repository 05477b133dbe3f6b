import XCTest
@testable import Imaging

/// A small detail of its own colour must not be swallowed by a palette chosen for the whole image.
final class PaletteDetailTests: XCTestCase {
    /// A wide terracotta-to-peach gradient with a little grain (what a shaded roof looks like;
    /// the grain keeps truecolour PNG from winning on size) and a small gold finial.
    func roofWithFinial() -> RGBAImage {
        var image = RGBAImage(width: 256, height: 256, fill: SIMD4(0, 0, 0, 255))
        var seed: UInt32 = 1
        for y in 0..<256 {
            for x in 0..<256 {
                let i = (y * 256 + x) * 4
                seed = seed &* 1_664_525 &+ 1_013_904_223
                let grain = Int(seed >> 29)
                let gold = (120..<132).contains(x) && (20..<32).contains(y)
                let rgb: [UInt8] = gold ? [212, 165, 58]
                    : [UInt8(200 + x / 8 - grain), UInt8(110 + y / 4 + grain), UInt8(80 + (x + y) / 16 + grain)]
                image.pixels.replaceSubrange(i..<i + 3, with: rgb)
            }
        }
        return image
    }

    func testACoarsePaletteLosesTheFinialAndTheGuardRefusesIt() throws {
        let image = roofWithFinial()
        let coarse = PaletteQuantizer.Options(minimumQuality: 0, maximumQuality: 30, speed: 4, dithering: 0.5)
        let palettized = try XCTUnwrap(try PaletteQuantizer.quantize(image, options: coarse))
        XCTAssertTrue(PaletteQuantizer.detailsChanged(image, palettized, limit: 24), "the finial changed colour")
        var guarded = coarse
        guarded.maximumDetailError = 24
        XCTAssertNil(try PaletteQuantizer.quantize(image, options: guarded))
    }

    func testAFinePaletteKeepsTheFinialAndPasses() throws {
        let image = roofWithFinial()
        let fine = PaletteQuantizer.Options(minimumQuality: 80, maximumQuality: 98, speed: 4, dithering: 0.5, maximumDetailError: 24)
        let palettized = try XCTUnwrap(try PaletteQuantizer.quantize(image, options: fine))
        let centre = (26 * 256 + 126)
        let entry = palettized.palette[Int(palettized.indices[centre])]
        XCTAssertEqual(Double(entry.x), 212, accuracy: 16)
        XCTAssertEqual(Double(entry.y), 165, accuracy: 16)
        XCTAssertEqual(Double(entry.z), 58, accuracy: 16)
    }

    func testQualitiesAreTriedInTurnThenTruecolour() throws {
        let image = roofWithFinial()
        let coarse = PaletteQuantizer.Options(minimumQuality: 0, maximumQuality: 30, speed: 4, dithering: 0.5, maximumDetailError: 24)
        let fine = PaletteQuantizer.Options(minimumQuality: 80, maximumQuality: 98, speed: 4, dithering: 0.5, maximumDetailError: 24)
        let fineFile = try PNGCodec.encodePalette(try XCTUnwrap(try PaletteQuantizer.quantize(image, options: fine)))
        let truecolour = try PNGCodec.encode(image)
        XCTAssertLessThan(fineFile.count, truecolour.count)
        XCTAssertEqual(try PNGCodec.encodeSmallest(image, qualities: [coarse, fine]), fineFile, "the finer palette was used")
        XCTAssertEqual(try PNGCodec.encodeSmallest(image, qualities: [coarse]), try PNGCodec.encode(image), "no palette passed: truecolour")
    }
}
