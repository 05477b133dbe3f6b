import Foundation
import SiteRender
import XCTest
@testable import SiteBuild

final class PageMemoTests: XCTestCase {
    private var cache: URL!
    private let output = URL(fileURLWithPath: "/tmp/some-project/_site")

    override func setUpWithError() throws {
        cache = FileManager.default.temporaryDirectory.appendingPathComponent("page-memo-\(UUID().uuidString)")
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: cache) }

    private func key(_ seed: String) -> String { VerifiedStore.sha256(Data(seed.utf8)) }

    func testSavedMemoLoadsBackPageForPage() throws {
        let files = [
            OutputFile(path: "index.html", bytes: Array("<p>home</p>".utf8), reuseKey: key("home")),
            OutputFile(path: "en/places/đầm cầu hai/index.html", bytes: Array("<p>Đầm</p>".utf8), reuseKey: key("lagoon")),
            OutputFile(path: "assets/x.svg", bytes: [1, 2, 3]),  // no key: not a page, not in the memo
        ]
        var memo = PageMemo(output: output, files: files, previous: nil)
        memo.totalFiles = 42
        try memo.save(in: cache)
        let loaded = try XCTUnwrap(PageMemo.load(cache: cache, output: output))
        XCTAssertEqual(loaded.totalFiles, 42)
        XCTAssertEqual(loaded.pages, memo.pages)
        XCTAssertEqual(loaded.pages.count, 2)
        XCTAssertEqual(loaded.pages["en/places/đầm cầu hai/index.html"]?.sha256, VerifiedStore.sha256(Data("<p>Đầm</p>".utf8)))
        XCTAssertEqual(loaded.pages["index.html"]?.key, key("home"))
    }

    func testMemoOfAnotherOutputOrDamagedIsIgnored() throws {
        let memo = PageMemo(output: output, files: [OutputFile(path: "index.html", bytes: [1], reuseKey: key("home"))], previous: nil)
        try memo.save(in: cache)
        XCTAssertNil(PageMemo.load(cache: cache, output: URL(fileURLWithPath: "/elsewhere/_site")))
        let file = PageMemo.file(in: cache)
        let text = try String(contentsOf: file, encoding: .utf8)
        for damaged in [text + "abc index2.html\n", text.replacingOccurrences(of: " index.html", with: "index.html"),
                        String(text.dropLast(20))] {
            try Data(damaged.utf8).write(to: file)
            XCTAssertNil(PageMemo.load(cache: cache, output: output), damaged)
        }
    }
}
