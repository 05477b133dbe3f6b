import QRCode
@testable import SiteServe
import XCTest

/// The terminal QR code carries the same modules as the code itself.
final class TerminalQRTests: XCTestCase {
    func testHalfBlocksReadBackAsTheCode() throws {
        let address = "http://192.168.1.23:1313/"
        let code = try QRCode(text: address, errorCorrection: .low)
        let text = try TerminalQR.render(address)
        let rows = text.split(separator: "\n").map { line -> [Character] in
            var plain = String(line)
            plain = plain.replacingOccurrences(of: "\u{1B}[30;107m", with: "").replacingOccurrences(of: "\u{1B}[0m", with: "")
            return Array(plain)
        }
        let side = code.size + 4
        XCTAssertEqual(rows.count, (side + 1) / 2)
        for (row, characters) in rows.enumerated() {
            XCTAssertEqual(characters.count, side)
            for (x, character) in characters.enumerated() {
                let top = character == "█" || character == "▀"
                let bottom = character == "█" || character == "▄"
                XCTAssertEqual(top, code.isDark(x: x - 2, y: 2 * row - 2), "x \(x) row \(row)")
                XCTAssertEqual(bottom, code.isDark(x: x - 2, y: 2 * row + 1 - 2), "x \(x) row \(row)")
            }
        }
    }
}
