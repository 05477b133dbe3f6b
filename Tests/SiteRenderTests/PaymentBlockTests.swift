import Foundation
import QRCode
import SiteContent
import XCTest
@testable import SiteRender

/// The VietQR block on product pages.
final class PaymentBlockTests: XCTestCase {
    func render(payment: PaymentConfig?) throws -> [String: String] {
        var content = Fixture.content()
        content.config.payment = payment
        return try Fixture.render(Fixture.input(content))
    }

    let agribank = PaymentConfig(bankBin: "970405", account: "1234567890123", accountName: "HTX NONG NGHIEP VINH HUNG")

    /// The payload as NAPAS specifies it, assembled by hand here (static code, amount, note).
    func expectedPayload(amount: String, note: String) -> String {
        func tlv(_ id: String, _ value: String) -> String { id + String(format: "%02d", value.count) + value }
        let account = tlv("00", "A000000727") + tlv("01", tlv("00", "970405") + tlv("01", "1234567890123")) + tlv("02", "QRIBFTTA")
        let body = tlv("00", "01") + tlv("01", "11") + tlv("38", account) + tlv("53", "704") + tlv("54", amount)
            + tlv("58", "VN") + tlv("62", tlv("08", note)) + "6304"
        var crc: UInt16 = 0xFFFF
        for byte in body.utf8 {
            crc ^= UInt16(byte) << 8
            for _ in 0..<8 { crc = crc & 0x8000 != 0 ? (crc << 1) ^ 0x1021 : crc << 1 }
        }
        return body + String(format: "%04X", crc)
    }

    func testProductWithPriceShowsTheCodeAndItsFactsInBothLanguages() throws {
        let site = try render(payment: agribank)
        let payload = expectedPayload(amount: "65000", note: "DUA-LUOI")
        for (path, words) in [("products/dua-luoi/index.html", ["Thanh toán bằng VietQR", "65.000 ₫ / kg", "Agribank"]),
                              ("en/products/dua-luoi/index.html", ["Pay with VietQR", "Account name", "Agribank"])] {
            let html = try XCTUnwrap(site[path])
            let section = try XCTUnwrap(html.components(separatedBy: "<section class=\"payment\"").dropFirst().first, path)
            for word in words + ["HTX NONG NGHIEP VINH HUNG", "1234567890123", "DUA-LUOI"] {
                XCTAssertTrue(section.contains(word), "\(path) lacks \(word)")
            }
            let title = path.hasPrefix("en/") ? "Vinh Hung cantaloupe" : "Dưa lưới Vinh Hưng"
            let svg = try QRCode(text: payload, errorCorrection: .medium).svg(title: "VietQR – \(title)")
            XCTAssertTrue(section.contains(svg), "\(path): the code carries the NAPAS payload")
        }
    }

    func testNoPaymentConfigOrNoPriceMeansNoCode() throws {
        let without = try render(payment: nil)
        XCTAssertFalse(try XCTUnwrap(without["products/dua-luoi/index.html"]).contains("class=\"payment\""))
        let site = try render(payment: agribank)
        XCTAssertFalse(try XCTUnwrap(site["places/dam-cau-hai/index.html"]).contains("class=\"payment\""), "places have no price")
    }
}
