import Foundation
import Typesetting
import XCTest

final class LayoutTests: XCTestCase {
    func testMeasuredWidthIsPositiveAndGrowsWithPixelSize() throws {
        let font = try FontFixtures.dejaVu()
        let widths = try [24, 36, 48, 64].map { try font.measure("Đầm Cầu Hai", pixelSize: $0) }
        XCTAssertGreaterThan(widths[0], 0)
        for (smaller, larger) in zip(widths, widths.dropFirst()) {
            XCTAssertGreaterThan(larger, smaller, "widths by size: \(widths)")
        }
        // Roughly proportional: a 64 px line is between 2× and 3.5× a 24 px one.
        XCTAssertGreaterThan(Double(widths[3]) / Double(widths[0]), 2.0)
        XCTAssertLessThan(Double(widths[3]) / Double(widths[0]), 3.5)
    }

    func testWrappedLinesStayWithinMaxWidthAndKeepEveryWord() throws {
        let font = try FontFixtures.dejaVu()
        let layout = try TextLayout(longVietnameseSentence, font: font, pixelSize: 48, maxWidth: 700)
        XCTAssertGreaterThan(layout.lineCount, 1)
        XCTAssertFalse(layout.isTruncated)
        XCTAssertFalse(layout.hasBrokenWords)
        for line in layout.lines {
            XCTAssertLessThanOrEqual(line.width, 700, "line too wide: \(line.text)")
            XCTAssertGreaterThan(line.width, 0)
            XCTAssertFalse(line.text.hasPrefix(" ") || line.text.hasSuffix(" "), "untrimmed line: \"\(line.text)\"")
        }
        XCTAssertEqual(layout.lines.map(\.text).joined(separator: " "), longVietnameseSentence)
        // Greedy: each line's first word would not have fitted on the line before it.
        for (line, next) in zip(layout.lines, layout.lines.dropFirst()) {
            let firstWord = String(next.text.split(separator: " ")[0])
            XCTAssertGreaterThan(try font.measure(line.text + " " + firstWord, pixelSize: 48), 700)
        }
    }

    func testMaxLinesCutsTheTextAndEndsWithAnEllipsis() throws {
        let font = try FontFixtures.dejaVu()
        let layout = try TextLayout(longVietnameseSentence, font: font, pixelSize: 48, maxWidth: 700, maxLines: 2)
        XCTAssertEqual(layout.lineCount, 2)
        XCTAssertTrue(layout.isTruncated)
        let last = try XCTUnwrap(layout.lines.last)
        XCTAssertTrue(last.text.hasSuffix("…"), "last line: \(last.text)")
        XCTAssertFalse(last.text.hasSuffix(" …"))
        XCTAssertLessThanOrEqual(last.width, 700)
        XCTAssertFalse(layout.lines[0].text.contains("…"))
        XCTAssertEqual(layout.height, layout.ascender + layout.lineHeight + layout.descender)
    }

    func testDecomposedInputLaysOutLikePrecomposed() throws {
        let font = try FontFixtures.dejaVu()
        let precomposed = "Đầm Cầu Hai à Phú"
        let decomposed = "\u{0110}a\u{0302}\u{0300}m Ca\u{0302}\u{0300}u Hai a\u{0300} Phu\u{0301}"
        XCTAssertNotEqual(Array(precomposed.unicodeScalars), Array(decomposed.unicodeScalars), "inputs must really differ")
        XCTAssertEqual(precomposed, decomposed) // canonically equivalent

        let a = try TextLayout(precomposed, font: font, pixelSize: 40, maxWidth: 300)
        let b = try TextLayout(decomposed, font: font, pixelSize: 40, maxWidth: 300)
        XCTAssertEqual(a.lines, b.lines)
        // The font's precomposed letters are used: one glyph per character, not base + marks.
        let oneLine = try TextLayout(decomposed, font: font, pixelSize: 40)
        XCTAssertEqual(oneLine.lines.flatMap(\.glyphs).count, precomposed.count)
        XCTAssertEqual(Array(a.lines.map(\.text).joined().unicodeScalars), Array(b.lines.map(\.text).joined().unicodeScalars))
        XCTAssertTrue(b.missingCharacters.isEmpty)
    }

    func testWordLongerThanTheLineIsBrokenBetweenCharacters() throws {
        let font = try FontFixtures.dejaVu()
        let word = "Nghiêngnghiêngnghiêngnghiêngnghiêng"
        let layout = try TextLayout(word, font: font, pixelSize: 40, maxWidth: 250)
        XCTAssertGreaterThan(layout.lineCount, 1)
        XCTAssertTrue(layout.hasBrokenWords)
        XCTAssertEqual(layout.lines.map(\.text).joined(), word)
        for line in layout.lines { XCTAssertLessThanOrEqual(line.width, 250, line.text) }
    }

    func testKerningTightensPairsThatHaveIt() throws {
        let font = try FontFixtures.dejaVu(bold: false)
        try XCTSkipUnless(font.hasKerning, "\(font.url.path) has no 'kern' table")
        let pair = try font.measure("AV", pixelSize: 64)
        let apart = try font.measure("A", pixelSize: 64) + font.measure("V", pixelSize: 64)
        XCTAssertLessThan(pair, apart)
    }

    func testMissingGlyphsAreReportedAndEmptyTextHasNoLines() throws {
        let font = try FontFixtures.dejaVu()
        let layout = try TextLayout("Huế 日本", font: font, pixelSize: 32)
        XCTAssertEqual(layout.missingCharacters, ["日", "本"])

        let empty = try TextLayout("  \n ", font: font, pixelSize: 32, maxWidth: 100, maxLines: 2)
        XCTAssertEqual(empty.lineCount, 0)
        XCTAssertEqual(empty.height, 0)
        XCTAssertTrue(empty.bounds.isEmpty)
    }

    func testCentreAlignmentSplitsTheSlack() throws {
        let font = try FontFixtures.dejaVu()
        let layout = try TextLayout("Dưa lưới Vinh Hưng ngon", font: font, pixelSize: 48, maxWidth: 420, alignment: .center)
        XCTAssertGreaterThan(layout.lineCount, 1)
        for line in layout.lines {
            XCTAssertEqual(line.x, (layout.width - line.width) / 2, line.text)
        }
    }

    func testShrinkToFitKeepsShortTitlesLargeAndShrinksLongerOnes() throws {
        let font = try FontFixtures.dejaVu()
        let short = try TextLayout.fitting("Nón lá Phú Cam", font: font, pixelSizes: 36...64, maxWidth: 1000, maxLines: 2)
        XCTAssertEqual(short.pixelSize, 64)
        XCTAssertFalse(short.isTruncated)

        let longer = try TextLayout.fitting(
            "Nón lá Phú Cam, làng nghề bên sông Như Ý giữ nếp xưa qua bao đời", font: font,
            pixelSizes: 36...64, maxWidth: 1000, maxLines: 2)
        XCTAssertLessThan(longer.pixelSize, short.pixelSize)
        XCTAssertGreaterThanOrEqual(longer.pixelSize, 36)
        XCTAssertFalse(longer.isTruncated)
        XCTAssertLessThanOrEqual(longer.lineCount, 2)
        // The largest that fits: one pixel more would not.
        let bigger = try TextLayout(longer.text(), font: font, pixelSize: longer.pixelSize + 1, maxWidth: 1000, maxLines: 2)
        XCTAssertTrue(bigger.isTruncated)
    }

    func testShrinkToFitFallsBackToTheSmallestSizeWithAnEllipsis() throws {
        let font = try FontFixtures.dejaVu()
        let text = Array(repeating: longVietnameseSentence, count: 3).joined(separator: " ")
        let layout = try TextLayout.fitting(text, font: font, pixelSizes: 36...64, maxWidth: 1000, maxLines: 2)
        XCTAssertEqual(layout.pixelSize, 36)
        XCTAssertTrue(layout.isTruncated)
        XCTAssertEqual(layout.lineCount, 2)
        XCTAssertTrue(layout.lines[1].text.hasSuffix("…"))
    }
}

private extension TextLayout {
    /// The laid-out text with line breaks turned back into spaces (valid when not truncated).
    func text() -> String { lines.map(\.text).joined(separator: " ") }
}
