import Foundation
import SiteContent
@testable import SiteRender
import XCTest

/// Pages reused from the previous build: a Markdown body shows on its own entry's page only
/// (the rule `PageReuse` keys rest on), and a render that reuses equals a full render.
final class PageReuseTests: XCTestCase {
    /// The previous build as `PageReuse` sees it: every file with the key it had.
    final class Previous: @unchecked Sendable {
        var files: [String: OutputFile] = [:]
        var asked = 0
        private let lock = NSLock()

        init(_ files: [OutputFile]) {
            for file in files where file.reuseKey != nil { self.files[file.path] = file }
        }

        func reuse(salt: String = "program-1") -> PageReuse {
            PageReuse(salt: salt) { path, key in
                self.lock.withLock { self.asked += 1 }
                guard let file = self.files[path], file.reuseKey == key else { return nil }
                return file.bytes
            }
        }
    }

    func render(_ content: SiteContent, reuse: PageReuse? = PageReuse(salt: "program-1") { _, _ in nil }) throws -> [OutputFile] {
        try SiteRenderer(templatesDirectory: Fixture.templates).render(Fixture.input(content), reuse: reuse)
    }

    func changed(_ before: [OutputFile], _ after: [OutputFile]) -> Set<String> {
        let old = Dictionary(uniqueKeysWithValues: before.map { ($0.path, $0.bytes) })
        return Set(after.filter { old[$0.path] != $0.bytes }.map(\.path)).union(Set(old.keys).subtracting(after.map(\.path)))
    }

    func testABodyShowsOnItsOwnEntryPageOnly() throws {
        let before = try render(Fixture.content(), reuse: nil)
        var content = Fixture.content()
        content.places[0].translations["vi"]!.bodyHTML = "<p>Một đoạn văn mới.</p>\n"
        let after = try render(content, reuse: nil)
        XCTAssertEqual(changed(before, after), ["places/dam-cau-hai/index.html"],
                       "only the edited entry's page changes when its body does; PageReuse's keys depend on that")
    }

    func testNothingChangedRendersNothing() throws {
        let first = try render(Fixture.content())
        XCTAssertTrue(first.allSatisfy { !$0.isReused })
        let previous = Previous(first)
        let second = try render(Fixture.content(), reuse: previous.reuse())
        XCTAssertEqual(second.map(\.path), first.map(\.path))
        XCTAssertEqual(second.map(\.bytes), first.map(\.bytes))
        let keyed = second.filter { $0.reuseKey != nil }
        XCTAssertGreaterThan(keyed.count, 20)
        XCTAssertTrue(keyed.allSatisfy(\.isReused), "every page came from the previous build")
    }

    func testABodyEditRerendersThatEntryAndAnyOtherEditRerendersAll() throws {
        let first = try render(Fixture.content())
        let previous = Previous(first)
        let pageCount = first.filter { $0.reuseKey != nil }.count

        var bodyEdit = Fixture.content()
        bodyEdit.products[0].translations["en"]!.bodyHTML = "<p>Now with seeds.</p>"
        let afterBody = try render(bodyEdit, reuse: previous.reuse())
        XCTAssertEqual(afterBody.map(\.bytes), try render(bodyEdit, reuse: nil).map(\.bytes), "reusing equals rendering")
        let rendered = Set(afterBody.filter { $0.reuseKey != nil && !$0.isReused }.map(\.path))
        XCTAssertTrue(rendered.contains("en/products/dua-luoi/index.html"))
        XCTAssertTrue(rendered.allSatisfy { $0.contains("dua-luoi") }, "only the melon's pages: \(rendered.sorted())")

        for (name, edit) in [("title", { (c: inout SiteContent) in c.places[1].translations["vi"]!.title = "Làng nón mới" }),
                             ("site title", { (c: inout SiteContent) in c.config.title = LocalizedText(["vi": "Xã mới", "en": "New"]) }),
                             ("a tag", { (c: inout SiteContent) in c.places[0].translations["en"]!.tags = ["lagoon"] })] {
            var content = Fixture.content()
            edit(&content)
            let after = try render(content, reuse: previous.reuse())
            XCTAssertEqual(after.map(\.bytes), try render(content, reuse: nil).map(\.bytes), "\(name): reusing equals rendering")
            XCTAssertEqual(after.filter(\.isReused).count, 0, "\(name) may show on any page: all \(pageCount) rendered again")
        }

        let newProgram = try render(Fixture.content(), reuse: previous.reuse(salt: "program-2"))
        XCTAssertEqual(newProgram.filter(\.isReused).count, 0, "another build-site renders every page again")
    }
}
