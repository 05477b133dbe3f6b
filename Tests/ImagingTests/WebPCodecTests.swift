import Imaging
import XCTest

/// WebP through libwebp, and the two measures the texture quality guard uses.
final class WebPCodecTests: XCTestCase {
    /// A smooth photo-like image: gradients and a soft disc.
    static func gradient(width: Int = 128, height: Int = 96, alpha: Bool = false) -> RGBAImage {
        var pixels = [UInt8](repeating: 0, count: width * height * 4)
        for y in 0..<height {
            for x in 0..<width {
                let i = (y * width + x) * 4
                let dx = Double(x - width / 2), dy = Double(y - height / 2)
                let disc = max(0, 1 - (dx * dx + dy * dy).squareRoot() / Double(width / 3))
                pixels[i] = UInt8(Double(x) / Double(width) * 200 + disc * 55)
                pixels[i + 1] = UInt8(Double(y) / Double(height) * 180 + disc * 60)
                pixels[i + 2] = UInt8(90 + disc * 120)
                pixels[i + 3] = alpha ? UInt8(Double(x) / Double(width) * 255) : 255
            }
        }
        return RGBAImage(width: width, height: height, pixels: pixels)
    }

    func testLossyRoundTripKeepsTheLookAndTheBytesAreReproducible() throws {
        let image = Self.gradient()
        let bytes = try WebPCodec.encodeLossy(image, quality: 90, keepAlpha: false)
        XCTAssertTrue(WebPCodec.isWebP(bytes))
        XCTAssertEqual(try WebPCodec.encodeLossy(image, quality: 90, keepAlpha: false), bytes, "same pixels, same bytes")
        let decoded = try WebPCodec.decode(bytes)
        XCTAssertEqual(decoded.width, 128)
        XCTAssertEqual(decoded.height, 96)
        XCTAssertGreaterThan(ImageQuality.psnr(image, decoded), 38)
        XCTAssertGreaterThan(ImageQuality.ssim(image, decoded), 0.97)
        XCTAssertEqual(try ImageDecoder.decode(bytes), decoded, "the general decoder recognises WebP")
    }

    func testAlphaIsKeptAndLosslessIsExact() throws {
        let image = Self.gradient(alpha: true)
        let lossy = try WebPCodec.decode(try WebPCodec.encodeLossy(image, quality: 85, keepAlpha: true))
        for index in stride(from: 3, to: image.pixels.count, by: 4) { XCTAssertEqual(lossy.pixels[index], image.pixels[index]) }
        XCTAssertEqual(try WebPCodec.decode(try WebPCodec.encodeLossless(Self.gradient())), Self.gradient(), "lossless is exact")
        // With alpha, libwebp may change the colour of fully transparent pixels (never seen).
        let lossless = try WebPCodec.decode(try WebPCodec.encodeLossless(image))
        for index in stride(from: 0, to: image.pixels.count, by: 4) where image.pixels[index + 3] > 0 {
            XCTAssertEqual(Array(lossless.pixels[index ..< index + 4]), Array(image.pixels[index ..< index + 4]))
        }
    }

    func testNearLosslessMovesValuesByAFewLevelsAtMost() throws {
        let image = Self.gradient(width: 96, height: 64)
        let bytes = try WebPCodec.encodeNearLossless(image, level: 60)
        XCTAssertEqual(try WebPCodec.encodeNearLossless(image, level: 60), bytes, "same pixels, same bytes")
        let decoded = try WebPCodec.decode(bytes)
        XCTAssertLessThanOrEqual(zip(decoded.pixels, image.pixels).map { abs(Int($0) - Int($1)) }.max() ?? 0, 4)
    }

    func testDamagedDataIsAnErrorNotACrash() {
        XCTAssertThrowsError(try WebPCodec.decode(Array("RIFF\u{0}\u{0}\u{0}\u{0}WEBPVP8 garbage".utf8)))
        XCTAssertThrowsError(try WebPCodec.decode([]))
    }

    func testQualityMeasures() {
        let image = Self.gradient()
        XCTAssertEqual(ImageQuality.psnr(image, image), .infinity)
        XCTAssertEqual(ImageQuality.ssim(image, image), 1, accuracy: 1e-9)
        var noisy = image
        for index in stride(from: 0, to: noisy.pixels.count, by: 4) { noisy.pixels[index] = noisy.pixels[index] &+ UInt8(index / 4 % 7) }
        let psnr = ImageQuality.psnr(image, noisy)
        XCTAssertGreaterThan(psnr, 30)
        XCTAssertLessThan(psnr, 50)
        XCTAssertLessThan(ImageQuality.ssim(image, noisy), 1)
    }
}
