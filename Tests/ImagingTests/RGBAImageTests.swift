import XCTest
@testable import Imaging

final class RGBAImageTests: XCTestCase {
    func testFillSubscriptAndOpacity() {
        var image = RGBAImage(width: 3, height: 2, fill: SIMD4(1, 2, 3, 255))
        XCTAssertEqual(image.pixels.count, 3 * 2 * 4)
        XCTAssertEqual(image[2, 1], SIMD4(1, 2, 3, 255))
        XCTAssertTrue(image.isOpaque)

        image[1, 0] = SIMD4(9, 8, 7, 254)
        XCTAssertEqual(image[1, 0], SIMD4(9, 8, 7, 254))
        // Row-major, top row first: (1, 0) is the second pixel.
        XCTAssertEqual(Array(image.pixels[4..<8]), [9, 8, 7, 254])
        XCTAssertFalse(image.isOpaque)
    }

    func testPixelsInitAndEquality() {
        let a = RGBAImage(width: 1, height: 2, pixels: [1, 2, 3, 4, 5, 6, 7, 8])
        XCTAssertEqual(a[0, 1], SIMD4(5, 6, 7, 8))
        XCTAssertEqual(a, RGBAImage(width: 1, height: 2, pixels: [1, 2, 3, 4, 5, 6, 7, 8]))
        XCTAssertNotEqual(a, RGBAImage(width: 2, height: 1, pixels: [1, 2, 3, 4, 5, 6, 7, 8]))
        XCTAssertTrue(RGBAImage(width: 0, height: 0, pixels: []).isOpaque)
    }
}
