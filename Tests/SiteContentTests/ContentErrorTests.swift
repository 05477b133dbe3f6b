import XCTest
@testable import SiteContent

final class ContentErrorTests: XCTestCase {
    func testDescriptionIsPathLineMessage() {
        XCTAssertEqual(ContentError(path: "content/products/dua-luoi.md", line: 7, message: "bad").description,
                       "content/products/dua-luoi.md:7: bad")
        XCTAssertEqual(ContentError(path: "content/site.yml", message: "not found").description,
                       "content/site.yml: not found")
    }

    func testErrorsAreSortedByPathThenLine() {
        let errors = ContentErrors([
            ContentError(path: "b.md", line: 3, message: "x"),
            ContentError(path: "a.md", line: 9, message: "x"),
            ContentError(path: "b.md", line: 1, message: "x"),
            ContentError(path: "a.md", message: "whole file"),
        ])
        XCTAssertEqual(errors.description, "a.md: whole file\na.md:9: x\nb.md:1: x\nb.md:3: x")
    }
}
