import Foundation
import SiteContent
import XCTest
@testable import SiteRender

final class TagPageTests: XCTestCase {
    func testTagsLinkToAPageListingEveryEntryWithThem() throws {
        var content = Fixture.content()
        content.products[0].translations["vi"]!.tags = ["Sinh thái", "OCOP"]
        let site = try Fixture.render(Fixture.input(content))
        let place = try XCTUnwrap(site["places/dam-cau-hai/index.html"])
        XCTAssertTrue(tags("a", in: place).contains { $0["href"] == "/tags/sinh-thai/" && $0["rel"] == "tag" })
        let page = try XCTUnwrap(site["tags/sinh-thai/index.html"], "one page for 'sinh thái' and 'Sinh thái'")
        XCTAssertTrue(page.contains("<h1>Thẻ: sinh thái</h1>"))
        let cards = tags("a", in: page).map { $0["href"] ?? "" }
        XCTAssertTrue(cards.contains("/places/dam-cau-hai/"))
        XCTAssertTrue(cards.contains("/products/dua-luoi/"))
        XCTAssertFalse(cards.contains("/places/lang-non/"))
        XCTAssertNotNil(site["tags/ocop/index.html"])
        XCTAssertNotNil(site["en/tags/ecotourism/index.html"])
        XCTAssertNil(site["en/tags/sinh-thai/index.html"], "tags are words of their language")
        XCTAssertTrue(try XCTUnwrap(site["sitemap.xml"]).contains("<loc>https://vinhhung.example.vn/tags/sinh-thai/</loc>"))
    }
}
