import Foundation
import Imaging
import SiteBuild
import TestSupport
import XCTest

/// The example site's posters, thumbnails and sharing cards, checked on ExampleSiteTests' one build.
extension ExampleSiteTests {
    var base: String { "https://vinhhung.example.vn/" }

    func file(_ output: URL, _ sitePath: String) throws -> [UInt8] {
        let relative = sitePath.hasPrefix(base) ? String(sitePath.dropFirst(base.count)) : String(sitePath.drop { $0 == "/" })
        return [UInt8](try Data(contentsOf: output.appendingPathComponent(relative)))
    }

    /// Decodes a published image by its extension.
    func decode(_ output: URL, _ sitePath: String) throws -> RGBAImage {
        let bytes = try file(output, sitePath)
        switch URL(fileURLWithPath: sitePath).pathExtension {
        case "avif": return try AVIFCodec.decode(bytes)
        case "webp": return try WebPCodec.decode(bytes)
        default: return try ImageDecoder.decode(bytes)
        }
    }

    /// "a.avif 320w, b.avif 768w" → [(a.avif, 320), (b.avif, 768)].
    func candidates(_ srcset: String) -> [(src: String, width: Int)] {
        srcset.split(separator: ",").map { candidate in
            let parts = candidate.split(separator: " ")
            return (String(parts[0]), parts.count > 1 ? Int(parts[1].dropLast()) ?? 0 : 0)
        }
    }

    func modelPagesWithHTML(_ output: URL) throws -> [(name: String, html: String)] {
        var found: [(String, String)] = []
        for section in ["places", "products", "en/places", "en/products"] {
            let folder = output.appendingPathComponent(section)
            for slug in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] {
                let page = folder.appendingPathComponent("\(slug)/index.html")
                guard let html = try? String(contentsOf: page, encoding: .utf8), html.contains("<model-viewer") else { continue }
                found.append(("\(section)/\(slug)", html))
            }
        }
        return found
    }

    func testEveryModelPageHasAPosterAndASharingCard() throws {
        let (output, _) = try site()
        let pages = try modelPagesWithHTML(output)
        XCTAssertGreaterThanOrEqual(pages.count, 10)
        for (name, html) in pages {
            let viewer = try XCTUnwrap(html.firstMatch(of: /<model-viewer [^>]*>/).map { String($0.0) }, name)
            XCTAssertNotNil(viewer.firstMatch(of: /\scamera-orbit="-?[0-9.]+deg -?[0-9.]+deg [0-9.]+(%|m)"/), "\(name) camera-orbit")
            // poster= names the WebP (CONTENT.md); what shows is model-viewer's poster slot: a
            // <picture> of AVIF, WebP and PNG at 768 px.
            let attribute = try XCTUnwrap(viewer.firstMatch(of: /\sposter="([^"]+\.webp)"/).map { String($0.1) }, "\(name) poster")
            XCTAssertEqual(try decode(output, attribute).width, 768, attribute)
            let slot = try XCTUnwrap(html.firstMatch(of: /slot="poster" class="viewer-poster"><picture>(.*?)<\/picture>/).map { String($0.1) }, name)
            let sources = slot.matches(of: /<source type="([^"]+)" srcset="([^"]+)"/).map { (String($0.1), String($0.2)) }
            XCTAssertEqual(sources.map(\.0), ["image/avif", "image/webp"], name)
            let png = try XCTUnwrap(slot.firstMatch(of: /<img [^>]*srcset="([^"]+)"/).map { String($0.1) }, name)
            for srcset in sources.map(\.1) + [png] {
                let poster = try XCTUnwrap(candidates(srcset).first { $0.width == 768 }, "\(name): \(srcset)")
                let image = try decode(output, poster.src)
                XCTAssertEqual([image.width, image.height], [768, 768], poster.src)
                let alphas = stride(from: 3, to: image.pixels.count, by: 4).map { image.pixels[$0] }
                XCTAssertTrue(alphas.contains(0), "\(poster.src): the poster is transparent around the model")
                XCTAssertGreaterThan(alphas.filter { $0 == 255 }.count, alphas.count / 50, "\(poster.src): the poster shows the model")
            }

            let card = try XCTUnwrap(html.firstMatch(of: /<meta property="og:image" content="([^"]+)">/).map { String($0.1) }, name)
            XCTAssertTrue(card.hasPrefix(base + "assets/cards/") && card.hasSuffix(".jpg"), card)
            let cardImage = try JPEGCodec.decode(try file(output, card))
            XCTAssertEqual([cardImage.width, cardImage.height], [1200, 630], card)
            XCTAssertTrue(html.contains("<meta property=\"og:image:width\" content=\"1200\">"), name)
            XCTAssertTrue(html.contains("<meta name=\"twitter:image\" content=\"\(card)\">"), name)
        }
        // Pages that are not entries share the site's own card, in their language.
        for home in ["index.html", "en/index.html"] {
            let html = try String(contentsOf: output.appendingPathComponent(home), encoding: .utf8)
            let card = try XCTUnwrap(html.firstMatch(of: /<meta property="og:image" content="([^"]+)">/).map { String($0.1) }, home)
            XCTAssertTrue(card.contains("/assets/cards/site."), card)
            XCTAssertEqual(try JPEGCodec.decode(try file(output, card)).width, 1200)
        }
        // One card per entry and language: the title on it is in the page's language.
        let cards = Set(pages.compactMap { $0.html.firstMatch(of: /og:image" content="([^"]+)"/).map { String($0.1) } })
        XCTAssertEqual(cards.count, pages.filter { !$0.name.contains("/ar") }.count)
    }

    func testEveryPictureHasItsRealSizeAndEveryRenditionExists() throws {
        let (output, _) = try site()
        var checked = 0
        for page in ["index.html", "places/index.html", "products/index.html", "en/products/index.html", "products/dua-luoi/index.html"] {
            let html = try String(contentsOf: output.appendingPathComponent(page), encoding: .utf8)
            for img in html.matches(of: /<img [^>]*srcset="([^"]+)"[^>]*>/) {
                let tag = String(img.0)
                let width = try XCTUnwrap(tag.firstMatch(of: /\swidth="(\d+)"/).map { Int($0.1)! }, tag)
                let height = try XCTUnwrap(tag.firstMatch(of: /\sheight="(\d+)"/).map { Int($0.1)! }, tag)
                let src = try XCTUnwrap(tag.firstMatch(of: /\ssrc="([^"]+)"/).map { String($0.1) }, tag)
                let shown = try decode(output, src)
                XCTAssertEqual([shown.width, shown.height], [width, height], "\(page): \(src) has the size its tag says")
                for candidate in candidates(String(img.1)) {
                    XCTAssertEqual(try decode(output, candidate.src).width, candidate.width, "\(page): \(candidate.src)")
                }
                checked += 1
            }
            // Every AVIF and WebP a <picture> offers is there, at the width it claims.
            for source in html.matches(of: /<source type="image\/(avif|webp)" srcset="([^"]+)"/) {
                for candidate in candidates(String(source.2)) {
                    XCTAssertTrue(candidate.src.hasSuffix("." + String(source.1)), candidate.src)
                    XCTAssertEqual(try decode(output, candidate.src).width, candidate.width, "\(page): \(candidate.src)")
                }
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 10)
    }

    /// The size targets for what a phone downloads, on the example's own models (output is
    /// deterministic): every poster ≤ 80 KB and every thumbnail ≤ 25 KB, as AVIF and as WebP.
    func testPostersAndThumbnailsStayWithinTheirBudgets() throws {
        let (output, summary) = try site()
        let folder = output.appendingPathComponent("assets/models")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        func size(_ name: String) throws -> Int { try Data(contentsOf: folder.appendingPathComponent(name)).count }
        for format in ["avif", "webp"] {
            let posters = names.filter { $0.contains(".poster.") && $0.hasSuffix("." + format) }
            XCTAssertEqual(posters.count, summary.models.count, format)
            for poster in posters { XCTAssertLessThanOrEqual(try size(poster), 80 * 1024, poster) }
            let thumbnails = names.filter { ($0.contains(".320.") || $0.contains(".512.")) && $0.hasSuffix("." + format) }
            XCTAssertEqual(thumbnails.count, 2 * summary.models.count, format)
            for thumbnail in thumbnails { XCTAssertLessThanOrEqual(try size(thumbnail), 25 * 1024, thumbnail) }
        }
    }
}
