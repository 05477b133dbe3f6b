import XCTest
@testable import SiteContent

final class TranslationTests: XCTestCase {
    func testTranslationInALanguageTheSiteDoesNotHave() throws {
        let f = try Fixture()
        try f.write("content/places/a.md", "---\ntitle: A\n---\n")
        try f.write("content/places/a.fr.md", "---\ntitle: A\n---\n")
        let error = single(f.errors(), "content/places/a.fr.md")
        XCTAssertNil(error?.line)
        XCTAssertTrue(error?.message.hasPrefix("language 'fr' is not in site.yml's languages (vi, en)") ?? false, "\(String(describing: error))")
        XCTAssertTrue(error?.message.contains("content/places/a.en.md") ?? false)
    }

    func testDefaultLanguageAsTranslationSuffix() throws {
        let f = try Fixture()
        try f.write("content/places/a.md", "---\ntitle: A\n---\n")
        try f.write("content/places/a.vi.md", "---\ntitle: A\n---\n")
        XCTAssertTrue(single(f.errors(), "content/places/a.vi.md")?.message.contains("default language") ?? false)
    }

    func testTranslationWithoutDefaultFile() throws {
        let f = try Fixture()
        try f.write("content/places/a.en.md", "---\ntitle: A\n---\n")
        try f.write("content/places/b/index.en.md", "---\ntitle: B\n---\n")
        let errors = f.errors()
        XCTAssertTrue(single(errors, "content/places/a.en.md")?.message.contains("content/places/a.md") ?? false)
        XCTAssertTrue(single(errors, "content/places/b/index.en.md")?.message.contains("content/places/b/index.md") ?? false)
    }

    func testTranslationMayRepeatButNotChangeSharedFields() throws {
        let f = try Fixture()
        try f.write("models/x.obj", "v 0 0 0\n")
        try f.write("content/products/p.md", """
            ---
            title: P
            price: 65000
            model: { src: models/x.obj, height: 0.16, hotspots: [{ position: [0, 0, 0], label: Cuống }] }
            ---
            """)
        try f.write("content/products/p.en.md", """
            ---
            title: P (English)
            price: 70000
            ocop: 4
            model:
              src: ./models/x.obj
              height: 0.2
              hotspots:
                - { position: [0, 0, 0], label: Stem }
                - { label: Extra }
            ---
            """)
        let errors = f.errors().map(\.description)
        XCTAssertEqual(errors, [
            "content/products/p.en.md:3: 'price' differs from content/products/p.md; it is the same in every language, so change it in content/products/p.md (or leave it out here)",
            "content/products/p.en.md:4: 'ocop' differs from content/products/p.md; it is the same in every language, so change it in content/products/p.md (or leave it out here)",
            "content/products/p.en.md:7: 'model.height' differs from content/products/p.md; it is the same in every language, so change it in content/products/p.md (or leave it out here)",
            "content/products/p.en.md:8: 'model.hotspots' has 2 item(s) here but 1 in content/products/p.md; expected the same hotspots in the same order, each with its translated label",
        ], errors.joined(separator: "\n"))
    }

    func testDuplicateSlugsNameBothFiles() throws {
        let f = try Fixture()
        try f.write("content/places/dam-cau-hai.md", "---\ntitle: Đầm Cầu Hai\n---\n")
        try f.write("content/places/Đầm Cầu Hai.md", "---\ntitle: Đầm Cầu Hai\n---\n")
        try f.write("content/places/dam-cau-hai/index.md", "---\ntitle: Đầm Cầu Hai\n---\n")
        let errors = f.errors().map(\.description)
        XCTAssertEqual(errors.count, 2, errors.joined(separator: "\n"))
        XCTAssertTrue(errors.allSatisfy { $0.contains("would both get the web name 'dam-cau-hai' in places/") }, errors.joined(separator: "\n"))
        XCTAssertTrue(errors.contains { $0.hasPrefix("content/places/dam-cau-hai/index.md:") || $0.hasPrefix("content/places/dam-cau-hai/index.md: ") })
    }

    func testSameSlugInDifferentSectionsIsFine() throws {
        let f = try Fixture()
        try f.write("content/places/dua-luoi.md", "---\ntitle: Vườn dưa lưới\n---\n")
        try f.write("content/products/dua-luoi.md", "---\ntitle: Dưa lưới\n---\n")
        let site = try f.load()
        XCTAssertEqual(site.places.map(\.slug), ["dua-luoi"])
        XCTAssertEqual(site.products.map(\.slug), ["dua-luoi"])
    }
}
