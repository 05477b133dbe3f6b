import Foundation
import SiteContent
import XCTest
@testable import SiteRender

/// Posters, thumbnails and photos that have AVIF and WebP renditions are served in `<picture>`:
/// AVIF first, then WebP, each with its widths and the same `sizes` as the `<img>`, which keeps
/// the PNG or JPEG every browser reads. Without them the `<img>` stands alone.
final class PictureSourcesTests: XCTestCase {
    static let sunset = "content/places/hoang-hon.jpg"

    /// The melon's poster with AVIF and WebP at two of its three widths, and the sunset photo with WebP only.
    func render() throws -> [String: String] {
        var input = try Fixture.inputWithMelonPoster()
        var assets = try XCTUnwrap(input.models[Fixture.melon])
        assets.posterFormats = ModernFormats(
            avif: [ImageVariant(src: "/assets/models/dua-luoi.320.cc.avif", width: 320, height: 320),
                   ImageVariant(src: "/assets/models/dua-luoi.poster.dd.avif", width: 768, height: 768)],
            webp: [ImageVariant(src: "/assets/models/dua-luoi.320.ee.webp", width: 320, height: 320),
                   ImageVariant(src: "/assets/models/dua-luoi.poster.ff.webp", width: 768, height: 768)])
        assets.icon = "/assets/models/dua-luoi.icon.99.png"
        input.models[Fixture.melon] = assets
        var sunset = try XCTUnwrap(input.photos[Self.sunset])
        sunset.formats = ModernFormats(webp: sunset.variants.map { ImageVariant(src: $0.src + ".webp", width: $0.width, height: $0.height) })
        input.photos[Self.sunset] = sunset
        return try Fixture.render(input)
    }

    /// The `<source>` tags of the first `<picture>` in `html`, in order.
    func sources(in html: String) throws -> [[String: String]] {
        let picture = try XCTUnwrap(html.components(separatedBy: "<picture>").dropFirst().first?.components(separatedBy: "</picture>").first)
        return tags("source", in: picture)
    }

    func testTheViewerPictureOffersAVIFThenWebPThenThePNG() throws {
        let html = try XCTUnwrap(try render()["products/dua-luoi/index.html"])
        // `poster=` stays (CONTENT.md promises it) and names the full-size WebP; what shows is the slot.
        XCTAssertEqual(tags("model-viewer", in: html).first?["poster"], "/assets/models/dua-luoi.poster.ff.webp")
        let poster = try viewerPoster(in: html)
        let sources = try self.sources(in: poster)
        XCTAssertEqual(sources.map { $0["type"] }, ["image/avif", "image/webp"])
        XCTAssertEqual(sources[0]["srcset"], "/assets/models/dua-luoi.320.cc.avif 320w, /assets/models/dua-luoi.poster.dd.avif 768w")
        XCTAssertEqual(sources[1]["srcset"], "/assets/models/dua-luoi.320.ee.webp 320w, /assets/models/dua-luoi.poster.ff.webp 768w")
        let image = try XCTUnwrap(tags("img", in: poster).first)
        XCTAssertEqual(sources.map { $0["sizes"] }, [image["sizes"], image["sizes"]])
        XCTAssertTrue(image["srcset"]?.contains("dua-luoi.poster.aa.png 768w") ?? false)
        // The Quick Look link's first child is the picture, which ends before the link does.
        XCTAssertTrue(html.contains("slot=\"poster\" class=\"viewer-poster\"><picture><source type=\"image/avif\""))
        XCTAssertTrue(poster.contains("</picture></a>"))
        // The AR button's icon is the icon-size rendition.
        let fallback = try XCTUnwrap(html.components(separatedBy: "class=\"viewer-fallback\"").last)
        XCTAssertTrue(tags("img", in: fallback).contains { $0["src"] == "/assets/models/dua-luoi.icon.99.png" && $0["width"] == "28" })
    }

    func testListCardsOfferTheSameFormatsAtTheCardsSizes() throws {
        let list = try XCTUnwrap(try render()["products/index.html"])
        let card = try XCTUnwrap(list.components(separatedBy: "<li class=\"card\">").first { $0.contains("dua-luoi.320.cc.avif") })
        let sources = try self.sources(in: card)
        XCTAssertEqual(sources.map { $0["type"] }, ["image/avif", "image/webp"])
        XCTAssertEqual(sources.map { $0["sizes"] }, [PageBuilder.cardSizes, PageBuilder.cardSizes])
        XCTAssertEqual(tags("img", in: card).first?["class"], "poster")
        XCTAssertEqual(tags("img", in: card).first?["loading"], "lazy")
    }

    func testGalleryPhotosWithWebPOnlyOfferOneSource() throws {
        let html = try XCTUnwrap(try render()["en/places/dam-cau-hai/index.html"])
        let gallery = try XCTUnwrap(html.components(separatedBy: "<ul class=\"gallery\">").dropFirst().first?.components(separatedBy: "</ul>").first)
        let items = gallery.components(separatedBy: "<li>").dropFirst()
        XCTAssertEqual(items.count, 2)
        let sunset = try XCTUnwrap(Fixture.photos[Self.sunset])
        let sources = try self.sources(in: try XCTUnwrap(items.first))
        XCTAssertEqual(sources.map { $0["type"] }, ["image/webp"])
        XCTAssertEqual(sources.first?["srcset"], sunset.variants.map { "\($0.src).webp \($0.width)w" }.joined(separator: ", "))
        XCTAssertEqual(tags("img", in: try XCTUnwrap(items.first)).first?["alt"]?.isEmpty, false, "a gallery photo keeps its alt text")
        // The other photo has no modern formats: a bare <img>, no <picture>.
        XCTAssertFalse(try XCTUnwrap(items.last).contains("<picture>"))
    }
}
