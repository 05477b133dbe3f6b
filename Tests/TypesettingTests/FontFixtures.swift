import Foundation
import Imaging
import Typesetting
import XCTest

/// The fonts the tests draw with. DejaVu Sans is the module's default and a system package,
/// not a fixture in the repository, so its absence skips (with the fix) rather than fails.
enum FontFixtures {
    static func dejaVu(bold: Bool = true) throws -> Font {
        guard let font = Font.findDefault(bold: bold) else {
            let paths = (bold ? Font.defaultBoldPaths : Font.defaultRegularPaths).joined(separator: ", ")
            throw XCTSkip("DejaVu Sans\(bold ? " Bold" : "") not found (looked in \(paths)); install fonts-dejavu-core to run the Typesetting tests")
        }
        return font
    }
}

/// A long Vietnamese sentence with most of the stacked marks a title can have.
let longVietnameseSentence =
    "Đầm Cầu Hai là đầm nước lợ lớn ở Phú Lộc, nơi người dân nuôi tôm cua, đánh bắt cá và giữ nghề làm nón lá truyền thống"

/// An image whose every pixel differs from its neighbours, so any stray write shows.
func patternedImage(width: Int, height: Int) -> RGBAImage {
    var image = RGBAImage(width: width, height: height, fill: SIMD4(0, 0, 0, 255))
    for y in 0..<height {
        for x in 0..<width {
            let r = UInt8(x & 255), g = UInt8(y & 255)
            let b = UInt8((x * 7 + y * 13) & 255), a = UInt8(128 + (x + y) % 128)
            image[x, y] = SIMD4(r, g, b, a)
        }
    }
    return image
}
