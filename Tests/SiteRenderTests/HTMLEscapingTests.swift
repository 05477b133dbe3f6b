import Mustache
import XCTest
@testable import SiteRender

final class HTMLEscapingTests: XCTestCase {
    /// The same text as the library's own HTML escaping, which templates used before.
    func testSameAsTheLibrarysEscaping() throws {
        let template = try MustacheTemplate(string: "{{value}}")
        let samples = ["", "Đầm Cầu Hai", "a & b", "<script>alert('x')</script>", "\"quoted\" 'single'",
                       "https://x.vn/?a=1&b=2", "🇻🇳 Nón lá <b>&\"", "&amp; already", "tab\tnew\nline", ">>><<<"]
        for sample in samples {
            XCTAssertEqual(FastHTMLEscaping.escape(sample), template.render(["value": sample]), sample)
        }
    }

    /// Every template gets the pragma line, renders nothing for it, and keeps its own line numbers.
    func testPragmaLineIsInvisible() throws {
        FastHTMLEscaping.register()
        let template = try MustacheTemplate(string: FastHTMLEscaping.pragma + "{{! note }}\n<p>{{value}}</p>\n")
        XCTAssertEqual(template.render(["value": "a<b"]), "<p>a&lt;b</p>\n")
    }
}
