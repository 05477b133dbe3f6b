import XCTest
@testable import Imaging

final class ImageResizeTests: XCTestCase {
    private let blackWhite = RGBAImage(width: 2, height: 1, pixels: [0, 0, 0, 255, 255, 255, 255, 255])

    func testSRGBAveragingIsDoneInLinearLight() {
        // Half black, half white is 50% linear light, which sRGB encodes as ~188, not 128.
        let linear = ImageResize.downscale(blackWhite, maxDimension: 1, srgb: true)
        XCTAssertEqual(linear.width, 1)
        XCTAssertEqual(linear.height, 1)
        XCTAssertEqual(linear[0, 0], SIMD4(188, 188, 188, 255))
        // Data textures (normals, roughness) are averaged as stored.
        let plain = ImageResize.downscale(blackWhite, maxDimension: 1, srgb: false)
        XCTAssertEqual(plain[0, 0], SIMD4(128, 128, 128, 255))
    }

    func testSizesKeepAspectAndNeverUpscale() {
        func size(_ w: Int, _ h: Int, _ limit: Int) -> [Int] {
            let out = ImageResize.downscale(RGBAImage(width: w, height: h, fill: SIMD4(1, 2, 3, 4)),
                                            maxDimension: limit, srgb: true)
            XCTAssertEqual(out.pixels.count, out.width * out.height * 4)
            return [out.width, out.height]
        }
        XCTAssertEqual(size(1024, 512, 256), [256, 128])
        XCTAssertEqual(size(300, 1000, 100), [30, 100])
        XCTAssertEqual(size(1000, 333, 100), [100, 33])
        XCTAssertEqual(size(3, 1000, 100), [1, 100], "the short side never drops to 0")
        XCTAssertEqual(size(7, 5, 3), [3, 2])
        XCTAssertEqual(size(64, 32, 128), [64, 32], "never upscale")
        XCTAssertEqual(size(64, 32, 64), [64, 32])
        XCTAssertEqual(size(64, 32, 0), [1, 1], "a limit below 1 means 1")

        let image = patternImage(width: 20, height: 10, opaque: false)
        XCTAssertEqual(ImageResize.downscale(image, maxDimension: 20, srgb: true), image)
        XCTAssertEqual(ImageResize.downscale(image, maxDimension: 500, srgb: false), image)
    }

    func testUniformColourIsPreserved() {
        let colour = SIMD4<UInt8>(10, 200, 77, 255)
        for srgb in [true, false] {
            let out = ImageResize.downscale(RGBAImage(width: 37, height: 23, fill: colour), maxDimension: 10, srgb: srgb)
            XCTAssertEqual(out, RGBAImage(width: 10, height: 6, fill: colour), "srgb: \(srgb)")
        }
    }

    func testBoxAverageOfBlocks() {
        // 4x2 -> 2x1: each output is the mean of a 2x2 block.
        var image = RGBAImage(width: 4, height: 2, fill: SIMD4(0, 0, 0, 255))
        image[0, 0] = SIMD4(100, 0, 0, 255); image[1, 0] = SIMD4(100, 0, 0, 255)
        image[0, 1] = SIMD4(200, 0, 0, 255); image[1, 1] = SIMD4(200, 0, 0, 255)
        image[2, 0] = SIMD4(0, 40, 0, 255); image[3, 1] = SIMD4(0, 80, 0, 255)
        let out = ImageResize.downscale(image, maxDimension: 2, srgb: false)
        XCTAssertEqual(out.width, 2)
        XCTAssertEqual(out.height, 1)
        XCTAssertEqual(out[0, 0], SIMD4(150, 0, 0, 255))
        XCTAssertEqual(out[1, 0], SIMD4(0, 30, 0, 255))

        // 3 -> 2 columns: the middle source pixel is split between both outputs.
        let row = RGBAImage(width: 3, height: 1, pixels: [0, 0, 0, 255, 90, 90, 90, 255, 180, 180, 180, 255])
        let split = ImageResize.downscale(row, maxDimension: 2, srgb: false)
        XCTAssertEqual(split[0, 0].x, 30)   // (0 * 1 + 90 * 0.5) / 1.5
        XCTAssertEqual(split[1, 0].x, 150)  // (90 * 0.5 + 180 * 1) / 1.5
    }

    func testTransparentTexelsDoNotBleedColour() {
        // Opaque red next to fully transparent green (colour invisible, often garbage).
        let image = RGBAImage(width: 2, height: 1, pixels: [255, 0, 0, 255, 0, 255, 0, 0])
        let colour = ImageResize.downscale(image, maxDimension: 1, srgb: true)
        XCTAssertEqual(colour[0, 0], SIMD4(255, 0, 0, 128))
        // Data textures keep the plain per-channel mean.
        let data = ImageResize.downscale(image, maxDimension: 1, srgb: false)
        XCTAssertEqual(data[0, 0], SIMD4(128, 128, 0, 128))
        // Entirely transparent stays transparent.
        let clear = ImageResize.downscale(RGBAImage(width: 4, height: 4, fill: SIMD4(9, 9, 9, 0)), maxDimension: 2, srgb: true)
        XCTAssertTrue(clear.pixels.enumerated().allSatisfy { $0.offset % 4 != 3 || $0.element == 0 })
    }

    func testDeterministicAndCorpusTexture() throws {
        let image = try PNGCodec.decode(try corpusBytes("obj/cube_with_white_spaces/cube_texture.png"))
        let a = ImageResize.downscale(image, maxDimension: 64, srgb: true)
        let b = ImageResize.downscale(image, maxDimension: 64, srgb: true)
        XCTAssertEqual(a, b)
        XCTAssertEqual(a.width, 64)
        XCTAssertEqual(a.height, 64)
        XCTAssertTrue(a.isOpaque)
    }
}
