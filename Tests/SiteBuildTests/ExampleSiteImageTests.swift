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
            let poster = try XCTUnwrap(viewer.firstMatch(of: /\sposter="([^"]+\.png)"/).map { String($0.1) }, "\(name) poster")
            XCTAssertNotNil(viewer.firstMatch(of: /\scamera-orbit="-?[0-9.]+deg -?[0-9.]+deg [0-9.]+(%|m)"/), "\(name) camera-orbit")
            let image = try PNGCodec.decode(try file(output, poster))
            XCTAssertEqual([image.width, image.height], [768, 768], name)
            let alphas = stride(from: 3, to: image.pixels.count, by: 4).map { image.pixels[$0] }
            XCTAssertTrue(alphas.contains(0), "\(name): the poster is transparent around the model")
            XCTAssertGreaterThan(alphas.filter { $0 == 255 }.count, alphas.count / 50, "\(name): the poster shows the model")

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
                let shown = try PNGCodec.decode(try file(output, src))
                XCTAssertEqual([shown.width, shown.height], [width, height], "\(page): \(src) has the size its tag says")
                for candidate in String(img.1).split(separator: ",") {
                    let parts = candidate.split(separator: " ")
                    let rendition = try PNGCodec.decode(try file(output, String(parts[0])))
                    XCTAssertEqual("\(rendition.width)w", String(parts[1]), "\(page): \(parts[0])")
                }
                checked += 1
            }
        }
        XCTAssertGreaterThanOrEqual(checked, 10)
    }

    /// The issue's size target for posters, on the example's own models (output is deterministic).
    func testTypicalPosterStaysUnder80KB() throws {
        let (output, summary) = try site()
        let folder = output.appendingPathComponent("assets/models")
        let posters = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".poster.") }
        XCTAssertEqual(posters.count, summary.models.count)
        let sizes = try posters.map { try Data(contentsOf: folder.appendingPathComponent($0)).count }.sorted()
        XCTAssertLessThanOrEqual(sizes[sizes.count / 2], 80 * 1024, "median poster size; all: \(sizes)")
    }
}
