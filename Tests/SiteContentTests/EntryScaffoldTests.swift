import Foundation
import XCTest
@testable import SiteContent

final class EntryScaffoldTests: XCTestCase {
    private func write(_ kind: Entry.Kind, _ name: String, into site: Fixture, languages: [Language] = ["vi", "en"]) throws -> [String] {
        try EntryScaffold(kind: kind, name: name).write(into: site.url("content"), languages: languages)
    }

    func testNewFilesOfEveryKindLoadAsTheyAre() throws {
        let site = try Fixture()
        XCTAssertEqual(try write(.place, "Đầm Cầu Hai", into: site), ["places/dam-cau-hai.md", "places/dam-cau-hai.en.md"])
        XCTAssertEqual(try write(.product, "dua-luoi", into: site), ["products/dua-luoi.md", "products/dua-luoi.en.md"])
        XCTAssertEqual(try write(.page, "Liên hệ: giờ làm việc", into: site), ["pages/lien-he-gio-lam-viec.md", "pages/lien-he-gio-lam-viec.en.md"])
        let content = try site.load()
        XCTAssertEqual(content.places.map(\.slug), ["dam-cau-hai"])
        XCTAssertEqual(content.places[0].translations["vi"]?.title, "Đầm Cầu Hai")
        XCTAssertEqual(content.places[0].translations["en"]?.title, "Đầm Cầu Hai", "until translated, English shows the title")
        XCTAssertEqual(content.products[0].translations["vi"]?.title, "Dua luoi")
        XCTAssertEqual(content.pages[0].translations["vi"]?.title, "Liên hệ: giờ làm việc", "quoted in YAML, read back whole")
        XCTAssertNil(content.products[0].model)
        XCTAssertNil(content.products[0].product?.price)
    }

    /// Every example, with its `#` removed, is a value the build accepts (photos and the model
    /// file stay commented: they name files that do not exist here).
    func testEveryExampleUncommentedIsAccepted() throws {
        let site = try Fixture()
        for path in try write(.product, "Dưa lưới", into: site) {
            let url = site.url("content/" + path)
            var inModel = false
            let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
                if line.hasPrefix("# model:") { inModel = true }
                if !line.hasPrefix("#  ") && !line.hasPrefix("# model:") { inModel = false }
                let isExample = line.hasPrefix("# ") && line.dropFirst(2).first.map { $0.isLetter || $0 == " " } == true
                    && line.contains(":") && !line.hasPrefix("# photos:") && !inModel
                    && !line.hasPrefix("# Xoá") && !line.hasPrefix("# Translation")
                return isExample ? String(line.dropFirst(2)) : String(line)
            }
            try Data(lines.joined(separator: "\n").utf8).write(to: url)
        }
        let product = try XCTUnwrap(try site.load().products.first)
        let facts = try XCTUnwrap(product.product)
        XCTAssertEqual(facts.price, 65000)
        XCTAssertEqual(facts.ocop, 4)
        XCTAssertEqual(facts.traceability?.batch, "DL-2026-05")
        XCTAssertEqual(facts.marketplaces.first?.name, "Postmart")
        XCTAssertEqual(product.location?.lat, 16.287)
        XCTAssertEqual(product.translations["vi"]?.summary, "Một câu giới thiệu ngắn, hiện trên thẻ và khi chia sẻ.")
        XCTAssertEqual(product.translations["en"]?.summary, "One short line, shown on cards and when the page is shared.")
        XCTAssertEqual(product.translations["en"]?.tags, ["ecotourism", "lagoon"])
    }

    func testNeverOverwrites() throws {
        let site = try Fixture()
        try site.write("content/places/dam-cau-hai.en.md", "---\ntitle: Cau Hai Lagoon\n---\nMine.\n")
        XCTAssertThrowsError(try write(.place, "dam-cau-hai", into: site)) { error in
            XCTAssertEqual(error as? EntryScaffold.Problem, .exists(site.url("content/places/dam-cau-hai.en.md").path))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: site.url("content/places/dam-cau-hai.md").path),
                       "nothing is written when any file is in the way")
        XCTAssertEqual(try String(contentsOf: site.url("content/places/dam-cau-hai.en.md"), encoding: .utf8),
                       "---\ntitle: Cau Hai Lagoon\n---\nMine.\n")
        try site.write("content/products/mam/index.md", "---\ntitle: Mắm\n---\n")
        XCTAssertThrowsError(try write(.product, "mam", into: site), "the folder form of the entry counts too")
    }

    func testNamesSlugsAndLanguages() throws {
        XCTAssertEqual(try EntryScaffold(kind: .place, name: "  Đầm Cầu Hai ").slug, "dam-cau-hai")
        XCTAssertEqual(try EntryScaffold(kind: .place, name: "lang-non-2").title, "Lang non 2")
        XCTAssertThrowsError(try EntryScaffold(kind: .place, name: "!!!")) { error in
            XCTAssertEqual(error as? EntryScaffold.Problem, .noSlug("!!!"))
        }
        let files = try EntryScaffold(kind: .page, name: "gioi-thieu").files(languages: ["en", "vi", "fr"])
        XCTAssertEqual(files.map(\.path), ["pages/gioi-thieu.md", "pages/gioi-thieu.vi.md", "pages/gioi-thieu.fr.md"])
        XCTAssertTrue(files[0].text.contains("Remove the # at the start"), "the default language's words")
        XCTAssertTrue(files[1].text.contains("Bản dịch của gioi-thieu.md"))
        XCTAssertTrue(files[2].text.contains("Translation of gioi-thieu.md"), "a language without its own words uses English")
        XCTAssertFalse(files[0].text.contains("producer"), "product fields only in products")
        XCTAssertEqual(EntryScaffold.yamlText("yes"), "\"yes\"")
        XCTAssertEqual(EntryScaffold.yamlText("12"), "\"12\"")
        XCTAssertEqual(EntryScaffold.yamlText("Nón \"lá\": Huế"), "\"Nón \\\"lá\\\": Huế\"")
        XCTAssertEqual(EntryScaffold.yamlText("Đầm Cầu Hai"), "Đầm Cầu Hai")
    }

    func testLanguagesComeFromSiteYML() throws {
        let site = try Fixture(site: Fixture.siteYML.replacingOccurrences(of: "languages: [vi, en]", with: "languages: [vi, en, fr]"))
        XCTAssertEqual(try EntryScaffold.languages(projectRoot: site.root, contentFolder: site.url("content")), ["vi", "en", "fr"])
        let missing = try Fixture(site: nil)
        XCTAssertThrowsError(try EntryScaffold.languages(projectRoot: missing.root, contentFolder: missing.url("content"))) { error in
            XCTAssertTrue(String(describing: error).contains("site.yml"), "\(error)")
        }
    }
}
