import XCTest
@testable import SiteContent

final class MarkdownTests: XCTestCase {
    func testGFMTableRendersAsTable() {
        let html = Markdown.html("""
            | Giờ | Hoạt động |
            |-----|-----------|
            | 05:00 | Ngắm bình minh |
            """)
        XCTAssertTrue(html.contains("<table>"), html)
        XCTAssertTrue(html.contains("<th>Giờ</th>"), html)
        XCTAssertTrue(html.contains("<td>Ngắm bình minh</td>"), html)
    }

    func testCommonMarkBasics() {
        XCTAssertEqual(Markdown.html("# Đầm *Cầu* Hai"), "<h1>Đầm <em>Cầu</em> Hai</h1>\n")
        XCTAssertTrue(Markdown.html("~~cũ~~").contains("<del>cũ</del>"))
        XCTAssertTrue(Markdown.html("Xem https://vinhhung.example.vn nhé").contains("<a href=\"https://vinhhung.example.vn\">"))
    }

    func testRawHTMLAndScriptLinksAreNotPassedThrough() {
        let html = Markdown.html("""
            Trước <script>alert("x")</script> sau

            <iframe src="https://evil.example"></iframe>

            [bấm](javascript:alert(1))
            """)
        XCTAssertFalse(html.contains("<script"), html)
        XCTAssertFalse(html.contains("<iframe"), html)
        XCTAssertFalse(html.contains("javascript:"), html)
        XCTAssertTrue(html.contains("raw HTML omitted"), html)
    }

    func testEmptyInput() {
        XCTAssertEqual(Markdown.html(""), "")
    }
}
