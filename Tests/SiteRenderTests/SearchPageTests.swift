import Foundation
import SiteContent
import XCTest
@testable import SiteRender

/// The search page and its index: diacritic-free matching happens in the browser over `f`.
final class SearchPageTests: XCTestCase {
    var site: [String: String] = [:]

    override func setUpWithError() throws {
        site = try Fixture.render()
    }

    func index(_ path: String) throws -> [[String: String]] {
        try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(try XCTUnwrap(site[path]).utf8)) as? [[String: String]])
    }

    func testIndexHoldsFoldedTextOfEveryTranslatedEntry() throws {
        let vi = try index("search/index.json")
        XCTAssertEqual(vi.map { $0["t"] }, ["Đầm Cầu Hai", Fixture.nastyTitle, "Dưa lưới Vinh Hưng", "Giới thiệu"])
        let lagoon = try XCTUnwrap(vi.first)
        XCTAssertEqual(lagoon["u"], "/places/dam-cau-hai/")
        XCTAssertTrue(lagoon["f"]!.hasPrefix("dam cau hai "), lagoon["f"]!)
        XCTAssertTrue(lagoon["f"]!.contains("sinh thai"), "tags are searchable")
        XCTAssertTrue(vi[2]["f"]!.contains("htx nong nghiep vinh hung"), "so is the producer")
        for entry in vi { XCTAssertEqual(entry["f"], Slug.fold(entry["f"]!), "already folded") }
        let en = try index("en/search/index.json")
        XCTAssertEqual(en.map { $0["u"] }, ["/en/places/dam-cau-hai/", "/en/products/dua-luoi/", "/en/gioi-thieu/"], "only translated entries")
    }

    func testPageWorksWithoutScriptAsAListOfEverything() throws {
        let html = try XCTUnwrap(site["search/index.html"])
        let form = try XCTUnwrap(tags("form", in: html).first)
        XCTAssertEqual(form["action"], "/search/")
        XCTAssertEqual(form["method"], "get")
        XCTAssertEqual(form["data-index"], "/search/index.json")
        XCTAssertEqual(tags("input", in: html).first { $0["id"] == "search-input" }?["name"], "q")
        let results = try XCTUnwrap(html.components(separatedBy: "<ol id=\"search-results\"").dropFirst().first?.components(separatedBy: "</ol>").first)
        XCTAssertEqual(tags("a", in: results).map { $0["href"] }, ["/places/dam-cau-hai/", "/places/lang-non/", "/products/dua-luoi/", "/gioi-thieu/"])
    }

    func testTheBrowserFoldingMatchesTheBuilds() throws {
        // search.js folds the query with this chain; the index was folded by Slug.fold.
        let script = try String(contentsOf: Fixture.templates.appendingPathComponent("static/js/search.js"), encoding: .utf8)
        XCTAssertTrue(script.contains(#"text.toLowerCase().replace(/đ/g, "d").normalize("NFD").replace(/[\u0300-\u036f]/g, "").normalize("NFC")"#))
        for (typed, folded) in [("Đầm", "dam"), ("DƯA LƯỚI", "dua luoi"), ("Thừa Thiên Huế", "thua thien hue")] {
            XCTAssertEqual(Slug.fold(typed), folded)
        }
    }
}
