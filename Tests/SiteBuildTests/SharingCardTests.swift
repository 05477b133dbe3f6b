import Imaging
import SiteContent
import Typesetting
import XCTest
@testable import SiteBuild

final class SharingCardTests: XCTestCase {
    /// A stand-in render: an opaque red square in the middle of a transparent frame.
    let render: RGBAImage = {
        var image = RGBAImage(width: 200, height: 200, fill: SIMD4(0, 0, 0, 0))
        for y in 50..<150 { for x in 50..<150 { image.pixels.replaceSubrange((y * 200 + x) * 4..<(y * 200 + x) * 4 + 4, with: [200, 30, 30, 255]) } }
        return image
    }()

    func card(title: String) -> SharingCard {
        SharingCard(title: title, siteName: "Vinh Hưng – Làng quê thông minh", render: render,
                    background: RGBColor(red: 0xF7, green: 0xF2, blue: 0xE8), textColor: RGBColor(red: 0x2B, green: 0x22, blue: 0x33))
    }

    func pixel(_ image: RGBAImage, _ x: Int, _ y: Int) -> [UInt8] {
        Array(image.pixels[(y * image.width + x) * 4..<(y * image.width + x) * 4 + 4])
    }

    func testLayoutRenderOnTheRightTitleOnTheLeft() throws {
        guard let fonts = try SharingCard.Fonts.load(SharingConfig(), projectRoot: URL(fileURLWithPath: "/")) else {
            throw XCTSkip("DejaVu Sans is not installed (Debian: fonts-dejavu-core)")
        }
        let image = try card(title: "Đầm Cầu Hai").image(fonts: fonts)
        XCTAssertEqual(image.width, 1200)
        XCTAssertEqual(image.height, 630)
        XCTAssertEqual(pixel(image, 0, 0), [0xF7, 0xF2, 0xE8, 255], "the background colour")
        XCTAssertEqual(pixel(image, 1199, 629), [0xF7, 0xF2, 0xE8, 255])
        // The render's red square is centred in the right-hand square.
        let renderCentre = (x: 1200 - SharingCard.margin / 2 - SharingCard.renderSide / 2, y: 315)
        XCTAssertEqual(pixel(image, renderCentre.x, renderCentre.y), [200, 30, 30, 255])
        // Ink (dark pixels) only on the left, inside the margins.
        var inkColumns: [Int] = []
        for y in stride(from: 0, to: 630, by: 2) {
            for x in 0..<1200 where pixel(image, x, y)[0] < 100 { inkColumns.append(x) }
        }
        XCTAssertGreaterThan(inkColumns.count, 200, "the title is drawn")
        XCTAssertGreaterThanOrEqual(inkColumns.min() ?? 0, SharingCard.margin - 8)
        XCTAssertLessThan(inkColumns.max() ?? 1200, renderCentre.x - 50)
    }

    func testLongTitlesShrinkInsteadOfOverflowing() throws {
        guard let fonts = try SharingCard.Fonts.load(SharingConfig(), projectRoot: URL(fileURLWithPath: "/")) else {
            throw XCTSkip("DejaVu Sans is not installed (Debian: fonts-dejavu-core)")
        }
        let long = "Hợp tác xã nông nghiệp dịch vụ tổng hợp Vinh Hưng – dưa lưới nhà màng đạt chuẩn OCOP bốn sao"
        let short = try card(title: "Nón lá").image(fonts: fonts)
        let crowded = try card(title: long).image(fonts: fonts)
        func darkRows(_ image: RGBAImage) -> [Int] {
            (0..<630).filter { y in (0..<560).contains { x in pixel(image, x, y)[0] < 100 } }
        }
        let rows = darkRows(crowded)
        XCTAssertGreaterThan(rows.count, darkRows(short).count, "more lines of text")
        XCTAssertGreaterThanOrEqual(rows.min() ?? 0, 8, "the text stays on the card")
        XCTAssertLessThanOrEqual(rows.max() ?? 630, 622)
    }

    func testWithoutAFontTheCardStillShowsTheModel() throws {
        let image = try card(title: "Đầm Cầu Hai").image(fonts: nil)
        XCTAssertEqual(image.width, 1200)
        XCTAssertFalse((0..<600).contains { x in pixel(image, x, 315)[0] < 100 }, "no text")
        XCTAssertEqual(pixel(image, 1200 - SharingCard.margin / 2 - SharingCard.renderSide / 2, 315), [200, 30, 30, 255])
    }

    func testRenderEdgesFadeIntoTheCard() {
        // A render that is opaque grey up to its frame must not end in a hard line.
        let grey = RGBAImage(width: 100, height: 100, fill: SIMD4(100, 100, 100, 255))
        var card = RGBAImage(width: 100, height: 100, fill: SIMD4(250, 250, 250, 255))
        SharingCard.composite(grey, over: &card, x: 0, y: 0)
        XCTAssertGreaterThan(pixel(card, 0, 50)[0], 240, "the edge is almost the card's colour")
        XCTAssertEqual(pixel(card, 50, 50)[0], 100, "the middle is the render")
        XCTAssertLessThan(pixel(card, 0, 50)[0], 250)
    }
}
