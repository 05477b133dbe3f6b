import Foundation
import SceneModel
import SiteContent
import XCTest
@testable import SiteRender

/// Posters with thumbnails, the camera the poster was taken from, and sharing cards in the head.
final class PosterAndSharingTests: XCTestCase {
    /// The fixture with a poster and two thumbnails for the melon, a camera orbit on it, and
    /// a sharing card for its Vietnamese page only.
    func render() throws -> [String: String] {
        var input = try Fixture.inputWithMelonPoster()
        input.content.products[0].model?.cameraOrbit = CameraOrbit(theta: -.pi / 4, phi: .pi / 3, radius: .relative(1.2))
        input.sharingCards[SharingCardKey(sourcePath: "content/products/dua-luoi.md", language: "vi")] =
            ImageVariant(src: "/assets/cards/product-dua-luoi.vi.dd.jpg", width: 1200, height: 630)
        return try Fixture.render(input)
    }

    func testSharingCardIsTheOpenGraphAndTwitterImage() throws {
        let html = try XCTUnwrap(try render()["products/dua-luoi/index.html"])
        let metas = tags("meta", in: html)
        func meta(_ key: String) -> String? { metas.first { $0["property"] == key || $0["name"] == key }?["content"] }
        XCTAssertEqual(meta("og:image"), "https://vinhhung.example.vn/assets/cards/product-dua-luoi.vi.dd.jpg")
        XCTAssertEqual(meta("og:image:width"), "1200")
        XCTAssertEqual(meta("og:image:height"), "630")
        XCTAssertEqual(meta("og:image:alt"), "Dưa lưới Vinh Hưng")
        XCTAssertEqual(meta("twitter:card"), "summary_large_image")
        XCTAssertEqual(meta("twitter:image"), meta("og:image"))
    }

    func testWithoutACardThePosterIsShared() throws {
        let html = try XCTUnwrap(try render()["en/products/dua-luoi/index.html"])
        let metas = tags("meta", in: html)
        XCTAssertEqual(metas.first { $0["property"] == "og:image" }?["content"],
                       "https://vinhhung.example.vn/assets/models/dua-luoi.poster.aa.png")
        XCTAssertEqual(metas.first { $0["property"] == "og:image:width" }?["content"], "768")
    }

    func testPageWithoutAnyImageIsASmallCard() throws {
        let html = try XCTUnwrap(try render()["gioi-thieu/index.html"])
        let metas = tags("meta", in: html)
        XCTAssertNil(metas.first { $0["property"] == "og:image" })
        XCTAssertEqual(metas.first { $0["name"] == "twitter:card" }?["content"], "summary")
    }

    func testPagesWithoutAPictureShareTheSitesCard() throws {
        var input = Fixture.input()
        input.siteCards["en"] = ImageVariant(src: "/assets/cards/site.en.ee.jpg", width: 1200, height: 630)
        let site = try Fixture.render(input)
        for path in ["en/index.html", "en/places/index.html", "en/gioi-thieu/index.html"] {
            let metas = tags("meta", in: try XCTUnwrap(site[path]))
            XCTAssertEqual(metas.first { $0["property"] == "og:image" }?["content"], "https://vinhhung.example.vn/assets/cards/site.en.ee.jpg", path)
            XCTAssertEqual(metas.first { $0["name"] == "twitter:card" }?["content"], "summary_large_image", path)
        }
        let vi = tags("meta", in: try XCTUnwrap(site["index.html"]))
        XCTAssertNil(vi.first { $0["property"] == "og:image" }, "no Vietnamese site card in this input")
    }

    func testViewerStartsWhereThePosterWasTaken() throws {
        let site = try render()
        let melon = try XCTUnwrap(tags("model-viewer", in: try XCTUnwrap(site["products/dua-luoi/index.html"])).first)
        XCTAssertEqual(melon["camera-orbit"], "-45deg 60deg 120%")
        XCTAssertEqual(melon["poster"], "/assets/models/dua-luoi.poster.aa.png", "without WebP, the PNG")
        XCTAssertEqual(tags("img", in: try viewerPoster(in: try XCTUnwrap(site["products/dua-luoi/index.html"]))).first?["srcset"]?
            .contains("/assets/models/dua-luoi.poster.aa.png 768w"), true)
        // No orbit in front matter: the three-quarter view posters are taken from by default.
        let boat = try XCTUnwrap(tags("model-viewer", in: try XCTUnwrap(site["places/dam-cau-hai/index.html"])).first)
        XCTAssertEqual(boat["camera-orbit"], CameraOrbit.threeQuarter.attributeValue)
        XCTAssertEqual(boat["camera-orbit"], "30deg 68deg 105%")
    }

    func testFallbackPictureHasEveryRenditionAndItsSize() throws {
        let html = try XCTUnwrap(try render()["products/dua-luoi/index.html"])
        let picture = try XCTUnwrap(tags("img", in: try viewerPoster(in: html)).first)
        XCTAssertEqual(picture["srcset"], "/assets/models/dua-luoi.320.bb.png 320w, /assets/models/dua-luoi.512.cc.png 512w, "
                       + "/assets/models/dua-luoi.poster.aa.png 768w")
        XCTAssertNotNil(picture["sizes"])
        XCTAssertEqual(picture["src"], "/assets/models/dua-luoi.512.cc.png")
        XCTAssertEqual(picture["width"], "512")
        XCTAssertEqual(picture["height"], "512")
        // The iOS AR button's icon is the smallest rendition when the build made no icon.
        let fallback = try XCTUnwrap(html.components(separatedBy: "class=\"viewer-fallback\"").last)
        XCTAssertTrue(tags("img", in: fallback).contains { $0["src"] == "/assets/models/dua-luoi.320.bb.png" && $0["width"] == "28" })
    }

    func testListCardsUseThumbnailsWithSizeAndShowThePosterWhole() throws {
        let list = try XCTUnwrap(try render()["products/index.html"])
        let image = try XCTUnwrap(tags("img", in: list).first { $0["src"]?.contains("dua-luoi") ?? false })
        XCTAssertEqual(image["class"], "poster")
        XCTAssertEqual(image["width"], "512")
        XCTAssertEqual(image["height"], "512")
        XCTAssertEqual(image["loading"], "lazy")
        XCTAssertTrue(image["srcset"]?.hasPrefix("/assets/models/dua-luoi.320.bb.png 320w") ?? false, image["srcset"] ?? "nil")
        XCTAssertEqual(image["sizes"], PageBuilder.cardSizes)
    }
}
