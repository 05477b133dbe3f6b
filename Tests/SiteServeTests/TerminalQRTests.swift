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

/// The address printed for phones is one they can reach.
final class LANAddressTests: XCTestCase {
    func testPrivateRangesArePreferred() {
        for address in ["192.168.1.20", "10.0.0.5", "172.16.4.1", "172.31.255.254"] { XCTAssertTrue(LANAddress.isPrivate(address), address) }
        for address in ["172.32.0.1", "8.8.8.8", "192.0.2.2", "127.0.0.1", "fe80::1", "10.0.0"] { XCTAssertFalse(LANAddress.isPrivate(address), address) }
    }

    func testAnAddressFoundIsAnIPv4AddressNotLoopback() {
        guard let address = LANAddress.find() else { return }  // a machine without a network has none
        let parts = address.split(separator: ".").compactMap { Int($0) }
        XCTAssertEqual(parts.count, 4, address)
        XCTAssertNotEqual(parts.first, 127, address)
    }
}
