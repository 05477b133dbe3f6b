import Foundation
import XCTest
@testable import SiteRender

final class TemplateLoadingTests: XCTestCase {
    private var directory: URL!

    override func setUpWithError() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("site-render-\(UUID().uuidString)/site-templates")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for name in SiteRenderer.requiredTemplates {
            try "<p>{{body}}</p>\n".write(to: directory.appendingPathComponent("\(name).mustache"), atomically: true, encoding: .utf8)
        }
    }

    override func tearDownWithError() throws {
        try FileManager.default.removeItem(at: directory.deletingLastPathComponent())
    }

    func testSyntaxErrorNamesFileAndLine() throws {
        try "<h1>{{title}}</h1>\n<p>\n{{#body}}never closed\n".write(
            to: directory.appendingPathComponent("place.mustache"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try SiteRenderer(templatesDirectory: directory)) { error in
            guard case let .templateSyntax(file, line, _, _)? = error as? RenderError else { return XCTFail("\(error)") }
            XCTAssertEqual(file, "site-templates/place.mustache")
            XCTAssertGreaterThanOrEqual(line, 3)
            XCTAssertTrue("\(error)".hasPrefix("site-templates/place.mustache:"), "\(error)")
        }
    }

    /// The line is the author's, whatever the renderer adds in front of a template.
    func testSyntaxErrorLineIsExact() throws {
        try "<p>fine</p>\n{{#a}}x{{/b}}\n".write(
            to: directory.appendingPathComponent("place.mustache"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try SiteRenderer(templatesDirectory: directory)) { error in
            guard case let .templateSyntax(_, line, _, _)? = error as? RenderError else { return XCTFail("\(error)") }
            XCTAssertEqual(line, 2, "\(error)")
        }
    }

    func testMissingTemplateIsNamed() throws {
        try FileManager.default.removeItem(at: directory.appendingPathComponent("product.mustache"))
        XCTAssertThrowsError(try SiteRenderer(templatesDirectory: directory)) { error in
            XCTAssertEqual(error as? RenderError, .missingTemplate(name: "product", directory: "site-templates"))
        }
    }

    func testTemplatesUnderStaticAreIgnored() throws {
        let staticDirectory = directory.appendingPathComponent("static/js")
        try FileManager.default.createDirectory(at: staticDirectory, withIntermediateDirectories: true)
        try "{{#broken".write(to: staticDirectory.appendingPathComponent("x.mustache"), atomically: true, encoding: .utf8)
        XCTAssertNoThrow(try SiteRenderer(templatesDirectory: directory))
    }

    func testShippedTemplatesLoad() throws {
        XCTAssertNoThrow(try SiteRenderer(templatesDirectory: Fixture.templates))
    }
}

final class EscapingTests: XCTestCase {
    func testComponentEncoding() {
        XCTAssertEqual(Escape.component("Dưa lưới"), "D%C6%B0a%20l%C6%B0%E1%BB%9Bi")
        XCTAssertEqual(Escape.component("https://example.vn/models/dua-luoi.glb"), "https%3A%2F%2Fexample.vn%2Fmodels%2Fdua-luoi.glb")
        XCTAssertEqual(Escape.component("a-b_c.d~"), "a-b_c.d~")
    }

    func testURLEncodingKeepsStructureAndIsIdempotent() {
        XCTAssertEqual(Escape.url("/assets/photos/hoàng hôn.jpg"), "/assets/photos/ho%C3%A0ng%20h%C3%B4n.jpg")
        XCTAssertEqual(Escape.url("https://x.vn/a?b=1&c=%2F#d"), "https://x.vn/a?b=1&c=%2F#d")
        XCTAssertEqual(Escape.url(Escape.url("/a b/%zz\"")), Escape.url("/a b/%zz\""))
        XCTAssertEqual(Escape.url("/a\"b<c>"), "/a%22b%3Cc%3E")
    }

    func testJavaScriptStringCannotCloseTheScript() {
        XCTAssertEqual(Escape.javaScriptString("/js/x.js"), "\"/js/x.js\"")
        let nasty = Escape.javaScriptString("</script><script>alert(\"1\")\\")
        XCTAssertFalse(nasty.contains("<"))
        XCTAssertEqual(nasty, #""\u003c/script\u003e\u003cscript\u003ealert(\"1\")\\""#)
    }

    func testNumbersAreShortAndLocaleFree() {
        XCTAssertEqual(formatNumber(Double(Float(0.2))), "0.2")
        XCTAssertEqual(formatNumber(1.0), "1")
        XCTAssertEqual(formatNumber(-0.0), "0")
        XCTAssertEqual(formatNumber(-1.25), "-1.25")
        XCTAssertEqual(formatNumber(1e-9), "0")
        XCTAssertEqual(groupDigits(65000, separator: "."), "65.000")
        XCTAssertEqual(groupDigits(1234567, separator: ","), "1,234,567")
        XCTAssertEqual(groupDigits(999, separator: ","), "999")
    }
}
