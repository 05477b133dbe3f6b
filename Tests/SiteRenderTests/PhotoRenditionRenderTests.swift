import Foundation
import SiteContent
import XCTest
@testable import SiteRender

/// Photos are served as renditions (`PhotoAsset`): every use gets `srcset`/`sizes` and its size.
final class PhotoRenditionRenderTests: XCTestCase {
    var site: [String: String] = [:]

    override func setUpWithError() throws {
        site = try Fixture.render()
    }

    private func page(_ path: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try XCTUnwrap(site[path], "no page \(path)", file: file, line: line)
    }

    private func gallery(_ path: String) throws -> [[String: String]] {
        let html = try page(path)
        let list = try XCTUnwrap(html.components(separatedBy: "<ul class=\"gallery\">").dropFirst().first?
            .components(separatedBy: "</ul>").first, "\(path) has no gallery")
        return tags("img", in: list)
    }

    private func srcset(_ asset: PhotoAsset) -> String {
        asset.variants.map { "\($0.src) \($0.width)w" }.joined(separator: ", ")
    }

    func testGalleryImagesHaveSrcsetSizesAndDimensions() throws {
        let images = try gallery("en/places/dam-cau-hai/index.html")
        XCTAssertEqual(images.count, 2)
        let sunset = try XCTUnwrap(Fixture.photos["content/places/hoang-hon.jpg"])
        let boat = try XCTUnwrap(Fixture.photos["content/places/thuyen.jpg"])
        for (image, asset) in zip(images, [sunset, boat]) {
            XCTAssertEqual(image["src"], asset.src)
            XCTAssertEqual(image["srcset"], srcset(asset))
            for variant in asset.variants { XCTAssertTrue(image["srcset"]!.contains("\(variant.src) \(variant.width)w")) }
            XCTAssertEqual(image["sizes"], PageBuilder.gallerySizes)
            XCTAssertEqual(image["width"], String(asset.width))
            XCTAssertEqual(image["height"], String(asset.height))
            XCTAssertEqual(image["loading"], "lazy")
            XCTAssertEqual(image["decoding"], "async")
            XCTAssertNotNil(image["alt"])
        }
        XCTAssertEqual(images[0]["src"], "/assets/photos/hoang-hon-960.11111111.jpg")
        XCTAssertEqual(images[0]["srcset"], "/assets/photos/hoang-hon-480.11111111.jpg 480w, "
            + "/assets/photos/hoang-hon-960.11111111.jpg 960w, /assets/photos/hoang-hon-1440.11111111.jpg 1440w")
        XCTAssertEqual(images[0]["width"], "960")
        XCTAssertEqual(images[0]["height"], "720")
    }

    func testSingleRenditionHasNoSrcsetButKeepsItsSize() throws {
        let image = try XCTUnwrap(try gallery("en/products/dua-luoi/index.html").first)
        XCTAssertEqual(image["src"], "/assets/photos/dua-luoi-300.33333333.jpg")
        XCTAssertNil(image["srcset"])
        XCTAssertNil(image["sizes"])
        XCTAssertEqual(image["width"], "300")
        XCTAssertEqual(image["height"], "225")
    }

    func testCardFromPhotoHasSrcsetAndSize() throws {
        let card = try XCTUnwrap(tags("img", in: try page("en/places/index.html")).first { $0["src"]?.contains("/photos/") == true })
        XCTAssertEqual(card["src"], "/assets/photos/hoang-hon-960.11111111.jpg")
        XCTAssertEqual(card["srcset"], srcset(Fixture.photos["content/places/hoang-hon.jpg"]!))
        XCTAssertEqual(card["sizes"], PageBuilder.cardSizes)
        XCTAssertEqual(card["width"], "960")
        XCTAssertEqual(card["height"], "720")
        XCTAssertNil(card["class"], "a photo is cropped to the card, not shown whole like a poster")
    }

    func testSharedLinkUsesTheLargestRendition() throws {
        let meta = tags("meta", in: try page("en/places/dam-cau-hai/index.html"))
        func property(_ name: String) -> String? { meta.first { $0["property"] == name }?["content"] }
        XCTAssertEqual(property("og:image"), "https://vinhhung.example.vn/assets/photos/hoang-hon-1440.11111111.jpg")
        XCTAssertEqual(property("og:image:width"), "1440")
        XCTAssertEqual(property("og:image:height"), "1080")
    }

    func testModelFallbackFromPhotoHasSrcset() throws {
        let html = try page("en/places/dam-cau-hai/index.html")
        let image = try XCTUnwrap(tags("img", in: try viewerPoster(in: html)).first)
        XCTAssertEqual(image["src"], "/assets/photos/hoang-hon-960.11111111.jpg")
        XCTAssertEqual(image["srcset"], srcset(Fixture.photos["content/places/hoang-hon.jpg"]!))
        XCTAssertEqual(image["sizes"], PageBuilder.viewerSizes)
        XCTAssertEqual(image["width"], "960")
        XCTAssertEqual(image["height"], "720")
    }

    func testPhotoAssetPicksTheMiddleRendition() throws {
        let asset = try XCTUnwrap(PhotoAsset(variants: [
            ImageVariant(src: "/c.jpg", width: 1440, height: 960),
            ImageVariant(src: "/a.jpg", width: 480, height: 320),
            ImageVariant(src: "/b.jpg", width: 960, height: 640),
        ]))
        XCTAssertEqual(asset.variants.map(\.width), [480, 960, 1440])
        XCTAssertEqual(asset.src, "/b.jpg")
        XCTAssertEqual(asset.width, 960)
        XCTAssertEqual(asset.height, 640)
        XCTAssertEqual(asset.largest.src, "/c.jpg")
        XCTAssertNil(PhotoAsset(variants: []))
    }
}
