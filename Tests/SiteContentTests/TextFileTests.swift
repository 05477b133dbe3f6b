import Foundation
@testable import SiteContent
import XCTest

/// Text files are NFC after reading; the fast path that skips Foundation's normalization must
/// only take texts that are NFC already.
final class TextFileTests: XCTestCase {
    func testEveryScalarTheFastPathTrustsIsNFCOnItsOwn() {
        var checked = 0
        for value in UInt32(0)...0x20CF {
            guard let scalar = Unicode.Scalar(value), TextFile.isNFCOnItsOwn(scalar) else { continue }
            let normalized = String(Character(scalar)).precomposedStringWithCanonicalMapping
            XCTAssertEqual(Array(normalized.unicodeScalars), [scalar], String(format: "U+%04X", value))
            checked += 1
        }
        XCTAssertGreaterThan(checked, 1000)
        XCTAssertFalse(TextFile.isNFCOnItsOwn("\u{0301}"), "combining marks go the slow way")
        XCTAssertFalse(TextFile.isNFCOnItsOwn("\u{2000}"), "U+2000 normalizes to U+2002")
    }

    func testDecomposedVietnameseIsComposedAndCRLFAndBOMAreGone() {
        let decomposed = "\u{FEFF}No\u{0301}n la\u{0301}\r\nbài thơ\r"
        let text = TextFile.normalize(decomposed)
        XCTAssertEqual(Array(text.unicodeScalars), Array("Nón lá\nbài thơ\n".precomposedStringWithCanonicalMapping.unicodeScalars))
        XCTAssertEqual(Array(TextFile.normalize("Đầm Cầu Hai – ₫65.000").unicodeScalars), Array("Đầm Cầu Hai – ₫65.000".unicodeScalars))
    }
}
