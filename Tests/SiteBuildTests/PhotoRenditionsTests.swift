import Foundation
import Imaging
import SiteRender
import TestSupport
import XCTest
@testable import SiteBuild

final class PhotoRenditionsTests: XCTestCase {
    /// Smooth gradients (so linear-light and naive averaging agree) over a warm base colour.
    static func gradient(width: Int, height: Int, alpha: ((Int, Int) -> UInt8)? = nil) -> RGBAImage {
        var pixels = [UInt8](repeating: 0, count: width * height * 4)
        pixels.withUnsafeMutableBufferPointer { p in
            for y in 0..<height {
                let green = UInt8(40 + 120 * y / max(1, height - 1))
                for x in 0..<width {
                    let i = (y * width + x) * 4
                    p[i] = UInt8(60 + 160 * x / max(1, width - 1))
                    p[i + 1] = green
                    p[i + 2] = 90
                    p[i + 3] = alpha?(x, y) ?? 255
                }
            }
        }
        return RGBAImage(width: width, height: height, pixels: pixels)
    }

    /// One 2000×1500 photo and its renditions, made once: resizing in a debug build takes a moment.
    static let large: (source: [UInt8], renditions: [PhotoRenditions.Rendition]) = {
        let source = try! JPEGCodec.encode(gradient(width: 2000, height: 1500), quality: 92)
        return (source, try! PhotoRenditions.make(source, path: "content/places/hoang-hon.jpg"))
    }()

    static func mean(_ image: RGBAImage) -> SIMD3<Double> {
        var r = 0, g = 0, b = 0
        image.pixels.withUnsafeBufferPointer { p in
            for i in stride(from: 0, to: p.count, by: 4) { r += Int(p[i]); g += Int(p[i + 1]); b += Int(p[i + 2]) }
        }
        return SIMD3(Double(r), Double(g), Double(b)) / Double(image.width * image.height)
    }

    func testLargePhotoGivesThreeWidthsKeepingAspectAndColour() throws {
        let (source, renditions) = Self.large
        XCTAssertEqual(renditions.map(\.width), [480, 960, 1440])
        XCTAssertEqual(renditions.map(\.height), [360, 720, 1080])
        let original = Self.mean(try JPEGCodec.decode(source))
        for rendition in renditions {
            XCTAssertEqual(rendition.fileExtension, "jpg")
            XCTAssertEqual(ImageDecoder.sniff(rendition.bytes), .jpeg)
            let decoded = try ImageDecoder.decode(rendition.bytes)
            XCTAssertEqual(decoded.width, rendition.width)
            XCTAssertEqual(decoded.height, rendition.height)
            let mean = Self.mean(decoded)
            for channel in 0..<3 {
                XCTAssertEqual(mean[channel], original[channel], accuracy: 3, "\(rendition.width) px, channel \(channel)")
            }
            // A corner keeps its colour: no channel swap, no gamma shift.
            let corner = decoded[decoded.width - 4, decoded.height - 4]
            XCTAssertEqual(Double(corner.x), 219, accuracy: 6)
            XCTAssertEqual(Double(corner.y), 159, accuracy: 6)
            XCTAssertEqual(Double(corner.z), 90, accuracy: 6)
        }
        XCTAssertLessThan(renditions[0].bytes.count, renditions[2].bytes.count)
    }

    func testEveryWidthAlsoComesAsWebPAndAVIFThatLookTheSame() throws {
        for rendition in Self.large.renditions {
            let jpeg = try JPEGCodec.decode(rendition.bytes)
            let webp = try WebPCodec.decode(rendition.webp)
            let avif = try AVIFCodec.decode(try XCTUnwrap(rendition.avif, "\(rendition.width) px has an AVIF"))
            for (name, decoded) in [("WebP", webp), ("AVIF", avif)] {
                XCTAssertEqual([decoded.width, decoded.height], [rendition.width, rendition.height], name)
                // Each is held to PSNR 38 against the scaled photo; the JPEG is a lossy copy of
                // that too, so against it a little less is allowed.
                XCTAssertGreaterThan(ImageQuality.psnr(jpeg, decoded), 35, "\(name) at \(rendition.width) px")
            }
            XCTAssertLessThan(rendition.webp.count, rendition.bytes.count, "WebP is smaller than the JPEG at \(rendition.width) px")
            XCTAssertLessThan(rendition.avif!.count, rendition.webp.count, "AVIF is smaller than the WebP at \(rendition.width) px")
        }
    }

    func testSmallPhotoGivesOneRenditionAtItsOwnWidth() throws {
        let source = try JPEGCodec.encode(Self.gradient(width: 300, height: 200), quality: 90)
        let renditions = try PhotoRenditions.make(source, path: "content/places/nho.jpg")
        XCTAssertEqual(renditions.count, 1)
        XCTAssertEqual(renditions[0].width, 300)
        XCTAssertEqual(renditions[0].height, 200)
        XCTAssertEqual(renditions[0].fileExtension, "jpg")
        XCTAssertEqual(try JPEGCodec.decode(renditions[0].bytes).width, 300)
    }

    func testWidthsAreOnlyThoseNarrowerThanThePhoto() {
        XCTAssertEqual(PhotoRenditions.targetWidths(forWidth: 4032), [480, 960, 1440])
        XCTAssertEqual(PhotoRenditions.targetWidths(forWidth: 1440), [480, 960])
        XCTAssertEqual(PhotoRenditions.targetWidths(forWidth: 481), [480])
        XCTAssertEqual(PhotoRenditions.targetWidths(forWidth: 480), [480])
        XCTAssertEqual(PhotoRenditions.targetWidths(forWidth: 1), [1])
    }

    func testPortraitPhotoKeepsExactWidths() throws {
        let source = try PNGCodec.encode(Self.gradient(width: 1001, height: 1333))
        let renditions = try PhotoRenditions.make(source, path: "content/places/doc.png")
        XCTAssertEqual(renditions.map(\.width), [480, 960])
        XCTAssertEqual(renditions.map(\.height), [639, 1278])  // 1333 × 480 / 1001 = 639.2
        XCTAssertEqual(renditions.map(\.fileExtension), ["jpg", "jpg"], "an opaque PNG photo becomes a JPEG")
    }

    func testPNGWithAlphaStaysPNGWithAlpha() throws {
        let image = Self.gradient(width: 600, height: 400) { x, _ in x < 300 ? 255 : UInt8(40) }
        let renditions = try PhotoRenditions.make(try PNGCodec.encode(image), path: "content/products/logo.png")
        XCTAssertEqual(renditions.map(\.width), [480])
        XCTAssertEqual(renditions[0].height, 320)
        XCTAssertEqual(renditions[0].fileExtension, "png")
        XCTAssertEqual(ImageDecoder.sniff(renditions[0].bytes), .png)
        let decoded = try PNGCodec.decode(renditions[0].bytes)
        XCTAssertFalse(decoded.isOpaque)
        XCTAssertEqual(decoded[10, 10].w, 255)
        XCTAssertEqual(Int(decoded[470, 10].w), 40, accuracy: 1)
    }

    func testUndecodableBytesAreAnErrorNamingTheFile() throws {
        let truncatedJPEG = Array(try JPEGCodec.encode(Self.gradient(width: 64, height: 64)).prefix(20))
        let cases: [(String, [UInt8])] = [
            ("content/places/x.jpg", Array("this is not a photo".utf8)),
            ("content/places/empty.jpg", []),
            ("content/places/cut.jpg", truncatedJPEG),
            ("content/places/anh.heic", [0, 0, 0, 0x18] + Array("ftypheic".utf8) + [UInt8](repeating: 0, count: 64)),
        ]
        for (path, bytes) in cases {
            XCTAssertThrowsError(try PhotoRenditions.make(bytes, path: path), path) { error in
                let text = "\(error)"
                XCTAssertTrue(text.hasPrefix("\(path): not a photo the build can read ("), text)
                XCTAssertTrue(text.hasSuffix("); expected a JPEG or PNG"), text)
            }
        }
    }

    func testOutputIsDeterministic() throws {
        let source = try JPEGCodec.encode(Self.gradient(width: 1000, height: 750), quality: 90)
        let first = try PhotoRenditions.make(source, path: "content/places/a.jpg")
        let second = try PhotoRenditions.make(source, path: "content/places/b.jpg")
        XCTAssertEqual(first.map(\.width), [480, 960])
        XCTAssertEqual(first, second)
        let alpha = try PNGCodec.encode(Self.gradient(width: 700, height: 500) { x, y in UInt8((x + y) % 256) })
        XCTAssertEqual(try PhotoRenditions.make(alpha, path: "a.png"), try PhotoRenditions.make(alpha, path: "a.png"))
    }

    // MARK: - What a re-encoded phone photo keeps

    /// `jpeg` with an APP1 Exif segment (big-endian TIFF, one IFD entry: Orientation) after SOI.
    static func withOrientation(_ orientation: UInt8, _ jpeg: [UInt8]) -> [UInt8] {
        let tiff: [UInt8] = [0x4D, 0x4D, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, 0, 0, 0, 0, 0]
        let payload = Array("Exif\0\0".utf8) + tiff
        let length = payload.count + 2
        return [0xFF, 0xD8, 0xFF, 0xE1, UInt8(length >> 8), UInt8(length & 0xFF)] + payload + jpeg.dropFirst(2)
    }

    func testEXIFOrientationIsApplied() throws {
        // Stored landscape, left half red, right half blue; orientation 6 means "turn 90° clockwise".
        var stored = RGBAImage(width: 600, height: 400, fill: SIMD4(30, 40, 220, 255))
        for y in 0..<400 { for x in 0..<300 { stored[x, y] = SIMD4(220, 40, 30, 255) } }
        let jpeg = Self.withOrientation(6, try JPEGCodec.encode(stored, quality: 90))
        XCTAssertEqual(JPEGMetadata.orientation(jpeg), 6)
        let renditions = try PhotoRenditions.make(jpeg, path: "content/places/dung.jpg")
        XCTAssertEqual(renditions.map(\.width), [400])
        XCTAssertEqual(renditions[0].height, 600)
        let upright = try JPEGCodec.decode(renditions[0].bytes)
        XCTAssertGreaterThan(upright[200, 100].x, 150, "the stored left half is on top")
        XCTAssertGreaterThan(upright[200, 500].z, 150, "the stored right half is at the bottom")

        let image = RGBAImage(width: 3, height: 2, pixels: (0..<24).map { UInt8($0) })
        func ids(_ image: RGBAImage) -> [Int] { stride(from: 0, to: image.pixels.count, by: 4).map { Int(image.pixels[$0]) / 4 } }
        // Stored 0 1 2 / 3 4 5.
        XCTAssertEqual(ids(PhotoRenditions.upright(image, orientation: 1)), [0, 1, 2, 3, 4, 5])
        XCTAssertEqual(ids(PhotoRenditions.upright(image, orientation: 2)), [2, 1, 0, 5, 4, 3])
        XCTAssertEqual(ids(PhotoRenditions.upright(image, orientation: 3)), [5, 4, 3, 2, 1, 0])
        XCTAssertEqual(ids(PhotoRenditions.upright(image, orientation: 4)), [3, 4, 5, 0, 1, 2])
        XCTAssertEqual(ids(PhotoRenditions.upright(image, orientation: 5)), [0, 3, 1, 4, 2, 5])
        XCTAssertEqual(ids(PhotoRenditions.upright(image, orientation: 6)), [3, 0, 4, 1, 5, 2])
        XCTAssertEqual(ids(PhotoRenditions.upright(image, orientation: 7)), [5, 2, 4, 1, 3, 0])
        XCTAssertEqual(ids(PhotoRenditions.upright(image, orientation: 8)), [2, 5, 1, 4, 0, 3])
        XCTAssertEqual(PhotoRenditions.upright(image, orientation: 8).width, 2)
    }

    func testRGBColourProfileIsCarriedOver() throws {
        func app2(_ space: String) -> [UInt8] {
            var profile = [UInt8](repeating: 0, count: 132)
            profile.replaceSubrange(16..<20, with: Array(space.utf8))
            let payload = Array("ICC_PROFILE\0".utf8) + [1, 1] + profile
            return [0xFF, 0xE2, UInt8((payload.count + 2) >> 8), UInt8((payload.count + 2) & 0xFF)] + payload
        }
        let plain = try JPEGCodec.encode(Self.gradient(width: 200, height: 100), quality: 90)
        for (space, kept) in [("RGB ", true), ("CMYK", false)] {
            let segment = app2(space)
            let source = [0xFF, 0xD8] + segment + plain.dropFirst(2)
            let output = try XCTUnwrap(try PhotoRenditions.make(source, path: "content/places/p3.jpg").first).bytes
            let segments = JPEGMetadata.segments(output).filter { $0.marker == 0xE2 }.map { Array(output[$0.whole]) }
            XCTAssertEqual(segments, kept ? [segment] : [], space)
            XCTAssertEqual(try JPEGCodec.decode(output).width, 200)
            // The WebP and AVIF beside it carry the same profile (an ICCP chunk; a colr box).
            let rendition = try XCTUnwrap(try PhotoRenditions.make(source, path: "content/places/p3.jpg").first)
            let profile = Array(segment.dropFirst(4 + 12 + 2))
            XCTAssertEqual(rendition.webp.firstRange(of: Array("ICCP".utf8)) != nil, kept, space)
            XCTAssertEqual(rendition.webp.firstRange(of: profile) != nil, kept, space)
            XCTAssertEqual(try XCTUnwrap(rendition.avif).firstRange(of: Array("colrprof".utf8) + profile) != nil, kept, space)
        }
    }

    // MARK: - In a build

    func writePhoto(_ project: FixtureProject, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: project.root.appendingPathComponent("content/places/anh.jpg"))
    }

    func addPlaceWithPhoto(_ project: FixtureProject) throws {
        try project.write("content/places/cho.md", "---\ntitle: Chợ\nphotos: [anh.jpg]\n---\nNội dung.\n")
        try writePhoto(project, try JPEGCodec.encode(Self.gradient(width: 1200, height: 900), quality: 90))
    }

    func testBuildPublishesRenditionsAndTheGalleryUsesThem() throws {
        let project = try FixtureProject()
        defer { project.remove() }
        try addPlaceWithPhoto(project)
        let cacheFolder = project.root.appendingPathComponent("cache")
        _ = try project.builder(cache: cacheFolder).build()
        let files = try FileManager.default.contentsOfDirectory(atPath: project.output.appendingPathComponent("assets/photos").path).sorted()
        func named(_ width: Int, _ format: String) throws -> String {
            try XCTUnwrap(files.first { $0.hasPrefix("anh-\(width).") && $0.hasSuffix("." + format) }, "anh-\(width) as \(format) in \(files)")
        }
        XCTAssertEqual(files.count, 6, "two widths, three formats: \(files)")
        let photos = [try named(480, "jpg"), try named(960, "jpg")]
        let html = try String(contentsOf: project.output.appendingPathComponent("places/cho/index.html"), encoding: .utf8)
        XCTAssertTrue(html.contains("srcset=\"/assets/photos/\(photos[0]) 480w, /assets/photos/\(photos[1]) 960w\""), html)
        XCTAssertTrue(html.contains("src=\"/assets/photos/\(photos[0])\""))
        XCTAssertTrue(html.contains("width=\"480\" height=\"360\" loading=\"lazy\""))
        XCTAssertTrue(html.contains("<meta property=\"og:image\" content=\"https://test.example.vn/assets/photos/\(photos[1])\">"), "shared as JPEG")
        for format in ["avif", "webp"] {
            XCTAssertTrue(html.contains("<source type=\"image/\(format)\" srcset=\"/assets/photos/\(try named(480, format)) 480w, /assets/photos/\(try named(960, format)) 960w\""), format)
        }

        // A second build takes the renditions from the image cache: same files, and its entry is kept.
        let cache = cacheFolder.appendingPathComponent("images")
        let entries = try FileManager.default.contentsOfDirectory(atPath: cache.path).sorted()
        XCTAssertFalse(entries.isEmpty)
        _ = try project.builder(cache: cacheFolder).build()
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: project.output.appendingPathComponent("assets/photos").path).sorted(), files)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: cache.path).sorted(), entries, "nothing pruned, nothing new")
    }

    func testUndecodablePhotoFailsTheBuildKeepingTheOutput() throws {
        let project = try FixtureProject()
        defer { project.remove() }
        try addPlaceWithPhoto(project)
        _ = try project.builder().build()
        let before = Snapshot.files(project.output)
        try writePhoto(project, Array("<html>not a photo</html>".utf8))
        XCTAssertThrowsError(try project.builder().build()) { error in
            XCTAssertTrue("\(error)".contains("content/places/anh.jpg: not a photo the build can read ("), "\(error)")
            XCTAssertTrue("\(error)".contains("expected a JPEG or PNG"), "\(error)")
        }
        XCTAssertEqual(Snapshot.files(project.output), before, "previous output untouched")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: project.root.path).filter { $0.hasPrefix("._site") }
        XCTAssertEqual(leftovers, [])
    }
}
