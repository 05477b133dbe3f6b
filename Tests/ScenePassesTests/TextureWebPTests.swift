import Imaging
import SceneModel
@testable import ScenePasses
import TestSupport
import XCTest

/// The web .glb's textures as WebP: colour lossy within the quality guard, normal maps lossless,
/// and an image WebP does not shrink left as it was.
final class TextureWebPTests: XCTestCase {
    static func gradient(_ width: Int, _ height: Int) -> RGBAImage {
        var pixels = [UInt8](repeating: 255, count: width * height * 4)
        for y in 0..<height {
            for x in 0..<width {
                let i = (y * width + x) * 4
                pixels[i] = UInt8(x * 255 / max(1, width - 1))
                pixels[i + 1] = UInt8(y * 255 / max(1, height - 1))
                pixels[i + 2] = UInt8((x + y) * 127 / max(1, width + height - 2))
            }
        }
        return RGBAImage(width: width, height: height, pixels: pixels)
    }

    func testColourIsLossyWithinTheGuardAndNormalsAreLossless() throws {
        let colour = Self.gradient(256, 256), normal = Self.gradient(128, 128)
        var scene = SceneFixtures.cubeScene(image: Image(name: "colour", format: .png, data: try PNGCodec.encode(colour)))
        scene.images.append(Image(name: "normal", format: .png, data: try PNGCodec.encode(normal)))
        scene.materials[0].normalTexture = TextureRef(image: 1)
        let report = encodeTexturesAsWebP(&scene)
        XCTAssertEqual(scene.images.map(\.format), [.webp, .webp])
        guard case .lossy(_, let psnr, let ssim) = report.entries[0].outcome else { return XCTFail("\(report.entries[0])") }
        XCTAssertGreaterThanOrEqual(psnr, 38)
        XCTAssertGreaterThanOrEqual(ssim, 0.97)
        XCTAssertGreaterThanOrEqual(ImageQuality.psnr(colour, try WebPCodec.decode(scene.images[0].data)), 38)
        XCTAssertEqual(report.entries[1].outcome, .nearLossless(level: WebPOptions.default.normalMapNearLossless))
        let decodedNormal = try WebPCodec.decode(scene.images[1].data)
        let largestChange = zip(decodedNormal.pixels, normal.pixels).map { abs(Int($0) - Int($1)) }.max() ?? 0
        XCTAssertLessThanOrEqual(largestChange, 4, "a normal map's values move by a few levels at most")
        XCTAssertLessThan(report.bytesAfter, report.bytesBefore)

    }

    func testImagesWebPCannotImproveAreKept() throws {
        // A flat gradient compresses better as PNG than as WebP; a WebP stays; garbage stays.
        var pixels = [UInt8](repeating: 255, count: 64 * 64 * 4)
        for index in stride(from: 0, to: pixels.count, by: 4) { pixels[index] = UInt8(index / 4 % 64 * 4); pixels[index + 1] = UInt8(index / 256 * 4) }
        let png = try PNGCodec.encode(RGBAImage(width: 64, height: 64, pixels: pixels))
        var scene = SceneFixtures.cubeScene(image: Image(name: "flat", format: .png, data: png))
        scene.images.append(Image(name: "already", format: .webp, data: try WebPCodec.encodeLossless(Self.gradient(8, 8))))
        scene.images.append(Image(name: "garbage", format: .png, data: [1, 2, 3]))
        let before = scene.images
        let report = encodeTexturesAsWebP(&scene)
        XCTAssertEqual(scene.images, before)
        XCTAssertEqual(report.entries.map(\.outcome), [.kept("WebP is not smaller"), .kept("already WebP"), .kept("could not be read")])
    }
}
