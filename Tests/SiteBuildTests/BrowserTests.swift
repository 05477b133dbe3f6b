import Foundation
import Imaging
import TestSupport
import XCTest

/// The example site in a real browser (Debian's headless Chromium), on ExampleSiteTests' one build.
///
/// A copy of the built site is served on 127.0.0.1; in the copy, the scripts that would come from
/// the internet (model-viewer, its meshopt decoder, Leaflet) point at local empty files, since
/// nothing outside the machine loads here. One browser pass (two Chromium instances side by side)
/// loads every page and is shared by the checks below.
extension ExampleSiteTests {
    struct BrowserRun {
        var origin: String
        var results: [String: HeadlessChromium.PageResult]  // by site path ("/products/dua-luoi/")
        var sitemapPaths: [String]
        var otherPaths: [String]
        var swapped: [String]
        var seconds: Double
        var serverFailures: [String]
    }

    nonisolated(unsafe) static var browserRunCache: BrowserRun?
    nonisolated(unsafe) static var browserCopyCache: URL?

    static let brokenProbe = "/__test__/broken/"
    static let cleanProbe = "/__test__/clean/"
    static let searchQueries = ["/search/?q=dam", "/search/?q=dua%20luoi"]
    static let searchProbe = "(function(){var i=document.getElementById('search-input');return i?i.value:'(no #search-input)';})()"

    func requireChromium() throws {
        guard HeadlessChromium.executable != nil else { throw XCTSkip(HeadlessChromium.missingMessage) }
        guard StaticServer.python != nil else { throw XCTSkip("python3 is not on PATH; the browser tests serve the site with it") }
    }

    /// The built site copied for the browser, external scripts swapped for local empty ones, plus
    /// two probe pages (one deliberately broken, one clean) that prove the console checker works.
    func browserSiteCopy() throws -> URL {
        if let copy = Self.browserCopyCache { return copy }
        let (output, _) = try site()
        let folder = try XCTUnwrap(Self.temp).url.appendingPathComponent("browser")
        let copy = folder.appendingPathComponent("_site")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: output, to: copy)
        var swapped: [String] = []
        for page in SiteFiles.files(under: copy) where page.hasSuffix(".html") {
            let url = copy.appendingPathComponent(page)
            let original = try String(contentsOf: url, encoding: .utf8)
            let (html, changes) = Self.swapExternalScripts(original)
            if html != original { try html.write(to: url, atomically: true, encoding: .utf8) }
            swapped += changes.map { "\(page): \($0)" }
        }
        let test = copy.appendingPathComponent("__test__")
        try FileManager.default.createDirectory(at: test.appendingPathComponent("broken"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: test.appendingPathComponent("clean"), withIntermediateDirectories: true)
        try "// Stands in for an external script that cannot load in the test.\n".write(to: test.appendingPathComponent("empty.js"), atomically: true, encoding: .utf8)
        try "/* Stands in for an external stylesheet that cannot load in the test. */\n".write(to: test.appendingPathComponent("empty.css"), atomically: true, encoding: .utf8)
        try """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Deliberately broken</title>
            <link rel="icon" href="data:,">
            <link rel="stylesheet" href="/__test__/missing.css">
            <script type="module" src="/__test__/missing-module.js"></script>
            </head><body><p>Broken on purpose: the browser check must flag this page.</p>
            <img src="/__test__/missing.png" alt="">
            <img src="https://example.invalid/elsewhere.png" alt="">
            <script>console.error("deliberate console error")</script>
            <script>throw new Error("deliberate uncaught error")</script>
            </body></html>
            """.write(to: test.appendingPathComponent("broken/index.html"), atomically: true, encoding: .utf8)
        try """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Clean</title>
            <link rel="icon" href="data:,"><link rel="stylesheet" href="/__test__/empty.css">
            <script defer src="/__test__/empty.js"></script></head>
            <body><p>Nothing wrong here.</p><script>console.log("a log line is not an error")</script></body></html>
            """.write(to: test.appendingPathComponent("clean/index.html"), atomically: true, encoding: .utf8)
        try swapped.joined(separator: "\n").write(to: folder.appendingPathComponent("swapped.txt"), atomically: true, encoding: .utf8)
        Self.browserCopyCache = copy
        return copy
    }

    /// model-viewer's script, its meshopt decoder and Leaflet's script and stylesheet → /__test__/empty.*.
    static func swapExternalScripts(_ original: String) -> (String, [String]) {
        var html = original
        var changes: [String] = []
        func replace(_ address: String, with local: String, _ what: String) {
            for quote in ["\"", "'"] where html.contains(quote + address + quote) {
                html = html.replacingOccurrences(of: quote + address + quote, with: quote + local + quote)
                changes.append("\(what) \(address) → \(local)")
            }
        }
        for tag in HTMLScanner.tags(original) where !tag.isEnd {
            if tag.name == "script", let src = tag.attribute("src"), src.hasPrefix("http") {
                if src.contains("model-viewer") { replace(src, with: "/__test__/empty.js", "model-viewer script") }
                else if src.contains("leaflet") { replace(src, with: "/__test__/empty.js", "Leaflet script") }
            }
            if tag.name == "link", let href = tag.attribute("href"), href.hasPrefix("http"), href.contains("leaflet"),
               (tag.attribute("rel") ?? "").contains("stylesheet") {
                replace(href, with: "/__test__/empty.css", "Leaflet stylesheet")
            }
            if tag.name == "script", let code = tag.rawText {
                for match in code.matches(of: /meshoptDecoderLocation\s*=\s*["'](https?:\/\/[^"']+)["']/) {
                    replace(String(match.1), with: "/__test__/empty.js", "meshopt decoder")
                }
            }
        }
        return (html, changes)
    }

    /// The one browser pass: every page (sitemap first, then pages it leaves out), the probes, the
    /// search queries when a search page exists, and the two screenshots.
    func browserRun() throws -> BrowserRun {
        if let run = Self.browserRunCache { return run }
        try requireChromium()
        let copy = try browserSiteCopy()
        let work = copy.deletingLastPathComponent().appendingPathComponent("chromium")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let server = try StaticServer(root: copy, logFile: work.appendingPathComponent("server.log"))
        defer { server.stop() }
        let base = SiteFiles.exampleBaseURL

        let sitemap = try String(contentsOf: copy.appendingPathComponent("sitemap.xml"), encoding: .utf8)
        let sitemapPaths = sitemap.matches(of: /<loc>\s*([^<]*?)\s*<\/loc>/).map { match -> String in
            let location = String(match.1)
            return location.hasPrefix(base) ? "/" + location.dropFirst(base.count) : location
        }
        let listed = Set(sitemapPaths)
        let otherPaths = SiteFiles.files(under: copy)
            .filter { $0.hasSuffix(".html") && !$0.hasPrefix("__test__/") }
            .map(SiteFiles.sitePath(ofFile:))
            .filter { !listed.contains($0) }
        var paths = [Self.brokenProbe, Self.cleanProbe] + sitemapPaths + otherPaths
        let hasSearch = FileManager.default.fileExists(atPath: copy.appendingPathComponent("search/index.html").path)
        if hasSearch { paths += Self.searchQueries }

        let shots = work.appendingPathComponent("screenshots")
        try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
        let screenshotFor = ["/": "home-390x844.png", "/products/dua-luoi/": "product-dua-luoi-390x844.png"]
        let requests = paths.map { path in
            HeadlessChromium.PageRequest(url: server.origin + path,
                                         screenshot: screenshotFor[path].map { shots.appendingPathComponent($0).path },
                                         evaluate: Self.searchQueries.contains(path) ? Self.searchProbe : nil)
        }
        let started = Date()
        let results = try HeadlessChromium.check(requests, origin: server.origin, workFolder: work, parallel: 2)
        let seconds = Date().timeIntervalSince(started)
        var byPath: [String: HeadlessChromium.PageResult] = [:]
        for (path, result) in zip(paths, results) { byPath[path] = result }
        let swapped = (try? String(contentsOf: copy.deletingLastPathComponent().appendingPathComponent("swapped.txt"), encoding: .utf8)) ?? ""
        let run = BrowserRun(origin: server.origin, results: byPath, sitemapPaths: sitemapPaths, otherPaths: otherPaths,
                             swapped: swapped.split(separator: "\n").map(String.init), seconds: seconds,
                             serverFailures: server.failedRequestsInLog)
        print("browser: \(paths.count) pages (\(sitemapPaths.count) from the sitemap, \(otherPaths.count) others, 2 probes"
              + (hasSearch ? ", 2 search queries" : "") + ") in \(String(format: "%.1f", seconds)) s with 2 headless Chromium "
              + "instances; \(run.swapped.count) external references swapped for local empty files")
        Self.browserRunCache = run
        return run
    }

    // MARK: - The checker proves itself

    func testBrowserCheckFlagsADeliberatelyBrokenPageAndPassesACleanOne() throws {
        let run = try browserRun()
        let broken = try XCTUnwrap(run.results[Self.brokenProbe])
        let report = (broken.problems + broken.externalRequests.map { "external: \($0)" }).joined(separator: "\n")
        for needle in ["Uncaught Error: deliberate uncaught error", "console.error: deliberate console error",
                       "/__test__/missing.png -> HTTP 404", "/__test__/missing.css -> HTTP 404",
                       "/__test__/missing-module.js -> HTTP 404", "Failed to load resource",
                       "external: https://example.invalid/elsewhere.png"] {
            XCTAssertTrue(report.contains(needle), "the browser check missed “\(needle)” on the broken probe page; it saw:\n\(report)")
        }
        let clean = try XCTUnwrap(run.results[Self.cleanProbe])
        XCTAssertEqual(clean.problems + clean.externalRequests, [], "the clean probe page must report nothing")
    }

    // MARK: - Every page

    func testEveryPageLoadsInChromiumWithoutConsoleErrorsOrFailedRequests() throws {
        let run = try browserRun()
        XCTAssertGreaterThan(run.sitemapPaths.count, 20)
        XCTAssertTrue(run.swapped.contains { $0.contains("model-viewer script") }, "no model-viewer script was swapped:\n\(run.swapped)")
        XCTAssertTrue(run.swapped.contains { $0.contains("meshopt decoder") }, "no meshopt decoder was swapped")
        var failures: [String] = []
        for path in run.sitemapPaths + run.otherPaths + (run.results[Self.searchQueries[0]] != nil ? Self.searchQueries : []) {
            guard let result = run.results[path] else { failures.append("\(path): not checked"); continue }
            let listed = run.sitemapPaths.contains(path) ? "" : " (not in the sitemap)"
            for problem in result.problems { failures.append("\(path)\(listed): \(problem)") }
            for address in result.externalRequests {
                failures.append("\(path)\(listed): requests \(address) from another origin, which cannot load here "
                                + "(swap it in BrowserTests.swapExternalScripts, or serve it from the site)")
            }
        }
        let slowest = run.results.values.max { ($0.seconds ?? 0) < ($1.seconds ?? 0) }
        print("browser: slowest page \(slowest?.url ?? "-") \(slowest?.seconds ?? 0) s")
        XCTAssertTrue(failures.isEmpty, "\(failures.count) problem(s) in headless Chromium:\n" + failures.joined(separator: "\n")
                      + (run.serverFailures.isEmpty ? "" : "\nserver log:\n" + run.serverFailures.joined(separator: "\n")))
    }

    // MARK: - Screenshots

    func testHomeAndProductScreenshotsAt390x844AreNotBlank() throws {
        let run = try browserRun()
        let artefacts = PackagePaths.root.appendingPathComponent(".build/test-artefacts")
        try FileManager.default.createDirectory(at: artefacts, withIntermediateDirectories: true)
        for path in ["/", "/products/dua-luoi/"] {
            let result = try XCTUnwrap(run.results[path], path)
            let shot = try XCTUnwrap(result.screenshot, "\(path) has no screenshot")
            let source = URL(fileURLWithPath: shot)
            let kept = artefacts.appendingPathComponent(source.lastPathComponent)
            try? FileManager.default.removeItem(at: kept)
            try FileManager.default.copyItem(at: source, to: kept)
            print("screenshot: \(kept.path)")
            let image = try PNGCodec.decode([UInt8](try Data(contentsOf: kept)))
            XCTAssertEqual([image.width, image.height], [390, 844], path)
            var counts: [UInt32: Int] = [:]
            for i in stride(from: 0, to: image.pixels.count, by: 4) {
                let rgb = UInt32(image.pixels[i]) << 16 | UInt32(image.pixels[i + 1]) << 8 | UInt32(image.pixels[i + 2])
                counts[rgb, default: 0] += 1
            }
            let total = image.width * image.height
            let commonest = counts.values.max() ?? 0
            print("screenshot: \(path) has \(counts.count) distinct colours; the commonest covers \(commonest * 100 / max(total, 1)) %")
            XCTAssertGreaterThan(counts.count, 64, "\(path): the screenshot has only \(counts.count) colours (blank?) – \(kept.path)")
            XCTAssertLessThan(Double(commonest) / Double(total), 0.97, "\(path): one colour fills the screenshot – \(kept.path)")
        }
    }

    // MARK: - Search

    func searchResultTitles(_ dom: String) -> [String]? {
        guard let open = dom.firstMatch(of: /<ol\b[^>]*\bid="search-results"[^>]*>/) else { return nil }
        let rest = dom[open.range.upperBound...]
        let list = rest.range(of: "</ol>").map { rest[..<$0.lowerBound] } ?? rest
        return list.components(separatedBy: "<li").dropFirst().compactMap { item in
            item.firstMatch(of: /<a\b[^>]*>([\s\S]*?)<\/a>/).map { HTMLScanner.plainText(String($0.1)) }
        }
    }

    func testSearchPageFindsEntriesWithAndWithoutDiacritics() throws {
        try requireChromium()
        let copy = try browserSiteCopy()
        for page in ["search/index.html", "en/search/index.html"] {
            guard FileManager.default.fileExists(atPath: copy.appendingPathComponent(page).path) else {
                XCTFail("no search page: \(page) is not in the built site (expected /search/ and /en/search/ with "
                        + "<input type=\"search\" name=\"q\" id=\"search-input\"> and <ol id=\"search-results\">)")
                return
            }
        }
        // "Every entry": the list the page shows without JavaScript, when it shows one; otherwise the
        // Vietnamese places, products and plain pages.
        let staticPage = try String(contentsOf: copy.appendingPathComponent("search/index.html"), encoding: .utf8)
        let staticCount = searchResultTitles(staticPage)?.count ?? 0
        let plainPages = ((try? FileManager.default.contentsOfDirectory(atPath: copy.path)) ?? []).filter {
            !["en", "places", "products", "search", "assets", "map", "tags", "__test__"].contains($0)
                && FileManager.default.fileExists(atPath: copy.appendingPathComponent("\($0)/index.html").path)
        }
        let everyEntry = staticCount > 0 ? staticCount : detailPages(copy).filter { !$0.hasPrefix("en/") }.count + plainPages.count
        print("search: every entry = \(everyEntry) (\(staticCount > 0 ? "the page's own list without JavaScript" : "places, products and pages"))")

        let work = copy.deletingLastPathComponent().appendingPathComponent("dump-dom")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let server = try StaticServer(root: copy, logFile: work.appendingPathComponent("server.log"))
        defer { server.stop() }
        let cases = [(Self.searchQueries[0], "Đầm Cầu Hai", "dam"), (Self.searchQueries[1], "Dưa lưới Vinh Hưng", "dua luoi")]
        for (path, title, typed) in cases {
            let dom = try HeadlessChromium.dumpDOM(server.origin + path, workFolder: work)
            guard let titles = searchResultTitles(dom) else {
                XCTFail("\(path): no <ol id=\"search-results\"> in the DOM after scripts ran")
                continue
            }
            print("search \(path): \(titles.count) result(s): \(titles.joined(separator: " | "))")
            XCTAssertTrue(titles.contains(title), "\(path) should list “\(title)”; it lists: \(titles)")
            XCTAssertLessThan(titles.count, everyEntry, "\(path) lists every entry (\(everyEntry)): no filtering happened")
            XCTAssertFalse(titles.isEmpty)
            let filled = try XCTUnwrap(try browserRun().results[path]?.evaluated, "\(path) was not loaded in the browser pass")
            print("search \(path): the search box holds “\(filled)”")
            XCTAssertEqual(filled, typed, "\(path): the script fills the search box from ?q=")
        }
    }
}

extension ExampleSiteTests {
    /// Without the viewer script (the offline copy, where model-viewer never becomes defined), the
    /// 3D view already has its shape, and its fallback offers the AR links that need no script;
    /// a keyboard user must reach both by Tab. At a phone's and a laptop's width.
    func testWithoutJavaScriptTheViewKeepsItsShapeAndItsARLinksAreReachable() throws {
        try requireChromium()
        let copy = try browserSiteCopy()
        let work = copy.deletingLastPathComponent().appendingPathComponent("chromium-keyboard")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let server = try StaticServer(root: copy, logFile: work.appendingPathComponent("server.log"))
        defer { server.stop() }
        let measure = "(() => { const b = document.querySelector('model-viewer').getBoundingClientRect(); return b.width + ' ' + b.height; })()"
        let pages = ["/products/non-la/", "/en/places/dinh-lang/"]
        let viewports = [(width: 390, height: 844), (width: 1280, height: 800)]
        let requests: [HeadlessChromium.PageRequest] = viewports.flatMap { viewport in
            pages.map { path in
                HeadlessChromium.PageRequest(url: server.origin + path, evaluate: measure, width: viewport.width,
                                             height: viewport.height, tabs: 40)
            }
        }
        let results = try HeadlessChromium.check(requests, origin: server.origin, workFolder: work, parallel: 2)
        for (request, result) in zip(requests, results) {
            let path = String(request.url.dropFirst(server.origin.count)) + " at \(request.width ?? 0) px"
            let box = (result.evaluated ?? "").split(separator: " ").compactMap { Double($0) }
            XCTAssertEqual(box.count, 2, "\(path): no <model-viewer> box")
            if box.count == 2 {
                XCTAssertGreaterThanOrEqual(box[1], 0.4 * box[0], "\(path): without script the 3D view is \(box[0])×\(box[1])")
            }
            let order = result.focusOrder ?? []
            // "tag|slot|href|text" per press ("body" when nothing has focus).
            let hrefs = order.map { $0.split(separator: "|", omittingEmptySubsequences: false).dropFirst(2).first ?? "" }
            let sceneViewer = hrefs.firstIndex { $0.hasPrefix("intent://") }
            let quickLook = hrefs.firstIndex { $0.contains(".usdz") }
            XCTAssertNotNil(sceneViewer, "\(path): Tab never reaches the Scene Viewer link; focus went \(order)")
            XCTAssertNotNil(quickLook, "\(path): Tab never reaches the AR Quick Look link; focus went \(order)")
            print("no script \(path): view \(box.map { Int($0) }), Scene Viewer link after \((sceneViewer ?? -2) + 1) Tabs, Quick Look link after \((quickLook ?? -2) + 1)")
        }
    }
}
