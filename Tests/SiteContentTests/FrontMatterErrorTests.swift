import XCTest
@testable import SiteContent

/// Mistakes in front matter: each one reported on the right line with what was expected.
final class FrontMatterErrorTests: XCTestCase {
    func testMalformedYAMLIsReportedOnItsLine() throws {
        let f = try Fixture()
        try f.write("content/places/hue.md", """
            ---
            title: Huế
            summary: Huế: cố đô
            ---
            """)
        let error = single(f.errors(), "content/places/hue.md")
        XCTAssertEqual(error?.line, 3)
        XCTAssertTrue(error?.message.contains("not valid YAML") ?? false, "\(String(describing: error))")
        XCTAssertTrue(error?.message.contains("in quotes") ?? false, "\(String(describing: error))")
    }

    func testTabIndentationIsExplained() throws {
        let f = try Fixture()
        try f.write("content/places/hue.md", "---\ntitle: Huế\nmodel:\n\tsrc: models/x.obj\n---\n")
        let error = single(f.errors(), "content/places/hue.md")
        XCTAssertEqual(error?.line, 4)
        XCTAssertTrue(error?.message.contains("spaces, not tabs") ?? false, "\(String(describing: error))")
    }

    func testLineNumbersCountFromTheFileNotTheYAML() throws {
        let f = try Fixture()
        // A BOM, a Windows line end and two blank lines before '---': YAML line 1 is file line 4.
        try f.write("content/products/dua-luoi.md", "\u{FEFF}\r\n\r\n---\r\ntitle: Dưa lưới\r\nocop: bốn\r\n---\r\n")
        let error = single(f.errors(), "content/products/dua-luoi.md")
        XCTAssertEqual(error?.description, "content/products/dua-luoi.md:5: 'ocop' must be a whole number from 3 to 5, got \"bốn\"")
    }

    func testWrongTypeIsReportedOnTheKeysLine() throws {
        let f = try Fixture()
        try f.write("content/products/dua-luoi.md", """
            ---
            title: Dưa lưới Vinh Hưng
            summary: Ngọt thanh
            producer: HTX Nông nghiệp Vinh Hưng
            price: 65000
            unit: kg
            ocop: bốn
            ---
            """)
        XCTAssertEqual(f.errors().map(\.description),
                       ["content/products/dua-luoi.md:7: 'ocop' must be a whole number from 3 to 5, got \"bốn\""])
    }

    func testWrongTypesInNestedValues() throws {
        let f = try Fixture()
        try f.write("models/x.obj", "v 0 0 0\n")
        try f.write("content/places/a.md", """
            ---
            title: A
            model:
              src: models/x.obj
              height: 1,2
            ---
            """)
        try f.write("content/places/b.md", """
            ---
            title: B
            tags: sinh thái
            ---
            """)
        try f.write("content/products/c.md", """
            ---
            title: C
            price: 65.000đ
            ---
            """)
        let errors = f.errors()
        XCTAssertEqual(single(errors, "content/places/a.md")?.description,
                       "content/places/a.md:5: 'model.height' must be the real height in metres, a number greater than 0 (with a dot: 1.2), got \"1,2\"")
        XCTAssertEqual(single(errors, "content/places/b.md")?.line, 3)
        XCTAssertTrue(single(errors, "content/places/b.md")?.message.hasPrefix("'tags' must be a list") ?? false)
        XCTAssertEqual(single(errors, "content/products/c.md")?.line, 3)
        XCTAssertTrue(single(errors, "content/products/c.md")?.message.contains("got \"65.000đ\"") ?? false)
    }

    func testMissingRequiredFields() throws {
        let f = try Fixture()
        try f.write("content/places/no-title.md", "---\nsummary: Chưa có tên\n---\n")
        try f.write("content/places/empty.md", "---\n---\nChỉ có thân bài\n")
        try f.write("content/places/no-lon.md", "---\ntitle: A\nlocation:\n  lat: 16.2\n---\n")
        try f.write("content/places/no-src.md", "---\ntitle: A\nmodel:\n  height: 1\n---\n")
        let errors = f.errors()
        XCTAssertEqual(single(errors, "content/places/no-title.md")?.line, 2)
        XCTAssertTrue(single(errors, "content/places/no-title.md")?.message.hasPrefix("'title' is missing") ?? false)
        XCTAssertEqual(single(errors, "content/places/empty.md")?.line, 2)
        XCTAssertEqual(single(errors, "content/places/no-lon.md")?.line, 3)
        XCTAssertTrue(single(errors, "content/places/no-lon.md")?.message.hasPrefix("'location' is missing 'lon'") ?? false)
        XCTAssertEqual(single(errors, "content/places/no-src.md")?.line, 3)
        XCTAssertTrue(single(errors, "content/places/no-src.md")?.message.hasPrefix("'model' is missing 'src'") ?? false)
    }

    func testUnknownKeysAreErrorsWithTheAllowedKeys() throws {
        let f = try Fixture()
        try f.write("models/x.obj", "v 0 0 0\n")
        try f.write("content/places/a.md", """
            ---
            title: A
            model:
              src: models/x.obj
              heigth: 1.2
            ocop: 4
            ---
            """)
        let errors = f.errors()
        XCTAssertEqual(errors.count, 2, errors.map(\.description).joined(separator: "\n"))
        XCTAssertEqual(errors.first?.line, 5)
        XCTAssertTrue(errors.first?.message.hasPrefix("unknown key 'heigth' in 'model'; did you mean 'height'?") ?? false,
                      "\(String(describing: errors.first))")
        XCTAssertTrue(errors.first?.message.contains("Allowed keys: alt, cameraOrbit, compression, height, hotspots, length") ?? false)
        // ocop is a product key: on a place it is unknown.
        XCTAssertEqual(errors.last?.line, 6)
        XCTAssertTrue(errors.last?.message.hasPrefix("unknown key 'ocop'") ?? false, "\(String(describing: errors.last))")
    }

    func testKeyWrittenTwice() throws {
        let f = try Fixture()
        try f.write("content/places/a.md", "---\ntitle: A\nsummary: x\ntitle: B\n---\n")
        let error = single(f.errors(), "content/places/a.md")
        XCTAssertEqual(error?.line, 4)
        XCTAssertEqual(error?.message, "'title' is written twice (first on line 2); keep one")
    }

    func testValuesOutOfRange() throws {
        let f = try Fixture()
        try f.write("models/x.obj", "v 0 0 0\n")
        try f.write("content/products/p.md", """
            ---
            title: P
            ocop: 7
            price: -5
            location: { lat: 95, lon: 107 }
            model: { src: models/x.obj, height: 0, up: x, compression: draco, maxTextureSize: 0, textureFormat: gif }
            traceability:
              harvested: 2026-02-30
            marketplaces:
              - { name: Postmart, url: postmart.vn }
            photos: [missing.jpg]
            ---
            """)
        let messages = f.errors().map(\.description)
        let expected = [
            "content/products/p.md:3: 'ocop' must be a whole number from 3 to 5, got 7",
            "content/products/p.md:4: 'price' must be a whole number of đồng, 0 or more, written without dots or spaces (like 65000), got -5",
            "content/products/p.md:5: 'location.lat' must be a latitude from -90 to 90 in decimal degrees (with a dot: 16.2870), got 95",
            "content/products/p.md:6: 'model.height' must be the real height in metres, a number greater than 0 (with a dot: 1.2), got 0",
            "content/products/p.md:6: 'model.up' must be y or z (the axis that points up in the model file), got \"x\"",
            "content/products/p.md:6: 'model.compression' must be meshopt, quantize or none, got \"draco\"",
            "content/products/p.md:6: 'model.maxTextureSize' must be a whole number of pixels greater than 0, like 2048, got 0",
            "content/products/p.md:6: 'model.textureFormat' must be webp or jpeg, got \"gif\"",
            "content/products/p.md:8: 'traceability.harvested' must be a date written YYYY-MM-DD, like 2026-05-12, got \"2026-02-30\"",
            "content/products/p.md:10: 'marketplaces.url' must be a web address starting with https://, got \"postmart.vn\"",
            "content/products/p.md:11: 'photos' 'content/products/missing.jpg' was not found; expected a image file at that path (check the spelling and the folder)",
        ]
        for message in expected {
            XCTAssertTrue(messages.contains(message), "missing: \(message)\nall:\n\(messages.joined(separator: "\n"))")
        }
        XCTAssertEqual(messages.count, expected.count, messages.joined(separator: "\n"))
    }

    func testManyErrorsInManyFilesAreReportedTogether() throws {
        let f = try Fixture()
        try f.write("content/places/a.md", "---\ntitle: A\nlocation: { lat: 100, lon: 200 }\n---\n")
        try f.write("content/places/b.md", "no front matter\n")
        try f.write("content/products/c.md", "---\ntitle: C\nocop: 2\nprice: x\n---\n")
        try f.write("content/pages/d.md", "---\ntitle: [D\n---\n")
        let errors = f.errors()
        XCTAssertEqual(errors.map(\.path), [
            "content/pages/d.md",
            "content/places/a.md", "content/places/a.md",
            "content/places/b.md",
            "content/products/c.md", "content/products/c.md",
        ], errors.map(\.description).joined(separator: "\n"))
        XCTAssertEqual(errors.filter { $0.path == "content/places/a.md" }.map(\.line), [3, 3])
        // A value of the wrong type does not hide the next key's mistake.
        XCTAssertEqual(errors.filter { $0.path == "content/products/c.md" }.map(\.line), [3, 4])
    }
}
