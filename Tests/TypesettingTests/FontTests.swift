import Foundation
import Typesetting
import XCTest

final class FontTests: XCTestCase {
    func testDefaultBoldFontIsDejaVuSansBold() throws {
        let font = try FontFixtures.dejaVu(bold: true)
        XCTAssertEqual(font.familyName, "DejaVu Sans")
        XCTAssertEqual(font.styleName, "Bold")
        XCTAssertTrue(Font.defaultBoldPaths.contains(font.url.path), "\(font.url.path) is not one of the default paths")
    }

    func testNonFontFileErrorNamesTheFileAndWhatWasExpected() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("TypesettingTests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("title-font.ttf")
        try Data("this is a text file, not a TrueType font\n".utf8).write(to: file)

        XCTAssertThrowsError(try Font(contentsOf: file)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains(file.path), "message does not name the file: \(message)")
            XCTAssertTrue(message.contains("not a font file"), "message does not say what is wrong: \(message)")
            XCTAssertTrue(message.contains(".ttf/.otf"), "message does not say what was expected: \(message)")
        }
    }

    func testMissingFileErrorNamesTheFile() {
        let file = URL(fileURLWithPath: "/nonexistent/\(UUID().uuidString)/DejaVuSans.ttf")
        XCTAssertThrowsError(try Font(contentsOf: file)) { error in
            XCTAssertTrue("\(error)".contains(file.path), "message does not name the file: \(error)")
        }
    }

    func testPixelSizeOutsideTheAcceptedRangeThrows() throws {
        let font = try FontFixtures.dejaVu()
        XCTAssertThrowsError(try font.measure("A", pixelSize: 0))
        XCTAssertThrowsError(try font.measure("A", pixelSize: Font.maxPixelSize + 1))
    }
}

final class FontSharingTests: XCTestCase {
    /// The face's pixel size is shared state; without the font's lock, concurrent layouts at
    /// different sizes would measure with each other's size (or crash inside FreeType).
    func testOneFontSharedBetweenThreadsGivesTheSameResultsAsSerialUse() throws {
        let font = try FontFixtures.dejaVu()
        let sizes = Array(20...60)
        let expected = try sizes.map { try font.measure(longVietnameseSentence, pixelSize: $0) }
        let results = ResultBox(count: sizes.count * 4)
        DispatchQueue.concurrentPerform(iterations: sizes.count * 4) { index in
            let size = sizes[index % sizes.count]
            results.set(index, (try? font.measure(longVietnameseSentence, pixelSize: size)) ?? -1)
        }
        for index in 0..<sizes.count * 4 {
            XCTAssertEqual(results.values[index], expected[index % sizes.count], "size \(sizes[index % sizes.count])")
        }
    }
}

/// Results written from concurrent iterations, each to its own slot.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var values: [Int]
    init(count: Int) { values = Array(repeating: 0, count: count) }
    func set(_ index: Int, _ value: Int) {
        lock.lock()
        values[index] = value
        lock.unlock()
    }
}
