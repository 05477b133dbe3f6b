import XCTest
@testable import SiteRender

final class TemplateValuesTests: XCTestCase {
    private struct Inner: Encodable { var label: String; var note: String? }
    private struct Outer: Encodable {
        var title: String
        var count: Int
        var shown: Bool
        var ratio: Double
        var missing: String?
        var inner: Inner
        var list: [Inner]
        var words: [String]
        var shared: TemplateValues.Prebuilt
    }

    /// Structs become dictionaries, arrays arrays, leaves stay as they are, and nil optionals are
    /// left out (so the template engine climbs to enclosing sections, as for a nil field).
    func testContextsBecomeDictionaryTrees() throws {
        let value = Outer(title: "Đầm", count: 3, shown: true, ratio: 0.5, missing: nil,
                          inner: Inner(label: "a", note: "n"), list: [Inner(label: "b", note: nil)],
                          words: ["x", "y"], shared: TemplateValues.Prebuilt(tree: ["back": "Quay lại"]))
        let tree = try XCTUnwrap(TemplateValues.box(value) as? [String: Any])
        XCTAssertEqual(Set(tree.keys), ["title", "count", "shown", "ratio", "inner", "list", "words", "shared"])
        XCTAssertEqual(tree["title"] as? String, "Đầm")
        XCTAssertEqual(tree["count"] as? Int, 3)
        XCTAssertEqual(tree["shown"] as? Bool, true)
        XCTAssertEqual(tree["ratio"] as? Double, 0.5)
        XCTAssertEqual((tree["inner"] as? [String: Any])?["note"] as? String, "n")
        let list = try XCTUnwrap(tree["list"] as? [Any])
        XCTAssertEqual(list.count, 1)
        XCTAssertEqual(Set(try XCTUnwrap(list[0] as? [String: Any]).keys), ["label"])
        XCTAssertEqual(tree["words"] as? [String], ["x", "y"])
        XCTAssertEqual((tree["shared"] as? [String: String])?["back"], "Quay lại")
    }

    func testInterfaceWordsAreStringsOnly() {
        let words = UIStrings.vi.stringFields
        XCTAssertEqual(words["code"] as? String, "vi")
        XCTAssertEqual(words["back"] as? String, UIStrings.vi.back)
        XCTAssertNil(words["formatPrice"], "closures are for Swift, not templates")
    }
}
