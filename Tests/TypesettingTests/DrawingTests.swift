import Imaging
import Typesetting
import XCTest

final class DrawingTests: XCTestCase {
    func testDrawingChangesPixelsOnlyInsideTheReturnedRect() throws {
        let font = try FontFixtures.dejaVu()
        let layout = try TextLayout("Đầm Cầu Hai — Ầ Ở Ỵ gặp", font: font, pixelSize: 48, maxWidth: 500, maxLines: 3)
        let before = patternedImage(width: 640, height: 360)
        var image = before
        let drawn = try draw(layout, into: &image, x: 40, y: 60, color: SIMD4(20, 30, 200, 255))

        XCTAssertFalse(drawn.inkRect.isEmpty)
        XCTAssertTrue(drawn.rect.contains(drawn.inkRect), "ink \(drawn.inkRect) outside \(drawn.rect)")
        // The layout's prediction, available before drawing, already holds all the ink.
        XCTAssertTrue(layout.bounds.offsetBy(x: 40, y: 60).contains(drawn.inkRect),
                      "ink \(drawn.inkRect) outside predicted \(layout.bounds.offsetBy(x: 40, y: 60))")
        XCTAssertEqual(drawn.lineCount, layout.lineCount)
        XCTAssertEqual(drawn.pixelSize, 48)
        XCTAssertEqual(drawn.firstBaseline, 60 + layout.ascender)

        var changed = 0
        var changedBounds = TextRect.zero
        for y in 0..<image.height {
            for x in 0..<image.width where image[x, y] != before[x, y] {
                changed += 1
                changedBounds = changedBounds.union(TextRect(x: x, y: y, width: 1, height: 1))
            }
        }
        XCTAssertGreaterThan(changed, 500, "text should cover many pixels")
        XCTAssertTrue(drawn.inkRect.contains(changedBounds), "changed pixels \(changedBounds) outside \(drawn.inkRect)")
    }

    func testAccentedCapitalInksAboveThePlainCapital() throws {
        let font = try FontFixtures.dejaVu()
        func inkTop(_ text: String) throws -> Int {
            var image = RGBAImage(width: 120, height: 140, fill: SIMD4(0, 0, 0, 0))
            let layout = try TextLayout(text, font: font, pixelSize: 64)
            let drawn = try draw(layout, into: &image, x: 20, y: 40, color: SIMD4(0, 0, 0, 255))
            XCTAssertEqual(drawn.firstBaseline, 40 + layout.ascender) // same baseline for both
            for y in 0..<image.height {
                for x in 0..<image.width where image[x, y].w > 0 { return y }
            }
            XCTFail("\(text) drew nothing")
            return .max
        }
        let plain = try inkTop("A")
        let accented = try inkTop("Ầ")
        XCTAssertLessThan(accented, plain - 8, "Ầ top \(accented), A top \(plain)")
        XCTAssertGreaterThanOrEqual(accented, 0, "marks must not be clipped in this image")
    }

    func testDrawingIsDeterministic() throws {
        let font = try FontFixtures.dejaVu()
        let layout = try TextLayout(longVietnameseSentence, font: font, pixelSize: 40, maxWidth: 560, maxLines: 3)
        var first = patternedImage(width: 600, height: 200)
        var second = first
        let a = try draw(layout, into: &first, x: 10, y: 10, color: SIMD4(250, 240, 10, 200))
        let b = try draw(layout, into: &second, x: 10, y: 10, color: SIMD4(250, 240, 10, 200))
        XCTAssertEqual(a, b)
        XCTAssertEqual(first, second)

        // A fresh layout and a fresh font give the same bytes too.
        let otherFont = try FontFixtures.dejaVu()
        let again = try TextLayout(longVietnameseSentence, font: otherFont, pixelSize: 40, maxWidth: 560, maxLines: 3)
        var third = patternedImage(width: 600, height: 200)
        try draw(again, into: &third, x: 10, y: 10, color: SIMD4(250, 240, 10, 200))
        XCTAssertEqual(first, third)
    }

    func testOnATransparentImageTheTextKeepsItsColour() throws {
        let font = try FontFixtures.dejaVu()
        var image = RGBAImage(width: 300, height: 80, fill: SIMD4(0, 255, 0, 0))
        try draw(try TextLayout("Vinh Hưng", font: font, pixelSize: 40), into: &image, x: 5, y: 5, color: SIMD4(200, 10, 60, 255))
        var partial = 0, full = 0
        var wrongColour: [String] = []
        for y in 0..<image.height {
            for x in 0..<image.width {
                let p = image[x, y]
                if p.w == 0 { continue }
                // Straight alpha: the colour stays the text's; only alpha carries the coverage.
                if SIMD3(p.x, p.y, p.z) != SIMD3(200, 10, 60) { wrongColour.append("(\(x), \(y)) = \(p)") }
                if p.w == 255 { full += 1 } else { partial += 1 }
            }
        }
        XCTAssertTrue(wrongColour.isEmpty, "\(wrongColour.count) pixels changed colour, e.g. \(wrongColour.prefix(3))")
        XCTAssertGreaterThan(full, 0, "stems should be fully covered")
        XCTAssertGreaterThan(partial, 0, "edges should be anti-aliased")
    }

    func testOnAnOpaqueImageColourAlphaScalesTheBlend() throws {
        let font = try FontFixtures.dejaVu()
        let layout = try TextLayout("H", font: font, pixelSize: 64)
        var opaque = RGBAImage(width: 80, height: 90, fill: SIMD4(255, 255, 255, 255))
        var half = opaque
        try draw(layout, into: &opaque, x: 5, y: 5, color: SIMD4(0, 0, 0, 255))
        try draw(layout, into: &half, x: 5, y: 5, color: SIMD4(0, 0, 0, 128))
        XCTAssertTrue(opaque.isOpaque)
        XCTAssertTrue(half.isOpaque)
        XCTAssertEqual(opaque.pixels.min(), 0, "a fully covered stem is pure black")
        // 255 − 255 × 128/255 = 127, give or take rounding.
        XCTAssertEqual(Int(half.pixels.min()!), 127, accuracy: 1)
    }

    func testTextRunningOffTheImageIsClipped() throws {
        let font = try FontFixtures.dejaVu()
        let layout = try TextLayout("Đầm Cầu Hai", font: font, pixelSize: 64)
        var image = RGBAImage(width: 100, height: 40, fill: SIMD4(255, 255, 255, 255))
        let drawn = try draw(layout, into: &image, x: -30, y: -20, color: SIMD4(0, 0, 0, 255))
        XCTAssertFalse(drawn.inkRect.isEmpty)
        XCTAssertTrue(TextRect(x: 0, y: 0, width: 100, height: 40).contains(drawn.inkRect))
        XCTAssertLessThan(drawn.rect.x, 0)

        var untouched = RGBAImage(width: 100, height: 40, fill: SIMD4(255, 255, 255, 255))
        let missed = try draw(layout, into: &untouched, x: 500, y: 500, color: SIMD4(0, 0, 0, 255))
        XCTAssertTrue(missed.inkRect.isEmpty)
        XCTAssertEqual(untouched, RGBAImage(width: 100, height: 40, fill: SIMD4(255, 255, 255, 255)))
    }
}
