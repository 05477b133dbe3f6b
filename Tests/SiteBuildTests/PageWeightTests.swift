import Foundation
import XCTest

/// Page weight on the example site (ExampleSiteTests' one build): what a phone downloads before it
/// can draw a detail page. bench/page-weight prints the same figures for any _site/.
extension ExampleSiteTests {
    /// HTML + the stylesheets it links, uncompressed. 25 KB = 25 × 1024 bytes.
    static let detailPageBudget = 25 * 1024

    struct PageWeight {
        var page: String
        var html: Int
        var css: Int
        var stylesheets: [String]
        var external: [String]
        var total: Int { html + css }
    }

    func pageWeight(_ output: URL, page: String) throws -> PageWeight {
        let data = try Data(contentsOf: output.appendingPathComponent(page))
        let html = String(decoding: data, as: UTF8.self)
        var weight = PageWeight(page: page, html: data.count, css: 0, stylesheets: [], external: [])
        var seen: Set<String> = []
        func addStylesheet(_ href: String, relativeTo folder: String) {
            let path: String
            if href.hasPrefix(SiteFiles.exampleBaseURL) { path = String(href.dropFirst(SiteFiles.exampleBaseURL.count)) }
            else if href.hasPrefix("/") && !href.hasPrefix("//") { path = String(href.dropFirst()) }
            else if href.contains("://") || href.hasPrefix("//") { weight.external.append(href); return }
            else { path = folder + href }
            let clean = String(path.prefix { $0 != "?" && $0 != "#" })
            guard seen.insert(clean).inserted, let css = try? Data(contentsOf: output.appendingPathComponent(clean)) else { return }
            weight.css += css.count
            weight.stylesheets.append(clean)
            let cssFolder = clean.contains("/") ? String(clean[...clean.lastIndex(of: "/")!]) : ""
            for match in String(decoding: css, as: UTF8.self).matches(of: /@import\s+(?:url\()?["']?([^"')\s;]+)/) {
                addStylesheet(String(match.1), relativeTo: cssFolder)
            }
        }
        let folder = page.contains("/") ? String(page[...page.lastIndex(of: "/")!]) : ""
        for tag in HTMLScanner.tags(html) where tag.name == "link" && !tag.isEnd {
            let rel = (tag.attribute("rel") ?? "").lowercased().split(separator: " ")
            if rel.contains("stylesheet"), let href = tag.attribute("href") { addStylesheet(href, relativeTo: folder) }
        }
        return weight
    }

    /// places/<slug>/ and products/<slug>/ in every language.
    func detailPages(_ output: URL) -> [String] {
        var found: [String] = []
        for language in ["", "en/"] {
            for section in ["places", "products"] {
                let folder = output.appendingPathComponent(language + section)
                for slug in ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted() {
                    let page = "\(language)\(section)/\(slug)/index.html"
                    if FileManager.default.fileExists(atPath: output.appendingPathComponent(page).path) { found.append(page) }
                }
            }
        }
        return found
    }

    func testEveryDetailPageWithItsCSSStaysUnder25KB() throws {
        let (output, _) = try site()
        let pages = detailPages(output)
        XCTAssertGreaterThanOrEqual(pages.count, 20, "five places and five products in two languages")
        var over: [String] = []
        var heaviest: PageWeight?
        for page in pages {
            let weight = try pageWeight(output, page: page)
            XCTAssertFalse(weight.stylesheets.isEmpty, "\(page) links no local stylesheet")
            if weight.total > Self.detailPageBudget {
                over.append("\(page): \(weight.html) B HTML + \(weight.css) B CSS = \(weight.total) B")
            }
            if weight.total > heaviest?.total ?? -1 { heaviest = weight }
        }
        if let heaviest {
            print("page weight: heaviest detail page \(heaviest.page): \(heaviest.html) B HTML + \(heaviest.css) B CSS "
                  + "(\(heaviest.stylesheets.joined(separator: ", "))) = \(heaviest.total) B of \(Self.detailPageBudget) B")
        }
        XCTAssertTrue(over.isEmpty, "detail pages over the \(Self.detailPageBudget)-byte budget (HTML + linked CSS, uncompressed):\n"
                      + over.joined(separator: "\n"))
    }

    func testNoPageHasARenderBlockingScript() throws {
        let (output, _) = try site()
        var blocking: [String] = []
        var pages = 0
        for page in SiteFiles.files(under: output) where page.hasSuffix(".html") {
            pages += 1
            let html = try String(contentsOf: output.appendingPathComponent(page), encoding: .utf8)
            var inHead = false
            for tag in HTMLScanner.tags(html) {
                if tag.name == "head" { inHead = !tag.isEnd; continue }
                if tag.name == "body" && !tag.isEnd { break }
                guard inHead, tag.name == "script", !tag.isEnd, let src = tag.attribute("src") else { continue }
                let type = (tag.attribute("type") ?? "").lowercased()
                if type == "module" || type == "application/ld+json" || tag.has("defer") || tag.has("async") { continue }
                blocking.append("\(page):\(tag.line) <script src=\"\(src)\"> is neither type=\"module\", defer nor async")
            }
        }
        XCTAssertGreaterThan(pages, 20)
        XCTAssertTrue(blocking.isEmpty, "render-blocking scripts in <head>:\n" + blocking.joined(separator: "\n"))
    }
}
