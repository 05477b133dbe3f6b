import XCTest
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Imaging
import TestSupport
@testable import QRCode

final class QRCodeTests: XCTestCase {
    static let placeURL = "https://vinhhung.example.vn/places/dam-cau-hai/"
    /// The illustrative Agribank payload from ../shared/reference/vietqr.md (fake account).
    static let vietQRPayload =
        "00020101021238570010A00000072701270006970405011340002051234560208QRIBFTTA530370454061500005802VN62330106DH00120819MUA DUA LUOI DH00126304EA9F"

    // MARK: Encoding

    func testShortTextIsVersion1With21Modules() throws {
        let code = try QRCode(text: "Vinh Hung")
        XCTAssertEqual(code.size, 21)
        XCTAssertEqual(code.version, 1)
        XCTAssertEqual(code.errorCorrection, .medium)
        // Version 1 at M holds 14 bytes in 8-bit mode; 15 needs version 2 (25 modules).
        XCTAssertEqual(try QRCode(text: String(repeating: "a", count: 14)).size, 21)
        XCTAssertEqual(try QRCode(text: String(repeating: "a", count: 15)).size, 25)
    }

    func testFinderPatternsAreInTheCorners() throws {
        let code = try QRCode(text: Self.placeURL)
        XCTAssertEqual(code.size, 17 + 4 * code.version)
        for (ox, oy) in [(0, 0), (code.size - 7, 0), (0, code.size - 7)] {
            for y in 0..<7 {
                for x in 0..<7 {
                    let ring = max(abs(x - 3), abs(y - 3))
                    XCTAssertEqual(code.isDark(x: ox + x, y: oy + y), ring != 2, "finder at \(ox),\(oy): \(x),\(y)")
                }
            }
        }
        XCTAssertFalse(code.isDark(x: -1, y: 0))
        XCTAssertFalse(code.isDark(x: 0, y: code.size))
    }

    func testHigherErrorCorrectionNeedsAtLeastAsManyModules() throws {
        let sizes = try QRCode.ErrorCorrection.allCases.map { try QRCode(text: Self.vietQRPayload, errorCorrection: $0).size }
        XCTAssertEqual(sizes, sizes.sorted())
        XCTAssertLessThan(sizes.first!, sizes.last!)
    }

    func testEncodingIsCaseSensitiveAndDeterministic() throws {
        let lower = try QRCode(text: "dam cau hai")
        XCTAssertEqual(lower, try QRCode(text: "dam cau hai"))
        XCTAssertNotEqual(lower, try QRCode(text: "DAM CAU HAI"))
        // Exact bytes, NUL included, go through QRcode_encodeData.
        XCTAssertEqual(try QRCode(bytes: [0x41, 0x00, 0x42]).size, 21)
    }

    func testEmptyTextIsAnError() {
        XCTAssertThrowsError(try QRCode(text: "")) { error in
            XCTAssertEqual(error as? QRCodeError, .emptyInput)
            XCTAssertTrue("\(error)".contains("empty"))
        }
        XCTAssertThrowsError(try QRCode(bytes: []))
    }

    func testOverCapacityTextIsAnError() throws {
        // The largest symbol: version 40, 177 modules.
        XCTAssertEqual(try QRCode(text: String(repeating: "x", count: 2331)).size, 177)
        XCTAssertThrowsError(try QRCode(text: String(repeating: "x", count: 2332))) { error in
            XCTAssertEqual(error as? QRCodeError, .tooLong(byteCount: 2332, maximum: 2331, errorCorrection: .medium))
            XCTAssertTrue("\(error)".contains("at most 2331 bytes"), "\(error)")
        }
        XCTAssertEqual(try QRCode(text: String(repeating: "x", count: 1273), errorCorrection: .high).size, 177)
        XCTAssertThrowsError(try QRCode(text: String(repeating: "x", count: 1274), errorCorrection: .high)) { error in
            XCTAssertEqual(error as? QRCodeError, .tooLong(byteCount: 1274, maximum: 1273, errorCorrection: .high))
        }
        // Capacity counts UTF-8 bytes, not characters: "đ" is 2 bytes.
        XCTAssertThrowsError(try QRCode(text: String(repeating: "đ", count: 1166)))
    }

    // MARK: SVG

    func testSVGIsWellFormedCompactAndDeterministic() throws {
        let code = try QRCode(text: Self.placeURL)
        let svg = code.svg()
        XCTAssertEqual(svg, try QRCode(text: Self.placeURL).svg())
        let doc = try SVGDocument(svg)
        XCTAssertEqual(doc.elements.map(\.name), ["svg", "rect", "path"])
        let root = doc.elements[0].attributes
        let extent = code.size + 8
        XCTAssertEqual(root["xmlns"], "http://www.w3.org/2000/svg")
        XCTAssertEqual(root["viewBox"], "0 0 \(extent) \(extent)")
        XCTAssertEqual(root["shape-rendering"], "crispEdges")
        XCTAssertNil(root["width"])
        XCTAssertNil(root["height"])
        XCTAssertNil(root["role"])
        let rect = doc.elements[1].attributes
        XCTAssertEqual(rect["width"], "\(extent)")
        XCTAssertEqual(rect["height"], "\(extent)")
        XCTAssertEqual(rect["fill"], "#fff")
        XCTAssertEqual(doc.elements[2].attributes["stroke"], "#000", "dark runs are strokes one module wide")
        XCTAssertNil(doc.elements[2].attributes["stroke-width"], "the default width, 1, is one module")
        XCTAssertFalse(svg.contains("\n"))
    }

    func testSVGPathCoversExactlyTheDarkModules() throws {
        for (text, level) in [(Self.placeURL, QRCode.ErrorCorrection.medium), (Self.vietQRPayload, .quartile), ("A", .low)] {
            let code = try QRCode(text: text, errorCorrection: level)
            for quietZone in [4, 0, 2] {
                let doc = try SVGDocument(code.svg(quietZone: quietZone))
                let paths = doc.elements.filter { $0.name == "path" }
                XCTAssertEqual(paths.count, 1)
                let grid = try rasterize(pathData: XCTUnwrap(paths[0].attributes["d"]), extent: code.size + 2 * quietZone)
                for y in 0..<grid.count {
                    for x in 0..<grid.count {
                        let expected = code.isDark(x: x - quietZone, y: y - quietZone)
                        XCTAssertEqual(grid[y][x], expected ? 1 : 0, "\(text) qz \(quietZone) at \(x),\(y)")
                    }
                }
            }
        }
    }

    func testSVGSizeAttributesOnlyWithModuleSize() throws {
        let code = try QRCode(text: "Vinh Hung")
        let sized = try SVGDocument(code.svg(moduleSize: 4)).elements[0].attributes
        XCTAssertEqual(sized["width"], "\((21 + 8) * 4)")
        XCTAssertEqual(sized["height"], "\((21 + 8) * 4)")
        XCTAssertEqual(sized["viewBox"], "0 0 29 29")
        let noZone = try SVGDocument(code.svg(moduleSize: 3, quietZone: 0)).elements[0].attributes
        XCTAssertEqual(noZone["width"], "63")
        XCTAssertEqual(noZone["viewBox"], "0 0 21 21")
        // A negative quiet zone counts as none.
        XCTAssertEqual(code.svg(quietZone: -3), code.svg(quietZone: 0))
    }

    func testSVGTitleIsEscapedForAccessibility() throws {
        let code = try QRCode(text: Self.placeURL)
        let title = "Đầm Cầu Hai <QR> & \"Tôm\" 'hùm'\u{1}"
        let svg = code.svg(title: title)
        XCTAssertTrue(svg.contains("<title>Đầm Cầu Hai &lt;QR&gt; &amp; &quot;Tôm&quot; &apos;hùm&apos;</title>"), svg)
        let doc = try SVGDocument(svg)
        XCTAssertEqual(doc.elements.map(\.name), ["svg", "title", "rect", "path"])
        XCTAssertEqual(doc.elements[0].attributes["role"], "img")
        XCTAssertEqual(doc.titleText, "Đầm Cầu Hai <QR> & \"Tôm\" 'hùm'")
        // An empty title adds nothing.
        XCTAssertEqual(code.svg(title: ""), code.svg())
    }

    // MARK: Round trip through a real decoder (zbarimg)

    func testZbarDecodesPlaceURL() throws {
        try assertZbarDecodes(Self.placeURL)
    }

    func testZbarDecodesVietQRPayload() throws {
        try assertZbarDecodes(Self.vietQRPayload, levels: [.medium, .quartile])
    }

    // MARK: - Helpers

    func assertZbarDecodes(_ text: String, levels: [QRCode.ErrorCorrection] = [.medium],
                           file: StaticString = #filePath, line: UInt = #line) throws {
        guard let zbarimg = Self.findExecutable("zbarimg") else {
            throw XCTSkip("zbarimg is not installed (apt-get install -y zbar-tools); skipping the decode round trip")
        }
        let dir = try TemporaryDirectory("qrcode-tests")
        defer { dir.remove() }
        for level in levels {
            let code = try QRCode(text: text, errorCorrection: level)
            let png = try PNGCodec.encode(Self.raster(code, pixelsPerModule: 4, quietZone: 4))
            let url = dir.url.appendingPathComponent("qr-\(level).png")
            try Data(png).write(to: url)

            let process = Process()
            process.executableURL = zbarimg
            process.arguments = ["--raw", "-q", url.path]
            let out = Pipe()
            process.standardOutput = out
            process.standardError = Pipe()
            try process.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            XCTAssertEqual(process.terminationStatus, 0, "zbarimg found no code at \(level)", file: file, line: line)
            var decoded = String(decoding: data, as: UTF8.self)
            if decoded.hasSuffix("\n") { decoded.removeLast() }
            XCTAssertEqual(decoded, text, "zbarimg at \(level)", file: file, line: line)
        }
    }

    /// Black modules on white, `pixelsPerModule` px each, with a light quiet zone.
    static func raster(_ code: QRCode, pixelsPerModule: Int, quietZone: Int) -> RGBAImage {
        let side = (code.size + 2 * quietZone) * pixelsPerModule
        var image = RGBAImage(width: side, height: side, fill: SIMD4(255, 255, 255, 255))
        for y in 0..<side {
            for x in 0..<side where code.isDark(x: x / pixelsPerModule - quietZone, y: y / pixelsPerModule - quietZone) {
                image[x, y] = SIMD4(0, 0, 0, 255)
            }
        }
        return image
    }

    static func findExecutable(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    struct PathError: Error, CustomStringConvertible { var description: String }

    /// Fills the cells covered by stroked path data: per row `M{x} {y}.5h{n}`, then
    /// `m{dx} 0h{n}` for the row's further runs (a unit-wide stroke along y + 0.5 covers row y).
    /// Counts how often each cell is covered, so an overlap shows up as 2. Anything else is an error.
    func rasterize(pathData: String, extent: Int) throws -> [[Int]] {
        var grid = Array(repeating: Array(repeating: 0, count: extent), count: extent)
        let scanner = PathScanner(pathData)
        var penX = 0, row = -1
        while !scanner.atEnd {
            if scanner.peek == "M" {
                try scanner.expect("M")
                penX = try scanner.integer()
                try scanner.expect(" ")
                row = try scanner.integer()
                try scanner.expect(".")
                try scanner.expect("5")
            } else {
                try scanner.expect("m")
                let dx = try scanner.integer()
                try scanner.expect(" ")
                try scanner.expect("0")
                guard dx > 0, row >= 0 else { throw PathError(description: "relative move \(dx) does not move right on a row") }
                penX += dx
            }
            try scanner.expect("h")
            let run = try scanner.integer()
            guard run > 0, penX >= 0, row < extent, penX + run <= extent else {
                throw PathError(description: "run \(penX),\(row)+\(run) outside \(extent)")
            }
            for cx in penX..<(penX + run) { grid[row][cx] += 1 }
            penX += run
        }
        return grid
    }

    final class PathScanner {
        let chars: [Character]
        var index = 0
        init(_ text: String) { chars = Array(text) }
        var atEnd: Bool { index >= chars.count }
        var peek: Character? { index < chars.count ? chars[index] : nil }

        func expect(_ c: Character) throws {
            guard index < chars.count, chars[index] == c else {
                throw PathError(description: "expected \(c) at \(index)")
            }
            index += 1
        }

        func integer() throws -> Int {
            let start = index
            if index < chars.count, chars[index] == "-" { index += 1 }
            while index < chars.count, chars[index].isASCII, chars[index].isNumber { index += 1 }
            guard let value = Int(String(chars[start..<index])) else {
                throw PathError(description: "expected a number at \(start)")
            }
            return value
        }
    }
}

/// The elements of an SVG in document order, parsed with Foundation's XMLParser.
final class SVGDocument: NSObject, XMLParserDelegate {
    struct Element { var name: String; var attributes: [String: String] }
    private(set) var elements: [Element] = []
    private(set) var titleText = ""
    private var inTitle = false

    init(_ svg: String) throws {
        super.init()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = self
        guard parser.parse() else {
            throw QRCodeTests.PathError(description: "SVG is not well-formed: \(String(describing: parser.parserError))\n\(svg)")
        }
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        elements.append(Element(name: elementName, attributes: attributeDict))
        inTitle = elementName == "title"
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        if elementName == "title" { inTitle = false }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if inTitle { titleText += string }
    }
}
