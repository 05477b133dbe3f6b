@testable import SiteServe
import XCTest

/// `Range: bytes=…` as RFC 9110 reads it.
final class ByteRangeTests: XCTestCase {
    func testRangesOfATenByteFile() {
        XCTAssertEqual(ByteRange(header: nil, length: 10), .whole)
        XCTAssertEqual(ByteRange(header: "bytes=0-3", length: 10), .part(0 ..< 4))
        XCTAssertEqual(ByteRange(header: "bytes=4-", length: 10), .part(4 ..< 10))
        XCTAssertEqual(ByteRange(header: "bytes=-3", length: 10), .part(7 ..< 10))
        XCTAssertEqual(ByteRange(header: "bytes=-30", length: 10), .part(0 ..< 10), "a suffix longer than the file is all of it")
        XCTAssertEqual(ByteRange(header: "bytes=5-99", length: 10), .part(5 ..< 10), "the end is clipped to the file")
        XCTAssertEqual(ByteRange(header: "BYTES=1-1", length: 10), .part(1 ..< 2))
    }

    func testUnsatisfiableAndIgnoredHeaders() {
        XCTAssertEqual(ByteRange(header: "bytes=10-", length: 10), .unsatisfiable)
        XCTAssertEqual(ByteRange(header: "bytes=12-20", length: 10), .unsatisfiable)
        XCTAssertEqual(ByteRange(header: "bytes=-0", length: 10), .unsatisfiable)
        XCTAssertEqual(ByteRange(header: "bytes=5-2", length: 10), .whole, "malformed: ignored")
        XCTAssertEqual(ByteRange(header: "bytes=0-1,4-5", length: 10), .whole, "several ranges: the whole file")
        XCTAssertEqual(ByteRange(header: "items=0-1", length: 10), .whole)
        XCTAssertEqual(ByteRange(header: "bytes=x-y", length: 10), .whole)
    }
}
