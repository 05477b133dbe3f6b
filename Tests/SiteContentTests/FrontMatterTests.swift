import XCTest
@testable import SiteContent

final class FrontMatterTests: XCTestCase {
    private func split(_ text: String) -> Result<FrontMatter, ContentError> {
        FrontMatter.split(text, path: "content/places/x.md")
    }

    func testSplitsYAMLAndBodyAndRemembersWhereYAMLStarts() throws {
        let result = try split("---\ntitle: Đầm\nocop: 4\n---\nThân bài\n\nđoạn 2").get()
        XCTAssertEqual(result.yaml, "title: Đầm\nocop: 4\n")
        XCTAssertEqual(result.yamlFirstLine, 2)
        XCTAssertEqual(result.body, "Thân bài\n\nđoạn 2")
    }

    func testBOMAndCRLFAndLeadingBlankLines() throws {
        let result = try split("\u{FEFF}\r\n\r\n---\r\ntitle: Đầm\r\n---\r\nA\r\nB").get()
        XCTAssertEqual(result.yaml, "title: Đầm\n")
        XCTAssertEqual(result.yamlFirstLine, 4)
        XCTAssertEqual(result.body, "A\nB")
    }

    func testDocumentEndMarkerAndEmptyFrontMatter() throws {
        XCTAssertEqual(try split("---\ntitle: x\n...\nbody").get().body, "body")
        let empty = try split("---\n---\nbody").get()
        XCTAssertEqual(empty.yaml, "")
        XCTAssertEqual(empty.body, "body")
    }

    func testMissingFrontMatter() {
        guard case .failure(let error) = split("# Đầm Cầu Hai\n\nKhông có phần đầu") else { return XCTFail("accepted") }
        XCTAssertEqual(error.line, 1)
        XCTAssertTrue(error.description.hasPrefix("content/places/x.md:1: expected front matter between '---' lines at the top"), error.description)
    }

    func testUnterminatedFrontMatterPointsAtTheOpeningLine() {
        guard case .failure(let error) = split("\n---\ntitle: Đầm\nBody without closing") else { return XCTFail("accepted") }
        XCTAssertEqual(error.line, 2)
        XCTAssertTrue(error.message.contains("never closed"), error.message)
    }

    func testTextFileRejectsNonUTF8AndUTF16() {
        guard case .failure(let latin1) = TextFile.decode(Data([0x74, 0xE9, 0x74, 0xE9]), path: "a.md") else { return XCTFail() }
        XCTAssertTrue(latin1.message.contains("not UTF-8"), latin1.message)
        XCTAssertEqual(latin1.line, 1)
        XCTAssertTrue(latin1.message.hasPrefix("byte 0xE9 at column 2 "), latin1.message)
        // Line and column of the first bad byte, counted in characters after good UTF-8.
        let text = Array("---\ntitle: Đầm\nsummary: ".utf8) + [0xC3, 0x28] + Array(" x\n".utf8)
        guard case .failure(let located) = TextFile.decode(Data(text), path: "b.md") else { return XCTFail() }
        XCTAssertEqual(located.line, 3)
        XCTAssertTrue(located.description.hasPrefix("b.md:3: byte 0xC3 at column 10 is not UTF-8 text"), located.description)
        for bad: [UInt8] in [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xFF]] {
            XCTAssertEqual(TextFile.firstInvalidUTF8([0x41] + bad), 1, "\(bad)")
        }
        XCTAssertNil(TextFile.firstInvalidUTF8(Array("Đầm Cầu Hai 🌊".utf8)))
        guard case .failure(let utf16) = TextFile.decode(Data([0xFF, 0xFE, 0x41, 0x00]), path: "a.md") else { return XCTFail() }
        XCTAssertTrue(utf16.message.contains("UTF-16"), utf16.message)
    }

    func testTextIsNormalizedToNFC() throws {
        let nfd = "Huế".decomposedStringWithCanonicalMapping
        let text = try TextFile.decode(Data(nfd.utf8), path: "a.md").get()
        XCTAssertEqual(Array(text.utf8), Array("Huế".precomposedStringWithCanonicalMapping.utf8))
    }
}
