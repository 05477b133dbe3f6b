import Foundation
import XCTest
@testable import Imaging

final class PalettePNGTests: XCTestCase {
    /// The IHDR colour type (byte 25): 2 = RGB, 3 = palette, 6 = RGBA.
    private func colourType(_ png: [UInt8]) -> UInt8? {
        guard png.count > 25, Array(png[12..<16]) == Array("IHDR".utf8) else { return nil }
        return png[25]
    }

    /// Mean absolute difference per channel (R, G, B, A) in 0–255 units, over the pixels that
    /// are at least partly visible in `source`: the clear background is checked separately,
    /// and counting it would dilute the average.
    private func meanAbsoluteError(_ source: RGBAImage, _ decoded: RGBAImage) -> [Double] {
        var sums = [Double](repeating: 0, count: 4), visible = 0
        for pixel in stride(from: 0, to: source.pixels.count, by: 4) where source.pixels[pixel + 3] > 0 {
            visible += 1
            for channel in 0..<4 {
                sums[channel] += abs(Double(source.pixels[pixel + channel]) - Double(decoded.pixels[pixel + channel]))
            }
        }
        return sums.map { $0 / Double(max(visible, 1)) }
    }

    /// Chunk types in file order, read by walking the chunk lengths.
    private func chunkTypes(_ png: [UInt8]) -> [String] {
        var types: [String] = [], offset = 8
        while offset + 8 <= png.count {
            let length = png[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            types.append(String(decoding: png[offset + 4..<offset + 8], as: UTF8.self))
            offset += 12 + length
        }
        return types
    }

    func testPosterBecomesASmallerPalettePNGThatLooksTheSame() throws {
        let poster = posterImage(size: 256)
        let truecolour = try PNGCodec.encode(poster)
        let smallest = try PNGCodec.encodeSmallest(poster)
        XCTAssertEqual(colourType(smallest), 3, "a smooth render should fit a palette")
        XCTAssertLessThan(smallest.count, truecolour.count)

        let decoded = try PNGCodec.decode(smallest)
        XCTAssertEqual(decoded.width, poster.width)
        XCTAssertEqual(decoded.height, poster.height)
        for (channel, error) in zip("RGBA", meanAbsoluteError(poster, decoded)) {
            XCTAssertLessThanOrEqual(error, 3, "mean error in \(channel) over the visible pixels")
        }
        // Background and object edges must stay crisp: clear stays clear, solid stays solid.
        var clear = 0, solid = 0
        for y in 0..<poster.height {
            for x in 0..<poster.width {
                switch poster[x, y].w {
                case 0: clear += 1; XCTAssertEqual(decoded[x, y].w, 0, "(\(x), \(y)) was transparent")
                case 255: solid += 1; XCTAssertEqual(decoded[x, y].w, 255, "(\(x), \(y)) was opaque")
                default: break
                }
            }
        }
        XCTAssertGreaterThan(clear, 1000, "the test image needs a transparent background")
        XCTAssertGreaterThan(solid, 1000, "the test image needs an opaque object")
    }

    func testFewExactColoursRoundTripExactly() throws {
        // 200 distinct colours, some translucent, plus fully transparent pixels as (0, 0, 0, 0),
        // the form the quantizer gives every clear pixel.
        var image = RGBAImage(width: 20, height: 11, fill: SIMD4(0, 0, 0, 0))
        for i in 0..<200 {
            image[i % 20, i / 20] = SIMD4(UInt8(i), UInt8(255 - i), UInt8(i * 7 & 0xFF), i % 3 == 0 ? UInt8(40 + i) : 255)
        }
        let exact = PaletteQuantizer.Options(minimumQuality: 100, maximumQuality: 100)
        let palettized = try XCTUnwrap(try PaletteQuantizer.quantize(image, options: exact))
        XCTAssertEqual(palettized.palette.count, 201)
        let png = try PNGCodec.encodePalette(palettized)
        XCTAssertEqual(colourType(png), 3)
        XCTAssertEqual(try PNGCodec.decode(png), image)
    }

    func testOpaquePaletteIsWrittenWithoutAlpha() throws {
        var image = RGBAImage(width: 8, height: 8, fill: SIMD4(10, 20, 30, 255))
        image[3, 4] = SIMD4(200, 100, 0, 255)
        let palettized = try XCTUnwrap(try PaletteQuantizer.quantize(image))
        let png = try PNGCodec.encodePalette(palettized)
        XCTAssertEqual(colourType(png), 3)
        XCTAssertFalse(chunkTypes(png).contains("tRNS"), "an opaque palette needs no tRNS chunk")
        XCTAssertEqual(try PNGCodec.decode(png), image)
        // A translucent entry does need one.
        image[0, 0].w = 128
        let translucent = try PNGCodec.encodePalette(try XCTUnwrap(try PaletteQuantizer.quantize(image)))
        XCTAssertTrue(chunkTypes(translucent).contains("tRNS"))
    }

    func testNoiseBelowQualityFallsBackToTruecolour() throws {
        var garbage = Garbage(state: 0xC0FFEE)
        let noise = RGBAImage(width: 64, height: 64, pixels: garbage.bytes(64 * 64 * 4))
        let strict = PaletteQuantizer.Options(minimumQuality: 99, maximumQuality: 100)
        XCTAssertNil(try PaletteQuantizer.quantize(noise, options: strict), "4096 random colours cannot reach quality 99")
        let png = try PNGCodec.encodeSmallest(noise, quality: strict)
        XCTAssertTrue([2, 6].contains(colourType(png)), "expected truecolour, got colour type \(colourType(png) ?? 0)")
        XCTAssertEqual(try PNGCodec.decode(png), noise)
    }

    func testTinyImageKeepsTruecolourWhenThatIsSmaller() throws {
        // One opaque pixel: the palette file pays for a PLTE chunk and saves nothing.
        let dot = RGBAImage(width: 1, height: 1, fill: SIMD4(200, 30, 60, 255))
        let truecolour = try PNGCodec.encode(dot)
        let palette = try PNGCodec.encodePalette(try XCTUnwrap(try PaletteQuantizer.quantize(dot)))
        XCTAssertGreaterThan(palette.count, truecolour.count)
        XCTAssertEqual(try PNGCodec.encodeSmallest(dot), truecolour)
    }

    func testEncodingIsDeterministic() throws {
        let poster = posterImage(size: 128)
        let first = try PNGCodec.encodeSmallest(poster)
        let second = try PNGCodec.encodeSmallest(poster)
        XCTAssertEqual(colourType(first), 3)
        XCTAssertEqual(first, second)
        XCTAssertEqual(try PaletteQuantizer.quantize(poster), try PaletteQuantizer.quantize(poster))
    }

    func testEmptyImageThrows() {
        let empty = RGBAImage(width: 0, height: 0, pixels: [])
        XCTAssertThrowsError(try PaletteQuantizer.quantize(empty))
        XCTAssertThrowsError(try PNGCodec.encodeSmallest(empty))
    }

    func testOptionsOutOfRangeThrow() {
        let image = RGBAImage(width: 4, height: 4, fill: SIMD4(1, 2, 3, 255))
        XCTAssertThrowsError(try PaletteQuantizer.quantize(image, options: .init(minimumQuality: 90, maximumQuality: 80)))
        XCTAssertThrowsError(try PaletteQuantizer.quantize(image, options: .init(speed: 11)))
        XCTAssertThrowsError(try PaletteQuantizer.quantize(image, options: .init(dithering: 2)))
    }
}

/// A stand-in for a poster render: a lit orange sphere (diffuse + highlight, anti-aliased
/// rim) over a soft elliptical shadow of partial alpha, on a fully transparent background.
private func posterImage(size: Int) -> RGBAImage {
    var image = RGBAImage(width: size, height: size, fill: SIMD4(0, 0, 0, 0))
    let s = Double(size)
    let centreX = s * 0.5, centreY = s * 0.42, radius = s * 0.3
    func normalized(_ v: SIMD3<Double>) -> SIMD3<Double> { v / (v * v).sum().squareRoot() }
    let light = normalized(SIMD3(-0.4, -0.6, 0.7))
    let halfway = normalized(light + SIMD3(0, 0, 1))  // Blinn highlight, viewer along +z
    let base = SIMD3<Double>(0.85, 0.45, 0.2)
    for y in 0..<size {
        for x in 0..<size {
            let px = Double(x) + 0.5, py = Double(y) + 0.5
            let sx = (px - centreX) / (radius * 1.1), sy = (py - s * 0.8) / (radius * 0.3)
            let falloff = max(0, 1 - (sx * sx + sy * sy).squareRoot())
            let shadow = falloff * falloff * 0.6

            let dx = (px - centreX) / radius, dy = (py - centreY) / radius
            let r = (dx * dx + dy * dy).squareRoot()
            let coverage = min(max((1 - r) * radius + 0.5, 0), 1)
            let normal = SIMD3(dx, dy, max(0, 1 - min(r * r, 1)).squareRoot())
            let diffuse = max(0, (normal * light).sum())
            let specular = pow(max(0, (normal * halfway).sum()), 40)
            let lit = (base * (0.15 + 0.85 * diffuse) + SIMD3(repeating: 0.6 * specular))
                .clamped(lowerBound: SIMD3(repeating: 0), upperBound: SIMD3(repeating: 1))

            // The sphere composited over the black shadow, in straight alpha.
            let alpha = coverage + shadow * (1 - coverage)
            let rgb = alpha > 0 ? lit * coverage / alpha : SIMD3(repeating: 0)
            image[x, y] = SIMD4(UInt8((rgb.x * 255).rounded()), UInt8((rgb.y * 255).rounded()),
                                UInt8((rgb.z * 255).rounded()), UInt8((alpha * 255).rounded()))
        }
    }
    return image
}
