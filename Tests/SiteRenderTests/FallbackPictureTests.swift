@testable import SiteRender
import SiteContent
import TestSupport
import XCTest

final class FallbackPictureTests: XCTestCase {
    func testEveryFieldColourKeepsWhiteTextReadable() {
        for (kind, palettes) in FallbackPicture.palettes {
            for (from, to) in palettes {
                for colour in [from, to] {
                    XCTAssertGreaterThanOrEqual(Contrast.ratio("#fff", colour), 4.5, "white on \(colour) (\(kind))")
                }
            }
        }
    }

    func testTheSVGCarriesKindTitleAndTagsEscaped() {
        let picture = FallbackPicture(kind: .place, kindLabel: "Điểm đến", title: "Chợ quê <Vinh Hưng> & bến",
                                      tags: ["chợ", "ẩm thực"])
        let svg = picture.svg
        XCTAssertTrue(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 800 600\""))
        XCTAssertTrue(svg.contains("ĐIỂM ĐẾN"))
        XCTAssertTrue(svg.contains("&lt;Vinh") && svg.contains("Hưng&gt;"))
        XCTAssertTrue(svg.contains("&amp; bến"))
        XCTAssertFalse(svg.contains("<Vinh"))
        XCTAssertTrue(svg.contains("#chợ  #ẩm thực"))
        XCTAssertEqual(svg, picture.svg, "the same entry draws the same bytes")
        XCTAssertLessThan(svg.utf8.count, 4096, "a drawn picture stays a few KB")
    }

    func testLongTitlesShrinkThenEndInAnEllipsis() {
        let (short, shortSize) = FallbackPicture.titleLines("Chợ quê", width: 688)
        XCTAssertEqual(short, ["Chợ quê"])
        XCTAssertEqual(shortSize, 72)
        let long = String(repeating: "Làng chài ven phá Tam Giang ", count: 6)
        let (lines, size) = FallbackPicture.titleLines(long, width: 688)
        XCTAssertEqual(lines.count, 3)
        XCTAssertEqual(size, 46)
        XCTAssertTrue(lines[2].hasSuffix("…"))
        let perLine = Int(688 / (46 * 0.58))
        for line in lines { XCTAssertLessThanOrEqual(line.count, perLine) }
    }

    func testKindsAndTitlesGetDifferentFields() {
        let a = FallbackPicture(kind: .place, kindLabel: "", title: "Chợ quê Vinh Hưng", tags: []).colours
        let b = FallbackPicture(kind: .product, kindLabel: "", title: "Chợ quê Vinh Hưng", tags: []).colours
        XCTAssertNotEqual(a.0, b.0, "a place and a product never share a field colour")
        let titles = ["Chợ quê Vinh Hưng", "Làng chài Phụng Chánh", "Đầm Cầu Hai", "Đình làng", "Vườn dưa lưới"]
        let fields = Set(titles.map { FallbackPicture(kind: .place, kindLabel: "", title: $0, tags: []).colours.0 })
        XCTAssertGreaterThan(fields.count, 1, "neighbouring cards differ")
    }
}
