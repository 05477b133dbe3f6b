import Foundation
import TestSupport
import XCTest

/// Every reference from the example site into itself resolves (on ExampleSiteTests' one build).
extension ExampleSiteTests {
    func testEveryInternalReferenceResolves() throws {
        let (output, _) = try site()
        let report = try LinkChecker(root: output, base: SiteFiles.exampleBaseURL).run()
        print("link check: \(report.checked) internal references checked, \(report.broken.count) broken, "
              + "\(report.external.count) distinct external addresses not fetched")
        XCTAssertGreaterThan(report.checked, 1000, "the checker found suspiciously few references")
        XCTAssertTrue(report.broken.isEmpty,
                      "\(report.broken.count) broken reference(s) in the built site:\n" + report.broken.joined(separator: "\n"))
    }

    /// The checker itself: a small hand-made site with one mistake of each kind must be flagged.
    func testLinkCheckerFlagsEveryKindOfBrokenReference() throws {
        let temp = try TemporaryDirectory("link-check")
        defer { temp.remove() }
        let base = "https://example.test/"
        func write(_ path: String, _ text: String) throws {
            let url = temp.url.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: true, encoding: .utf8)
        }
        try write("index.html", """
            <!doctype html><html><head>
            <link rel="stylesheet" href="/assets/site.css">
            <link rel="canonical" href="https://example.test/">
            <meta property="og:image" content="https://example.test/assets/missing-card.jpg">
            <script type="application/ld+json">{"@type":"Place","@id":"https://example.test/#place","url":"https://example.test/places/nowhere/"}</script>
            </head><body>
            <a href="#main">ok fragment</a> <a href="#no-such-id">bad fragment</a>
            <a href="/places/">ok folder</a> <a href="/places">folder without slash</a>
            <a href="/places/x/?q=1#here">ok with query and fragment</a> <a href="/places/x/#gone">bad cross-page fragment</a>
            <a href="places/x/">ok relative</a> <a href="https://example.test/missing/">bad absolute</a>
            <a href="https://elsewhere.test/x">external</a> <a href="mailto:a@b.c">mail</a>
            <img src="/assets/a.png" srcset="/assets/a.png 1x, /assets/missing-2x.png 2x" alt="">
            <model-viewer src="/assets/m.glb" ios-src="/assets/missing.usdz" poster="/assets/missing-poster.png"></model-viewer>
            <a href="intent://arvr.google.com/scene-viewer/1.0?file=https%3A%2F%2Fexample.test%2Fassets%2Fmissing.ar.glb&amp;mode=ar_preferred#Intent;scheme=https;S.browser_fallback_url=https%3A%2F%2Fexample.test%2F;end;">AR</a>
            <div data-src="/assets/missing-data.png" style="background:url('/assets/missing-inline.png')"></div>
            <!-- <a href="/in-a-comment/">ignored</a> -->
            <main id="main"></main></body></html>
            """)
        try write("places/index.html", "<p>places</p>")
        try write("places/x/index.html", "<h2 id=\"here\">here</h2>")
        try write("assets/a.png", "png")
        try write("assets/m.glb", "glb")
        try write("assets/site.css", "body{background:url(bg.png)} .x{background:url(\"/assets/a.png\")} .y{mask:url(#m)}")
        try write("sitemap.xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <urlset><url><loc>https://example.test/</loc></url><url><loc>https://example.test/gone/</loc></url></urlset>
            """)
        let report = try LinkChecker(root: temp.url, base: base).run()
        let text = report.broken.joined(separator: "\n")
        let expected = ["#no-such-id", "“/places”: is a folder", "/places/x/#gone", "https://example.test/missing/",
                        "missing-2x.png", "missing.usdz", "missing-poster.png", "missing.ar.glb", "missing-data.png",
                        "missing-inline.png", "missing-card.jpg", "places/nowhere/", "assets/bg.png", "https://example.test/gone/"]
        for needle in expected { XCTAssertTrue(text.contains(needle), "the checker missed \(needle); it reported:\n\(text)") }
        XCTAssertEqual(report.broken.count, expected.count, "only the deliberate mistakes are reported:\n\(text)")
        XCTAssertEqual(report.external, ["https://elsewhere.test/x"])
    }
}
