import Imaging
import XCTest

/// AVIF through libavif: round trips that keep the look, alpha, reproducible bytes, a colour
/// profile carried along, and damaged data refused.
final class AVIFCodecTests: XCTestCase {
    func testRoundTripKeepsTheLookAndTheBytesAreReproducible() throws {
        let image = WebPCodecTests.gradient()
        let bytes = try AVIFCodec.encode(image, .init(quantizer: 24))
        XCTAssertTrue(AVIFCodec.isAVIF(bytes))
        XCTAssertEqual(try AVIFCodec.encode(image, .init(quantizer: 24)), bytes, "same pixels, same bytes (one thread)")
        let decoded = try AVIFCodec.decode(bytes)
        XCTAssertEqual([decoded.width, decoded.height], [128, 96])
        XCTAssertTrue(decoded.isOpaque, "no alpha plane for an opaque image")
        XCTAssertGreaterThan(ImageQuality.psnr(image, decoded), 38)
        XCTAssertGreaterThan(ImageQuality.ssim(image, decoded), 0.97)
        // A coarser quantizer gives a smaller file that looks worse.
        let coarse = try AVIFCodec.encode(image, .init(quantizer: 56))
        XCTAssertLessThan(coarse.count, bytes.count)
        XCTAssertLessThan(ImageQuality.psnr(image, try AVIFCodec.decode(coarse)), ImageQuality.psnr(image, decoded))
    }

    func testAlphaIsKept() throws {
        let image = WebPCodecTests.gradient(alpha: true)
        let decoded = try AVIFCodec.decode(try AVIFCodec.encode(image, .init(quantizer: 20)))
        XCTAssertFalse(decoded.isOpaque)
        let alphaError = stride(from: 3, to: image.pixels.count, by: 4).map { abs(Int(image.pixels[$0]) - Int(decoded.pixels[$0])) }.max() ?? 0
        XCTAssertLessThanOrEqual(alphaError, 8, "the alpha ramp survives")
        XCTAssertGreaterThan(ImageQuality.psnr(ImageQuality.premultiplied(image), ImageQuality.premultiplied(decoded)), 38)
    }

    func testColourProfileIsStored() throws {
        let profile = Array("a stand-in ICC profile".utf8)
        let bytes = try AVIFCodec.encode(WebPCodecTests.gradient(), .init(quantizer: 30), iccProfile: profile)
        // libavif writes the profile as a `colr` box of type `prof`, followed by the profile's bytes.
        XCTAssertNotNil(bytes.firstRange(of: Array("colrprof".utf8) + profile))
        XCTAssertNil(try AVIFCodec.encode(WebPCodecTests.gradient(), .init(quantizer: 30)).firstRange(of: Array("colrprof".utf8)))
    }

    func testDamagedDataIsAnErrorNotACrash() throws {
        let bytes = try AVIFCodec.encode(WebPCodecTests.gradient(), .init(quantizer: 30))
        XCTAssertThrowsError(try AVIFCodec.decode(Array(bytes.prefix(bytes.count / 2))))
        XCTAssertThrowsError(try AVIFCodec.decode([]))
        XCTAssertThrowsError(try AVIFCodec.decode(Array("not an image at all".utf8)))
    }
}

/// The quality promise every lossy re-encoding keeps, and the ladders that find the smallest
/// file keeping it.
final class QualityGuardTests: XCTestCase {
    /// A photo-like image with fine detail (a faint checker over gradients), where low qualities fail.
    static func detailed(width: Int = 96, height: Int = 96, alpha: Bool = false) -> RGBAImage {
        var image = WebPCodecTests.gradient(width: width, height: height, alpha: alpha)
        for y in 0 ..< height {
            for x in 0 ..< width where (x / 4 + y / 4) % 2 == 0 {
                let i = (y * width + x) * 4
                for channel in 0 ..< 3 { image.pixels[i + channel] = image.pixels[i + channel] / 8 * 7 }
            }
        }
        return image
    }

    func testTheFirstPassingRungIsChosenAndItReallyPasses() throws {
        let image = Self.detailed()
        let rungs: [Float] = WebImageEncoding.webPQualities
        let guardrail = QualityGuard.default
        let passed = try XCTUnwrap(guardrail.firstPassing(rungs, source: image,
                                                          encode: { try WebPCodec.encodeLossy(image, quality: $0, keepAlpha: false) },
                                                          decode: WebPCodec.decode))
        XCTAssertGreaterThanOrEqual(passed.psnr, 38)
        XCTAssertGreaterThanOrEqual(passed.ssim, 0.97)
        // Checked one by one: every rung below the chosen one breaks the promise.
        for quality in rungs where quality < passed.setting {
            let decoded = try WebPCodec.decode(try WebPCodec.encodeLossy(image, quality: quality, keepAlpha: false))
            XCTAssertTrue(ImageQuality.psnr(image, decoded) < 38 || ImageQuality.ssim(image, decoded) < 0.97, "q\(quality) would have passed")
        }
        XCTAssertGreaterThan(passed.setting, rungs[0], "this image needs more than the lowest quality (else the test proves little)")
    }

    func testTheSearchFindsTheSameRungAsTryingEachInTurn() {
        // A stand-in encoder whose "quality" is the setting itself: rung k passes when k >= answer.
        let image = WebPCodecTests.gradient(width: 16, height: 16)
        let blurred = { (level: Int) -> RGBAImage in
            var copy = image
            for index in stride(from: 0, to: copy.pixels.count, by: 4) { copy.pixels[index] = copy.pixels[index] &+ UInt8(max(0, 9 - level) * 6) }
            return copy
        }
        let rungs = Array(0 ..< 10)
        let linear = rungs.first { ImageQuality.psnr(image, blurred($0)) >= 38 }
        var tries = 0
        let found = QualityGuard.default.firstPassing(rungs, source: image, encode: { tries += 1; return [UInt8($0)] },
                                                      decode: { blurred(Int($0[0])) })
        XCTAssertEqual(found?.setting, linear)
        XCTAssertLessThan(tries, 10)
        XCTAssertNil(QualityGuard.default.firstPassing([Int](), source: image, encode: { [UInt8($0)] }, decode: { blurred(Int($0[0])) }),
                     "an empty ladder has no rung to pass")
        XCTAssertNil(QualityGuard(minimumSSIM: 2).firstPassing(rungs, source: image, encode: { [UInt8($0)] }, decode: { blurred(Int($0[0])) }),
                     "nothing passes an impossible promise")
    }

    func testTransparentPixelsColourDoesNotCount() {
        var a = WebPCodecTests.gradient(alpha: true), b = a
        for index in stride(from: 0, to: a.pixels.count, by: 4) {
            a.pixels[index + 3] = index % 8 == 0 ? 0 : 255
            b.pixels[index + 3] = a.pixels[index + 3]
            if a.pixels[index + 3] == 0 { b.pixels[index] = 255 &- a.pixels[index] }  // only under transparency
        }
        XCTAssertEqual(ImageQuality.psnr(ImageQuality.premultiplied(a), ImageQuality.premultiplied(b)), .infinity)
        XCTAssertLessThan(ImageQuality.psnr(a, b), 30, "unpremultiplied, the hidden colour would count")
    }

    func testWebFormatsKeepThePromiseAndAreReproducible() throws {
        for image in [Self.detailed(), Self.detailed(alpha: true)] {
            let webp = try WebImageEncoding.webP(image)
            XCTAssertEqual(try WebImageEncoding.webP(image), webp)
            let shownWebP = ImageQuality.premultiplied(try WebPCodec.decode(webp))
            XCTAssertGreaterThanOrEqual(ImageQuality.psnr(ImageQuality.premultiplied(image), shownWebP), 38)
            let avif = try XCTUnwrap(WebImageEncoding.avif(image))
            XCTAssertEqual(WebImageEncoding.avif(image), avif)
            let shownAVIF = ImageQuality.premultiplied(try AVIFCodec.decode(avif))
            XCTAssertGreaterThanOrEqual(ImageQuality.psnr(ImageQuality.premultiplied(image), shownAVIF), 38)
            XCTAssertGreaterThanOrEqual(ImageQuality.ssim(ImageQuality.premultiplied(image), shownAVIF), 0.97)
        }
    }

    func testWebPCarriesAColourProfile() throws {
        let profile = Array("a stand-in ICC profile".utf8)
        let webp = try WebImageEncoding.webP(WebPCodecTests.gradient(), iccProfile: profile)
        XCTAssertNotNil(webp.firstRange(of: Array("ICCP".utf8)), "an ICCP chunk")
        XCTAssertNotNil(webp.firstRange(of: profile))
        XCTAssertEqual(try WebPCodec.decode(webp), try WebPCodec.decode(try WebImageEncoding.webP(WebPCodecTests.gradient())),
                       "the same pixels with and without the profile")
    }
}
