import Foundation
import QRCode
import SiteContent
import XCTest
@testable import SiteRender

/// Printable QR signs for places and products, and the phone code on the AR-viewer page.
final class SignPageTests: XCTestCase {
    var site: [String: String] = [:]

    override func setUpWithError() throws {
        site = try Fixture.render()
    }

    func testSignCarriesTheCodeOfThePageAndEveryLanguagesTitle() throws {
        let html = try XCTUnwrap(site["places/dam-cau-hai/qr/index.html"])
        let url = "https://vinhhung.example.vn/places/dam-cau-hai/"
        XCTAssertTrue(html.contains(try QRCode(text: url, errorCorrection: .quartile).svg(title: url)), "the code leads to the page")
        XCTAssertTrue(html.contains("<h1 lang=\"vi\" class=\"sign-title\">Đầm Cầu Hai</h1>"))
        XCTAssertTrue(html.contains("<p lang=\"en\" class=\"sign-title-other\">Cau Hai Lagoon</p>"))
        XCTAssertTrue(html.contains("Quét mã để xem mô hình 3D"), "says what scanning gives, in Vietnamese")
        XCTAssertTrue(html.contains("Scan to see it in 3D"), "and in English")
        XCTAssertTrue(html.contains("<meta name=\"robots\" content=\"noindex\">"))
        XCTAssertFalse(html.contains("rel=\"canonical\""))
        XCTAssertFalse(html.contains("<script"), "a sign needs no script")
    }

    func testEntryWithoutModelSaysReadMoreAndOnlyItsLanguages() throws {
        let html = try XCTUnwrap(site["places/lang-non/qr/index.html"])
        XCTAssertTrue(html.contains("Quét mã để đọc thêm"))
        XCTAssertFalse(html.contains("lang=\"en\" class=\"sign-title-other\""), "no English title where there is no translation")
    }

    func testEntryPagesLinkToTheirSignAndFreePagesHaveNone() throws {
        let place = try XCTUnwrap(site["en/places/dam-cau-hai/index.html"])
        XCTAssertTrue(tags("a", in: place).contains { $0["href"] == "/places/dam-cau-hai/qr/" }, "the sign is in the default language")
        XCTAssertNil(site["gioi-thieu/qr/index.html"])
        XCTAssertNil(site["en/places/dam-cau-hai/qr/index.html"], "one sign per entry")
    }

    func testARViewerOffersItsOwnAddressAsACodeForPhones() throws {
        for (path, url) in [("products/dua-luoi/ar/index.html", "https://vinhhung.example.vn/products/dua-luoi/ar/"),
                            ("en/products/dua-luoi/ar/index.html", "https://vinhhung.example.vn/en/products/dua-luoi/ar/")] {
            let html = try XCTUnwrap(site[path])
            let figure = try XCTUnwrap(html.components(separatedBy: "<figure class=\"phone-code\">").dropFirst().first, path)
            XCTAssertTrue(figure.hasPrefix(try QRCode(text: url, errorCorrection: .medium).svg(title: url)), path)
        }
    }
}
