import Foundation
import SiteContent
import XCTest
@testable import SiteRender

final class SiteRenderTests: XCTestCase {
    var site: [String: String] = [:]

    override func setUpWithError() throws {
        site = try Fixture.render()
    }

    private func page(_ path: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        try XCTUnwrap(site[path], "no page \(path)", file: file, line: line)
    }

    private var htmlPaths: [String] { site.keys.filter { $0.hasSuffix(".html") }.sorted() }

    func testRendersExpectedPaths() {
        XCTAssertEqual(site.keys.filter { $0.hasPrefix("assets/pictures/") }.count, 1, "the one entry with no picture gets one drawn")
        XCTAssertEqual(site.keys.filter { !$0.hasPrefix("assets/pictures/") }.sorted(), [
            "404.html",
            "en/gioi-thieu/index.html",
            "en/index.html",
            "en/map/index.html",
            "en/places/dam-cau-hai/ar/index.html",
            "en/places/dam-cau-hai/index.html",
            "en/places/index.html",
            "en/products/dua-luoi/ar/index.html",
            "en/products/dua-luoi/index.html",
            "en/products/index.html",
            "en/search/index.html",
            "en/search/index.json",
            "en/tags/ecotourism/index.html",
            "gioi-thieu/index.html",
            "index.html",
            "map/index.html",
            "places/dam-cau-hai/ar/index.html",
            "places/dam-cau-hai/index.html",
            "places/dam-cau-hai/qr/index.html",
            "places/index.html",
            "places/lang-non/index.html",
            "places/lang-non/qr/index.html",
            "products/dua-luoi/ar/index.html",
            "products/dua-luoi/index.html",
            "products/dua-luoi/qr/index.html",
            "products/index.html",
            "robots.txt",
            "search/index.html",
            "search/index.json",
            "sitemap.xml",
            "tags/sinh-thai/index.html",
        ])
    }

    func testOutputIsSortedAndDeterministic() throws {
        let renderer = try SiteRenderer(templatesDirectory: Fixture.templates)
        let first = try renderer.render(Fixture.input())
        let second = try SiteRenderer(templatesDirectory: Fixture.templates).render(Fixture.input())
        XCTAssertEqual(first, second)
        XCTAssertEqual(first.map(\.path), first.map(\.path).sorted())
    }

    func testHTMLLangMatchesLanguageOfPage() throws {
        for path in htmlPaths {
            let expected = path.hasPrefix("en/") ? "en" : "vi"
            XCTAssertEqual(tags("html", in: try page(path)).first?["lang"], expected, path)
        }
    }

    func testEveryPageHasHeadBasicsAndOneMain() throws {
        for path in htmlPaths {
            let html = try page(path)
            XCTAssertTrue(html.hasPrefix("<!doctype html>"), path)
            XCTAssertTrue(html.contains("<meta charset=\"utf-8\">"), path)
            XCTAssertTrue(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"), path)
            XCTAssertEqual(tags("main", in: html).count, 1, path)
            XCTAssertEqual(tags("main", in: html).first?["id"], "main", path)
            // The map page adds Leaflet's stylesheet after the site's.
            XCTAssertEqual(tags("link", in: html).filter { $0["rel"] == "stylesheet" }.first?["href"], "/assets/site.1a2b3c4d.css", path)
            XCTAssertEqual(tags("link", in: html).filter { $0["rel"] == "stylesheet" }.count, path.hasSuffix("map/index.html") ? 2 : 1, path)
            XCTAssertEqual(tags("h1", in: html).count, 1, path)
        }
        let place = try page("places/dam-cau-hai/index.html")
        XCTAssertTrue(place.contains("<title>Đầm Cầu Hai – Vinh Hưng – Làng quê thông minh</title>"))
        XCTAssertEqual(tags("link", in: place).first { $0["rel"] == "canonical" }?["href"], "https://vinhhung.example.vn/places/dam-cau-hai/")
        XCTAssertEqual(tags("meta", in: place).first { $0["name"] == "description" }?["content"], "Phá nước lợ lớn nhất Thừa Thiên Huế.")
        XCTAssertTrue(place.contains("<a class=\"skip-link\" href=\"#main\">"))
    }

    /// Every site-absolute href/src/ios-src/poster — and every absolute URL into the site — must
    /// name a rendered page or a file the build provides.
    func testEveryInternalLinkResolves() throws {
        let assetURLs = Set(Fixture.staticAssets.values).union(Fixture.photos.values.flatMap { $0.variants.map(\.src) })
            .union(Fixture.models.values.flatMap { [$0.glb, $0.usdz, $0.poster].compactMap { $0 } })
        let base = "https://vinhhung.example.vn"
        var checked = 0
        for path in htmlPaths {
            let html = try page(path)
            let pattern = try Regex(#"\s(href|src|ios-src|poster|content)="([^"]*)""#)
            for match in html.matches(of: pattern) {
                let attribute = String(match.output[1].substring!)
                var url = unescapeHTML(String(match.output[2].substring!))
                if attribute == "content" {
                    guard url.hasPrefix(base) else { continue }
                }
                if url.hasPrefix(base) { url.removeFirst(base.count) }
                if url.hasPrefix("#") {
                    XCTAssertTrue(html.contains("id=\"\(url.dropFirst())\""), "\(path): \(url) has no target")
                    continue
                }
                guard url.hasPrefix("/"), !url.hasPrefix("//") else { continue }
                let target = String(url.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0])
                checked += 1
                if target.hasSuffix("/") {
                    XCTAssertNotNil(site[String(target.dropFirst()) + "index.html"], "\(path): \(attribute)=\(url) is not a page")
                } else {
                    XCTAssertTrue(assetURLs.contains(target) || site[String(target.dropFirst())] != nil,
                                  "\(path): \(attribute)=\(url) is not a built file")
                }
            }
        }
        XCTAssertGreaterThan(checked, 100)
    }

    func testSitemapListsEveryPageWithHreflangAlternates() throws {
        let sitemap = try page("sitemap.xml")
        XCTAssertTrue(sitemap.contains("xmlns:xhtml=\"http://www.w3.org/1999/xhtml\""))
        XCTAssertFalse(sitemap.contains("lastmod"))
        let locs = sitemap.matches(of: try Regex("<loc>([^<]*)</loc>")).map { String($0.output[1].substring!) }
        // Printable QR signs are not pages to be found; an AR view's canonical page is its entry.
        let expected = htmlPaths.filter { $0 != "404.html" && !$0.hasSuffix("/qr/index.html") && !$0.hasSuffix("/ar/index.html") }.map {
            "https://vinhhung.example.vn/" + String($0.dropLast("index.html".count))
        }
        XCTAssertEqual(Set(locs), Set(expected))
        XCTAssertEqual(locs.count, expected.count)

        let blocks = sitemap.components(separatedBy: "<url>").dropFirst()
        let lagoon = try XCTUnwrap(blocks.first { $0.contains("<loc>https://vinhhung.example.vn/en/places/dam-cau-hai/</loc>") })
        XCTAssertTrue(lagoon.contains("<xhtml:link rel=\"alternate\" hreflang=\"vi\" href=\"https://vinhhung.example.vn/places/dam-cau-hai/\"/>"))
        XCTAssertTrue(lagoon.contains("<xhtml:link rel=\"alternate\" hreflang=\"en\" href=\"https://vinhhung.example.vn/en/places/dam-cau-hai/\"/>"))
        XCTAssertTrue(lagoon.contains("<xhtml:link rel=\"alternate\" hreflang=\"x-default\" href=\"https://vinhhung.example.vn/places/dam-cau-hai/\"/>"))
        // Only in Vietnamese: no English alternate anywhere.
        let hats = try XCTUnwrap(blocks.first { $0.contains("/places/lang-non/</loc>") })
        XCTAssertFalse(hats.contains("hreflang=\"en\""))
        XCTAssertFalse(sitemap.contains("/en/places/lang-non/"))

        let robots = try page("robots.txt")
        XCTAssertTrue(robots.contains("Sitemap: https://vinhhung.example.vn/sitemap.xml\n"))
    }

    func testHeadHreflangAlternates() throws {
        let links = tags("link", in: try page("en/products/dua-luoi/index.html")).filter { $0["rel"] == "alternate" }
        XCTAssertEqual(links.map { $0["hreflang"]! }, ["vi", "en", "x-default"])
        XCTAssertEqual(links.map { $0["href"]! }, ["https://vinhhung.example.vn/products/dua-luoi/",
                                                  "https://vinhhung.example.vn/en/products/dua-luoi/",
                                                  "https://vinhhung.example.vn/products/dua-luoi/"])
        let single = tags("link", in: try page("places/lang-non/index.html")).filter { $0["rel"] == "alternate" }
        XCTAssertEqual(single.map { $0["hreflang"]! }, ["vi", "x-default"])
    }

    func testModelViewerOnPlaceWithoutUSDZOrPoster() throws {
        let html = try page("en/places/dam-cau-hai/index.html")
        let viewer = try XCTUnwrap(tags("model-viewer", in: html).first)
        XCTAssertEqual(viewer["src"], "/assets/models/thuyen.3f2a9c1d.glb")
        XCTAssertEqual(viewer["alt"], "Bamboo basket boat")
        XCTAssertEqual(viewer["ar"], "")
        XCTAssertEqual(viewer["ar-modes"], "webxr scene-viewer quick-look")
        XCTAssertEqual(viewer["ar-scale"], "fixed")
        XCTAssertEqual(viewer["camera-controls"], "")
        XCTAssertEqual(viewer["touch-action"], "pan-y")
        XCTAssertEqual(viewer["loading"], "lazy")
        XCTAssertNil(viewer["ios-src"])
        XCTAssertNil(viewer["poster"])
        XCTAssertFalse(html.contains("rel=\"ar\""))

        let hotspot = try XCTUnwrap(tags("button", in: html).first { $0["slot"] == "hotspot-1" })
        XCTAssertEqual(hotspot["data-position"], "0m 0.5m 0.2m")
        XCTAssertTrue(html.contains(">Bow</button>"))

        // No-JS fallback: inside the element, the first photo (in the poster slot, not a
        // Quick Look link without a USDZ), and the Scene Viewer intent.
        let inside = try XCTUnwrap(html.components(separatedBy: "<model-viewer ").last?.components(separatedBy: "</model-viewer>").first)
        let poster = try viewerPoster(in: inside)
        XCTAssertTrue(inside.contains("<div slot=\"poster\" class=\"viewer-poster\">"))
        XCTAssertEqual(tags("img", in: poster).first?["src"], "/assets/photos/hoang-hon-960.11111111.jpg")
        XCTAssertEqual(tags("img", in: poster).first?["alt"], "Bamboo basket boat")
        let fallback = try XCTUnwrap(inside.components(separatedBy: "class=\"viewer-fallback\"").last)

        let intent = try XCTUnwrap(tags("a", in: fallback).compactMap { $0["href"] }.first { $0.hasPrefix("intent://") })
        XCTAssertTrue(intent.hasPrefix("intent://arvr.google.com/scene-viewer/1.0?file=https%3A%2F%2Fvinhhung.example.vn%2Fassets%2Fmodels%2Fthuyen.3f2a9c1d.glb&"))
        let parameters = queryParameters(intent)
        XCTAssertEqual(parameters["file"], "https://vinhhung.example.vn/assets/models/thuyen.3f2a9c1d.glb")
        XCTAssertEqual(parameters["mode"], "ar_preferred")
        XCTAssertEqual(parameters["title"], "Cau Hai Lagoon")
        XCTAssertEqual(parameters["resizable"], "false")
        XCTAssertTrue(intent.contains("#Intent;scheme=https;package=com.google.ar.core;action=android.intent.action.VIEW;S.browser_fallback_url=https%3A%2F%2Fvinhhung.example.vn%2Fen%2Fplaces%2Fdam-cau-hai%2F;end;"))
        XCTAssertTrue(html.contains("href=\"intent://arvr.google.com/scene-viewer/1.0?file=https%3A%2F%2Fvinhhung.example.vn%2Fassets%2Fmodels%2Fthuyen.3f2a9c1d.glb&amp;mode=ar_preferred&amp;"),
                      "& in the attribute is written as &amp;")

        // Plain link to the full-screen viewer, and CSS that hides the fallback once defined.
        XCTAssertTrue(tags("a", in: html).contains { $0["href"] == "/en/places/dam-cau-hai/ar/" })
        let css = try String(contentsOf: Fixture.templates.appendingPathComponent("static/css/site.css"), encoding: .utf8)
        XCTAssertTrue(css.contains("model-viewer:defined .viewer-fallback"))
    }

    func testVietnameseTitleIsPercentEncodedInIntent() throws {
        let html = try page("places/dam-cau-hai/index.html")
        let intent = try XCTUnwrap(tags("a", in: html).compactMap { $0["href"] }.first { $0.hasPrefix("intent://") })
        XCTAssertTrue(intent.contains("&title=%C4%90%E1%BA%A7m%20C%E1%BA%A7u%20Hai&"))
        XCTAssertFalse(intent.contains(" "))
        XCTAssertTrue(intent.allSatisfy(\.isASCII))
    }

    func testModelViewerOnProductWithUSDZAndPoster() throws {
        let html = try page("products/dua-luoi/index.html")
        let viewer = try XCTUnwrap(tags("model-viewer", in: html).first)
        XCTAssertEqual(viewer["ios-src"], "/assets/models/dua-luoi.0badcafe.usdz")
        XCTAssertEqual(viewer["poster"], "/assets/models/dua-luoi.0badcafe.webp", "CONTENT.md promises the attribute")
        XCTAssertEqual(viewer["alt"], "Dưa lưới Vinh Hưng", "alt falls back to the title")
        // iOS Quick Look: rel="ar" anchors whose first child is an img or a picture; the first
        // is the poster slot itself.
        let quickLook = html.matches(of: try Regex(#"<a [^>]*rel="ar"[^>]*>\s*<(\w+)"#))
        XCTAssertEqual(quickLook.count, 2)
        for match in quickLook { XCTAssertTrue(["img", "picture"].contains(String(match.output[1].substring!))) }
        XCTAssertTrue(tags("a", in: html).contains { $0["rel"] == "ar" && $0["slot"] == "poster" && $0["href"] == "/assets/models/dua-luoi.0badcafe.usdz#allowsContentScaling=0" })
        XCTAssertTrue(tags("a", in: html).contains { $0["rel"] == "ar" && $0["slot"] == nil && $0["href"] == "/assets/models/dua-luoi.0badcafe.usdz#allowsContentScaling=0" })
        let picture = try XCTUnwrap(tags("img", in: try viewerPoster(in: html)).first)
        XCTAssertEqual(picture["src"], "/assets/models/dua-luoi.0badcafe.webp")
        XCTAssertEqual(picture["width"], "800")
        XCTAssertEqual(picture["height"], "600")
    }

    func testProductFacts() throws {
        let vi = try page("products/dua-luoi/index.html")
        XCTAssertTrue(vi.contains("65.000 ₫ / kg"))
        XCTAssertTrue(vi.contains("★★★★☆"))
        XCTAssertTrue(vi.contains("4 sao"))
        XCTAssertTrue(vi.contains("<time datetime=\"2026-05-12\">12/05/2026</time>"))
        XCTAssertTrue(vi.contains("DL-2026-05"))
        XCTAssertTrue(vi.contains("VietGAP"))
        XCTAssertTrue(vi.contains("HTX Nông nghiệp Vinh Hưng"))
        XCTAssertTrue(tags("a", in: vi).contains { $0["href"] == "https://postmart.vn/dua-luoi" })
        XCTAssertFalse(vi.contains("javascript:"), "unsafe marketplace URLs are shown as text")
        let en = try page("en/products/dua-luoi/index.html")
        XCTAssertTrue(en.contains("65,000 VND / kg"))
        XCTAssertTrue(en.contains("Price"))
        XCTAssertTrue(en.contains("12 May 2026"))
        XCTAssertTrue(en.contains("Traceability"))
    }

    func testPlaceFactsAndBody() throws {
        let html = try page("places/dam-cau-hai/index.html")
        XCTAssertTrue(html.contains("<p>Chèo <em>thuyền</em> ngắm hoàng hôn.</p>"), "bodyHTML is not escaped")
        XCTAssertTrue(html.contains("Giờ mở cửa"))
        XCTAssertTrue(html.contains("05:00–19:00"))
        XCTAssertTrue(tags("a", in: html).contains { $0["href"] == "https://www.openstreetmap.org/?mlat=16.287&amp;mlon=107.879#map=17/16.287/107.879"
                                                      || $0["href"] == "https://www.openstreetmap.org/?mlat=16.287&mlon=107.879#map=17/16.287/107.879" })
        XCTAssertTrue(tags("a", in: html).contains { $0["href"] == "geo:16.287,107.879" })
        // Order of a detail page: 3D view, then text, then facts.
        let viewer = try XCTUnwrap(html.range(of: "<model-viewer"))
        let text = try XCTUnwrap(html.range(of: "Chèo"))
        let facts = try XCTUnwrap(html.range(of: "Giờ mở cửa"))
        XCTAssertLessThan(viewer.lowerBound, text.lowerBound)
        XCTAssertLessThan(text.lowerBound, facts.lowerBound)
    }

    func testOnlyModuleScriptsAndOnlyOnModelPages() throws {
        for path in htmlPaths {
            let html = try page(path)
            // JSON-LD is data, not a script that runs.
            let scripts = tags("script", in: html).filter { $0["type"] != "application/ld+json" }
            if path.hasSuffix("search/index.html") {
                XCTAssertEqual(scripts.map { $0["src"] }, ["/assets/search.99999999.js"], path)
                XCTAssertEqual(scripts.first?["defer"], "", path)
                continue
            }
            if path.hasSuffix("map/index.html") {
                // Leaflet and the markers, deferred: nothing blocks rendering.
                XCTAssertEqual(scripts.map { $0["src"] }, [MapConfig.defaultScript, "/assets/places-map.66666666.js"], path)
                XCTAssertTrue(scripts.allSatisfy { $0["defer"] == "" }, path)
                continue
            }
            let hasModel = html.contains("<model-viewer ")
            XCTAssertEqual(hasModel, (path.contains("dam-cau-hai") || path.contains("dua-luoi")) && !path.contains("/qr/"), path)
            if hasModel {
                XCTAssertEqual(scripts.count, 1, path)
                XCTAssertEqual(scripts.first?["type"], "module", path)
                XCTAssertEqual(scripts.first?["src"], ViewerConfig.defaultScript, path)
            } else {
                XCTAssertEqual(scripts.count, 0, path)
            }
        }
    }

    func testSelfHostedViewerAndMeshoptDecoder() throws {
        let content = Fixture.content(viewer: ViewerConfig(script: "js/model-viewer.min.js", meshoptDecoder: "static/js/meshopt_decoder.js"))
        let site = try Fixture.render(Fixture.input(content))
        let html = try XCTUnwrap(site["places/dam-cau-hai/index.html"])
        let scripts = tags("script", in: html).filter { $0["type"] != "application/ld+json" }
        XCTAssertEqual(scripts.count, 2)
        XCTAssertEqual(scripts[0], [:], "the decoder configuration is a classic inline script")
        XCTAssertEqual(scripts[1], ["type": "module", "src": "/assets/model-viewer.min.44444444.js"])
        XCTAssertTrue(html.contains(#"<script>self.ModelViewerElement=self.ModelViewerElement||{};self.ModelViewerElement.meshoptDecoderLocation="/assets/meshopt_decoder.55555555.js";</script>"#))
        let decoder = try XCTUnwrap(html.range(of: "meshoptDecoderLocation"))
        let module = try XCTUnwrap(html.range(of: "type=\"module\""))
        XCTAssertLessThan(decoder.lowerBound, module.lowerBound)
        // Every <script> on every page is a module, that decoder configuration, or JSON-LD data.
        for (path, page) in site where path.hasSuffix(".html") {
            for match in page.matches(of: try Regex("<script([^>]*)>([^<]*)</script>")) {
                let attributes = String(match.output[1].substring!)
                let body = String(match.output[2].substring!)
                XCTAssertTrue(attributes.contains("type=\"module\"") || attributes == " type=\"application/ld+json\"" || attributes.hasPrefix(" defer src=")
                              || (attributes.isEmpty && body.hasPrefix("self.ModelViewerElement=")), path)
            }
        }
    }

    func testMissingViewerScriptFileIsReported() throws {
        let content = Fixture.content(viewer: ViewerConfig(script: "js/nope.js"))
        XCTAssertThrowsError(try Fixture.render(Fixture.input(content))) { error in
            XCTAssertEqual(error as? RenderError, .missingStaticAsset(path: "js/nope.js", neededFor: "viewer.script in site.yml"))
        }
    }

    func testLanguageSwitchPointsToSamePage() throws {
        func switchLinks(_ path: String) throws -> [String] {
            tags("a", in: try page(path)).filter { $0["class"] == "lang-link" }.compactMap { $0["href"] }
        }
        XCTAssertEqual(try switchLinks("places/dam-cau-hai/index.html"), ["/en/places/dam-cau-hai/"])
        XCTAssertEqual(try switchLinks("en/places/dam-cau-hai/index.html"), ["/places/dam-cau-hai/"])
        XCTAssertEqual(try switchLinks("en/products/index.html"), ["/products/"])
        XCTAssertEqual(try switchLinks("index.html"), ["/en/"])
        XCTAssertEqual(try switchLinks("places/dam-cau-hai/ar/index.html"), ["/en/places/dam-cau-hai/ar/"])
        XCTAssertEqual(try switchLinks("gioi-thieu/index.html"), ["/en/gioi-thieu/"])
        // Not translated: the other language's home.
        XCTAssertEqual(try switchLinks("places/lang-non/index.html"), ["/en/"])
        let link = try XCTUnwrap(tags("a", in: try page("index.html")).first { $0["class"] == "lang-link" })
        XCTAssertEqual(link["hreflang"], "en")
        XCTAssertEqual(link["lang"], "en")
    }

    func testNavAndListsLeaveOutUntranslatedEntries() throws {
        let en = try page("en/places/index.html")
        XCTAssertFalse(en.contains("lang-non"))
        XCTAssertTrue(en.contains("Cau Hai Lagoon"))
        let vi = try page("places/index.html")
        XCTAssertTrue(vi.contains("/places/lang-non/"))
        // Nav: home, places, products, free pages; the current section is marked.
        let nav = try XCTUnwrap(en.components(separatedBy: "<nav class=\"wrap site-nav\"").last?.components(separatedBy: "</nav>").first)
        XCTAssertEqual(tags("a", in: nav).map { $0["href"]! }, ["/en/", "/en/places/", "/en/products/", "/en/map/", "/en/search/", "/en/gioi-thieu/"])
        XCTAssertEqual(tags("a", in: nav)[1]["aria-current"], "page")
        let placeNav = try XCTUnwrap(try page("en/places/dam-cau-hai/index.html").components(separatedBy: "<nav class=\"wrap site-nav\"").last)
        XCTAssertTrue(placeNav.contains("<a href=\"/en/places/\" class=\"in-section\">Places</a>"))
    }

    func testHomeShowsTheFirstCardsOfEachSectionAndTheListShowsAll() throws {
        var content = Fixture.content()
        let lagoon = content.places[0]
        // 12 more places; every third has no English text and is left out of English cards.
        for number in 1...12 {
            var place = lagoon
            place.slug = "noi-\(number)"
            place.sourcePath = "content/places/noi-\(number).md"
            place.translations["vi"]?.title = "Nơi \(number)"
            place.translations["en"]?.title = "Spot \(number)"
            if number % 3 == 0 { place.translations["en"] = nil }
            content.places.append(place)
        }
        let site = try Fixture.render(Fixture.input(content))
        func placeCards(_ path: String) throws -> [String] {
            let html = try XCTUnwrap(site[path], path)
            let section = html.components(separatedBy: "<ul class=\"cards\">")[1].components(separatedBy: "</ul>")[0]
            return tags("a", in: section).compactMap { $0["href"] }
        }
        let home = try placeCards("index.html")
        XCTAssertEqual(home.count, PageBuilder.homeCardsPerSection)
        XCTAssertEqual(home.first, "/places/dam-cau-hai/")
        XCTAssertEqual(try placeCards("places/index.html").count, 14, "the list shows every place")
        let english = try placeCards("en/index.html")
        XCTAssertEqual(english.count, PageBuilder.homeCardsPerSection, "untranslated places are skipped, not counted")
        XCTAssertEqual(english.last, "/en/places/noi-10/")
        XCTAssertTrue(try XCTUnwrap(site["index.html"]).contains("class=\"see-all\" href=\"/places/\""))
    }

    func testCardsUsePosterThenPhotoThenADrawnPicture() throws {
        let home = try page("index.html")
        let images = tags("img", in: home).map { $0["src"]! }
        XCTAssertEqual(images.count, 3)
        XCTAssertEqual(images[0], "/assets/photos/hoang-hon-960.11111111.jpg")
        XCTAssertTrue(images[1].hasPrefix("/assets/pictures/place-lang-non.vi.") && images[1].hasSuffix(".svg"), images[1])
        XCTAssertEqual(images[2], "/assets/models/dua-luoi.0badcafe.webp")
        XCTAssertTrue(try page(String(images[1].dropFirst())).contains("Nón lá &lt;b&gt;&amp;&quot;"), "drawn from the title, escaped")
        let entry = try page("places/lang-non/index.html")
        XCTAssertEqual(tags("img", in: entry).first { ($0["class"] ?? "") == "entry-picture" }?["src"], images[1],
                       "the entry page shows the picture its card shows")
        XCTAssertTrue(home.contains("Làng nón &lt;i&gt;bài thơ&lt;/i&gt;."))
    }

    func testTextIsHTMLEscaped() throws {
        let html = try page("places/lang-non/index.html")
        XCTAssertTrue(html.contains("<h1>Nón lá &lt;b&gt;&amp;&quot;</h1>"))
        XCTAssertTrue(html.contains("<title>Nón lá &lt;b&gt;&amp;&quot; – "))
        XCTAssertFalse(html.contains(Fixture.nastyTitle))
        XCTAssertFalse(html.contains("<b>"))
        let list = try page("places/index.html")
        XCTAssertTrue(list.contains("Nón lá &lt;b&gt;&amp;&quot;"))
        XCTAssertFalse(list.contains(Fixture.nastyTitle))
    }

    func testARViewerPage() throws {
        let html = try page("en/products/dua-luoi/ar/index.html")
        let viewer = try XCTUnwrap(tags("model-viewer", in: html).first)
        XCTAssertEqual(viewer["loading"], "eager")
        XCTAssertEqual(viewer["src"], "/assets/models/dua-luoi.0badcafe.glb")
        XCTAssertTrue(tags("a", in: html).contains { $0["href"] == "/en/products/dua-luoi/" }, "link back to the product")
        XCTAssertFalse(tags("a", in: html).contains { $0["href"] == "/en/products/dua-luoi/ar/" }, "no link to itself")
        let intent = try XCTUnwrap(tags("a", in: html).compactMap { $0["href"] }.first { $0.hasPrefix("intent://") })
        XCTAssertEqual(queryParameters(intent)["file"], "https://vinhhung.example.vn/assets/models/dua-luoi.0badcafe.glb")
        XCTAssertTrue(intent.contains("S.browser_fallback_url=https%3A%2F%2Fvinhhung.example.vn%2Fen%2Fproducts%2Fdua-luoi%2Far%2F;end;"))
        XCTAssertTrue(html.contains("class=\"ar-page\""))
        // The entry page is the one to index and share: canonical, no hreflang set of its own.
        XCTAssertEqual(tags("link", in: html).first { $0["rel"] == "canonical" }?["href"], "https://vinhhung.example.vn/en/products/dua-luoi/")
        XCTAssertFalse(tags("link", in: html).contains { $0["rel"] == "alternate" })
        XCTAssertFalse(try page("sitemap.xml").contains("/ar/"))
    }

    func testNotFoundPageIsBilingualAndStandalone() throws {
        let html = try page("404.html")
        XCTAssertTrue(html.contains("<section lang=\"vi\">"))
        XCTAssertTrue(html.contains("<section lang=\"en\">"))
        XCTAssertTrue(html.contains("Không tìm thấy trang"))
        XCTAssertTrue(html.contains("Page not found"))
        XCTAssertTrue(html.contains("<meta name=\"robots\" content=\"noindex\">"))
        XCTAssertFalse(html.contains("rel=\"canonical\""))
        XCTAssertEqual(tags("a", in: html).compactMap { $0["href"] }, ["/", "/en/"])
    }

    func testFooterShowsOrganization() throws {
        let html = try page("en/index.html")
        XCTAssertTrue(html.contains("UBND xã Vinh Hưng"))
        XCTAssertTrue(tags("a", in: html).contains { $0["href"] == "tel:+842343870000" })
        XCTAssertTrue(tags("a", in: html).contains { $0["href"] == "mailto:ubnd@vinhhung.example.vn" })
    }

    func testDetailPageAndStylesheetStayWithinBudget() throws {
        let css = try Data(contentsOf: Fixture.templates.appendingPathComponent("static/css/site.css"))
        for path in ["places/dam-cau-hai/index.html", "products/dua-luoi/index.html"] {
            let total = try page(path).utf8.count + css.count
            XCTAssertLessThanOrEqual(total, 25_000, "\(path) + site.css = \(total) bytes")
        }
    }

    func testSiteInASubfolder() throws {
        let site = try Fixture.render(Fixture.input(Fixture.content(baseURL: "https://example.github.io/vinhhung/")))
        let html = try XCTUnwrap(site["en/places/dam-cau-hai/index.html"])
        XCTAssertEqual(tags("model-viewer", in: html).first?["src"], "/vinhhung/assets/models/thuyen.3f2a9c1d.glb")
        XCTAssertTrue(tags("a", in: html).contains { $0["href"] == "/vinhhung/places/dam-cau-hai/" })
        XCTAssertEqual(tags("link", in: html).first { $0["rel"] == "canonical" }?["href"], "https://example.github.io/vinhhung/en/places/dam-cau-hai/")
        let intent = try XCTUnwrap(tags("a", in: html).compactMap { $0["href"] }.first { $0.hasPrefix("intent://") })
        XCTAssertEqual(queryParameters(intent)["file"], "https://example.github.io/vinhhung/assets/models/thuyen.3f2a9c1d.glb")
    }

    func testModelWithoutPosterOrPhotoShowsItsDrawnPicture() throws {
        var content = Fixture.content()
        content.places[0].photos = []
        var input = Fixture.input(content)
        input.models[content.places[0].model!.src]?.poster = nil
        input.models[content.places[0].model!.src]?.thumbnails = []
        let site = try Fixture.render(input)
        let html = try XCTUnwrap(site["places/dam-cau-hai/index.html"])
        let src = try XCTUnwrap(tags("img", in: try viewerPoster(in: html)).first?["src"])
        XCTAssertTrue(src.hasPrefix("/assets/pictures/place-dam-cau-hai.vi."), src)
        XCTAssertTrue(site[String(src.dropFirst())]?.hasPrefix("<svg") ?? false, "the drawn picture is written")
        XCTAssertEqual(tags("model-viewer", in: html).first?["poster"], nil, "no poster attribute without a poster")
    }

    func testMissingBuildOutputsAreReported() throws {
        var input = Fixture.input()
        input.models["models/dua-luoi/dua-luoi.obj"] = nil
        XCTAssertThrowsError(try SiteRenderer(templatesDirectory: Fixture.templates).render(input)) { error in
            XCTAssertEqual(error as? RenderError, .missingModelAssets(src: "models/dua-luoi/dua-luoi.obj", entry: "content/products/dua-luoi.md"))
        }
        input = Fixture.input()
        input.photos["content/places/thuyen.jpg"] = nil
        XCTAssertThrowsError(try SiteRenderer(templatesDirectory: Fixture.templates).render(input)) { error in
            XCTAssertEqual(error as? RenderError, .missingPhoto(path: "content/places/thuyen.jpg", entry: "content/places/dam-cau-hai.md"))
        }
    }

    func testPageSlugCannotShadowLanguageOrSection() throws {
        for slug in ["en", "places", "assets"] {
            var content = Fixture.content()
            content.pages[0].slug = slug
            XCTAssertThrowsError(try Fixture.render(Fixture.input(content)), slug) { error in
                guard case .pathCollision(let path, _)? = error as? RenderError else { return XCTFail("\(error)") }
                XCTAssertEqual(path, "content/pages/gioi-thieu.md")
            }
        }
    }
}

extension SiteRenderTests {
    /// Pages render on all cores; the files and their bytes must not depend on it.
    func testConcurrentRenderEqualsSerialRenderByteForByte() throws {
        let renderer = try SiteRenderer(templatesDirectory: Fixture.templates)
        let input = Fixture.input()
        let serial = try renderer.render(input, concurrently: false)
        for _ in 0..<3 {
            let concurrent = try renderer.render(input, concurrently: true)
            XCTAssertEqual(concurrent.map(\.path), serial.map(\.path))
            XCTAssertEqual(concurrent.map(\.bytes), serial.map(\.bytes))
        }
        XCTAssertGreaterThan(serial.count, 20)
    }
}
