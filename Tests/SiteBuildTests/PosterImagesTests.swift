import Foundation
import Imaging
import XCTest
@testable import SiteBuild

/// The poster, its thumbnails and icon, made from the worker's full-quality render: AVIF and
/// WebP within the quality promise at every size, a transparent palette PNG beside them, the
/// same bytes every time, and whole again out of the image cache.
final class PosterImagesTests: XCTestCase {
    /// A stand-in render: a shaded disc with a soft edge on a transparent field.
    static let master: RGBAImage = {
        let size = 768
        var pixels = [UInt8](repeating: 0, count: size * size * 4)
        for y in 0 ..< size {
            for x in 0 ..< size {
                let dx = Double(x - size / 2), dy = Double(y - size / 2)
                let distance = (dx * dx + dy * dy).squareRoot() / Double(size / 3)
                guard distance < 1.02 else { continue }
                let i = (y * size + x) * 4
                let light = max(0.2, 1 - distance * 0.7 + (dx - dy) / Double(size * 2))
                pixels[i] = UInt8(min(255, 200 * light)); pixels[i + 1] = UInt8(min(255, 150 * light)); pixels[i + 2] = UInt8(min(255, 70 * light))
                pixels[i + 3] = UInt8(max(0, min(255, (1.02 - distance) / 0.02 * 255)))
            }
        }
        return RGBAImage(width: size, height: size, pixels: pixels)
    }()

    static let encoded = try! PosterImages.encode(master)

    func testEverySizeComesInThreeFormatsWithinTheQualityPromise() throws {
        let encoded = Self.encoded
        XCTAssertEqual(encoded.renditions.map(\.width), [320, 512, 768])
        for rendition in encoded.renditions {
            let source = rendition.width == 768 ? Self.master : ImageResize.downscale(Self.master, maxDimension: rendition.width, srgb: true)
            let seen = ImageQuality.premultiplied(source)
            let avif = try AVIFCodec.decode(try XCTUnwrap(rendition.avif, "\(rendition.width) px has an AVIF"))
            for (name, decoded) in [("WebP", try WebPCodec.decode(rendition.webp)), ("AVIF", avif)] {
                XCTAssertEqual([decoded.width, decoded.height], [rendition.width, rendition.height], name)
                let shown = ImageQuality.premultiplied(decoded)
                XCTAssertGreaterThanOrEqual(ImageQuality.psnr(seen, shown), 38, "\(name) at \(rendition.width) px")
                XCTAssertGreaterThanOrEqual(ImageQuality.ssim(seen, shown), 0.97, "\(name) at \(rendition.width) px")
                XCTAssertFalse(decoded.isOpaque, "\(name) keeps the transparency")
            }
            let png = try PNGCodec.decode(rendition.bytes)
            XCTAssertEqual(png.width, rendition.width)
            XCTAssertFalse(png.isOpaque)
            XCTAssertLessThan(rendition.webp.count, rendition.bytes.count, "WebP beats the palette PNG at \(rendition.width) px")
        }
        XCTAssertEqual(try PNGCodec.decode(encoded.icon).width, PosterImages.iconWidth)
    }

    func testTheSameRenderGivesTheSameBytes() throws {
        XCTAssertEqual(try PosterImages.encode(Self.master), Self.encoded)
    }

    func testTheCacheFilesGiveBackTheSameImages() throws {
        let files = Self.encoded.files
        XCTAssertEqual(Set(files.keys), ["icon.png", "320x320.png", "320x320.webp", "320x320.avif", "512x512.png", "512x512.webp",
                                         "512x512.avif", "768x768.png", "768x768.webp", "768x768.avif"])
        XCTAssertEqual(PosterImages.Encoded(files: files), Self.encoded)
        var incomplete = files
        incomplete["512x512.webp"] = nil
        XCTAssertNil(PosterImages.Encoded(files: incomplete), "an entry missing a file is encoded again")
        XCTAssertNil(PosterImages.Encoded(files: ["poster.png": Data([1])]), "an entry from the older layout is encoded again")
    }
}
