import Foundation
import XCTest
@testable import SiteRender

final class JSONTextTests: XCTestCase {
    /// The text Foundation's JSONSerialization writes (sorted keys, slashes kept) for the trees
    /// the pages use, so switching writers changed no page.
    func testMatchesJSONSerializationForPageTrees() throws {
        let tree: [String: Any] = [
            "@context": "https://schema.org",
            "@graph": [["@type": "Product", "name": "Dưa \"lưới\" \\ <b>", "offers": ["price": 65000, "priceCurrency": "VND"],
                        "geo": ["latitude": 16.287, "longitude": 107.0], "isFamilyFriendly": true,
                        "note": "tab\there\nline\u{1}", "url": "https://x.vn/a/b/"] as [String: Any]],
        ]
        let foundation = String(decoding: try JSONSerialization.data(withJSONObject: tree, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
        XCTAssertEqual(JSONText.encode(tree), foundation)
        let strings: [[String: String]] = [["u": "/a/", "t": "Đầm", "f": "dam"], ["t": "x"]]
        XCTAssertEqual(JSONText.encode(strings), String(decoding: try JSONSerialization.data(withJSONObject: strings, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self))
    }

    func testLessThanEscapedForScriptElements() {
        XCTAssertEqual(JSONText.encode(["a": "</script><b>"], escapeLessThan: true), #"{"a":"\u003c/script>\u003cb>"}"#)
        XCTAssertEqual(JSONText.encode(["a": "</script>"]), #"{"a":"</script>"}"#)
    }

    func testKeysCaseInsensitiveThenExactNumbersShortest() {
        XCTAssertEqual(JSONText.encode(["b": 1, "B": 2, "a": 3, "@id": 4]), #"{"@id":4,"a":3,"B":2,"b":1}"#)
        XCTAssertEqual(JSONText.number(106.0), "106")
        XCTAssertEqual(JSONText.number(16.287), "16.287")
        XCTAssertEqual(JSONText.number(.nan), "null")
    }
}
