import XCTest
@testable import SiteContent

final class SlugTests: XCTestCase {
    func testVietnameseNamesFoldToASCIISlugs() {
        XCTAssertEqual(Slug.make("Đầm Cầu Hai"), "dam-cau-hai")
        XCTAssertEqual(Slug.make("Thừa Thiên Huế"), "thua-thien-hue")
        XCTAssertEqual(Slug.make("Dưa lưới Vinh Hưng – OCOP 4★"), "dua-luoi-vinh-hung-ocop-4")
        XCTAssertEqual(Slug.make("NGUYỄN ĐỨC"), "nguyen-duc")
    }

    func testDecomposedInputGivesTheSameSlug() {
        let nfd = "Đầm Cầu Hai".decomposedStringWithCanonicalMapping
        XCTAssertNotEqual(Array(nfd.utf8), Array("Đầm Cầu Hai".utf8))
        XCTAssertEqual(Slug.make(nfd), "dam-cau-hai")
    }

    func testPunctuationRunsBecomeOneDashAndEdgesAreTrimmed() {
        XCTAssertEqual(Slug.make("  --Chợ  (cá) -- Tư Hiền!! "), "cho-ca-tu-hien")
        XCTAssertEqual(Slug.make("dam-cau-hai"), "dam-cau-hai")
        XCTAssertEqual(Slug.make("★★★"), "")
    }

    func testFoldKeepsSpacesAndPunctuation() {
        XCTAssertEqual(Slug.fold("Đầm"), "dam")
        XCTAssertEqual(Slug.fold("Thừa Thiên Huế"), "thua thien hue")
        XCTAssertEqual(Slug.fold("Dưa lưới – OCOP"), "dua luoi – ocop")
        XCTAssertEqual(Slug.fold("HUẾ"), Slug.fold("huê"))
    }
}
