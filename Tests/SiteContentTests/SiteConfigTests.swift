import XCTest
@testable import SiteContent

final class SiteConfigTests: XCTestCase {
    func testMissingSiteFile() throws {
        let f = try Fixture(site: nil)
        try f.mkdir("content")
        XCTAssertTrue(single(f.errors(), "content/site.yml")?.message.hasPrefix("not found") ?? false)
    }

    func testRequiredKeysAndShapes() throws {
        let f = try Fixture(site: """
            title: { vi: "Vinh Hưng", fr: "Vinh Hung" }
            baseURL: vinhhung.example.vn
            languages: [vi, EN]
            payment:
              bankBin: "9704"
              account: "4000205123456"
              accountName: HTX
            """)
        let errors = f.errors().map(\.description)
        // With the languages themselves wrong, title's language keys cannot be checked yet.
        XCTAssertEqual(errors, [
            "content/site.yml:2: 'baseURL' must be the site's full web address, like https://vinhhung.example.vn/, got \"vinhhung.example.vn\"",
            "content/site.yml:3: 'languages' must be 2–3 letter lowercase codes like vi or en, got \"EN\"",
            "content/site.yml:5: 'payment.bankBin' must be the bank's 6-digit NAPAS BIN in quotes, like bankBin: \"970405\", got 9704",
        ], errors.joined(separator: "\n"))
    }

    func testLanguagesAreRequired() throws {
        let f = try Fixture(site: "title: Vinh Hưng\nbaseURL: https://x.example\nlanguges: [vi]\n")
        let errors = f.errors().map(\.description)
        XCTAssertEqual(errors.count, 2, errors.joined(separator: "\n"))
        XCTAssertTrue(errors.contains { $0.hasPrefix("content/site.yml:1: 'languages' is missing") }, errors.joined(separator: "\n"))
        XCTAssertTrue(errors.contains { $0.hasPrefix("content/site.yml:3: unknown key 'languges'; did you mean 'languages'?") })
    }

    func testUnknownLanguageInTitle() throws {
        let f = try Fixture(site: "title: { vi: A, fr: B }\nbaseURL: https://x.example/\nlanguages: [vi, en]\n")
        let errors = f.errors().map(\.description)
        XCTAssertEqual(errors, [
            "content/site.yml:1: 'title' has text for 'fr', which is not one of the site's languages (vi, en); expected one text per language, like { vi: …, en: … }",
        ])
    }

    func testDefaultsAndTrailingSlash() throws {
        let f = try Fixture(site: "title: Vinh Hưng\nbaseURL: https://x.example/vh\nlanguages: [vi]\n")
        let config = try f.load().config
        XCTAssertEqual(config.baseURL.absoluteString, "https://x.example/vh/")
        XCTAssertEqual(config.title.text("vi", fallback: "vi"), "Vinh Hưng")
        XCTAssertEqual(config.viewer, ViewerConfig())
        XCTAssertEqual(config.models, ModelDefaults())
        XCTAssertNil(config.payment)
        XCTAssertEqual(config.defaultLanguage, "vi")
    }
}
