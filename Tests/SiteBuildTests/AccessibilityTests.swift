import Foundation
import TestSupport
import XCTest

/// Accessibility basics over every page of the example build (ExampleSiteTests' one build):
/// text alternatives, labelled controls, languages, one h1, and the default theme's contrast
/// computed from site.css. Keyboard reach of the 3D view and the AR links is checked in a browser
/// (BrowserTests without the viewer script, RealViewerTests with it).
extension ExampleSiteTests {
    /// Elements that never have an end tag.
    static let voidElements: Set<String> = ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"]

    func htmlPages() throws -> [(path: String, html: String)] {
        let (output, _) = try site()
        return try SiteFiles.files(under: output).filter { $0.hasSuffix(".html") }.map {
            ($0, try String(contentsOf: output.appendingPathComponent($0), encoding: .utf8))
        }
    }

    func testEveryImageHasAltTextEmptyOnlyWhereItIsDecorative() throws {
        var images = 0, decorative = 0
        for (path, html) in try htmlPages() {
            var open: [HTMLTag] = []  // enclosing elements, innermost last
            for tag in HTMLScanner.tags(html) {
                if tag.isEnd {
                    if let index = open.lastIndex(where: { $0.name == tag.name }) { open.removeSubrange(index...) }
                    continue
                }
                if tag.name == "img" {
                    images += 1
                    guard let alt = tag.attribute("alt") else {
                        XCTFail("\(path):\(tag.line): <img src=\"\(tag.attribute("src") ?? "")\"> has no alt")
                        continue
                    }
                    if alt.trimmingCharacters(in: .whitespaces).isEmpty {
                        decorative += 1
                        // Decorative: a card's picture (its title link says what it is), an icon
                        // inside a labelled link or button, or an entry's drawn picture under its h1.
                        let inCard = open.contains { $0.name == "li" && ($0.attribute("class") ?? "").split(separator: " ").contains("card") }
                        let inControl = open.contains { $0.name == "a" || $0.name == "button" }
                        let drawn = (tag.attribute("class") ?? "").contains("entry-picture")
                        XCTAssertTrue(inCard || inControl || drawn,
                                      "\(path):\(tag.line): <img src=\"\(tag.attribute("src") ?? "")\"> has an empty alt but is not decorative")
                    }
                }
                if !Self.voidElements.contains(tag.name) && !tag.selfClosing { open.append(tag) }
            }
        }
        XCTAssertGreaterThan(images, 50, "the example site has pictures on its cards and pages")
        print("accessibility: \(images) images, \(decorative) of them decorative (alt=\"\")")
    }

    func testEveryControlHasALabel() throws {
        var controls = 0
        for (path, html) in try htmlPages() {
            let tags = HTMLScanner.tags(html)
            let labelled = Set(tags.filter { !$0.isEnd && $0.name == "label" }.compactMap { $0.attribute("for") })
            for (index, tag) in tags.enumerated() where !tag.isEnd {
                switch tag.name {
                case "input", "select", "textarea":
                    if tag.attribute("type") == "hidden" { continue }
                    controls += 1
                    let named = tag.attribute("id").map(labelled.contains) ?? false
                        || tag.has("aria-label") || tag.has("aria-labelledby")
                    XCTAssertTrue(named, "\(path):\(tag.line): <\(tag.name)> has no <label for>, aria-label or aria-labelledby")
                case "button", "a":
                    if tag.name == "a" && !tag.has("href") { continue }
                    controls += 1
                    let name = Self.accessibleText(tags, from: index)
                    XCTAssertFalse(name.isEmpty && !tag.has("aria-label"),
                                   "\(path):\(tag.line): <\(tag.name)> has no text, alt text or aria-label")
                default: continue
                }
            }
        }
        XCTAssertGreaterThan(controls, 100)
        print("accessibility: \(controls) links, buttons and form fields, all labelled")
    }

    /// The text, and alt text of images, inside the element opened at `tags[start]`.
    static func accessibleText(_ tags: [HTMLTag], from start: Int) -> String {
        let name = tags[start].name
        var text = "", depth = 0
        for tag in tags[start...] {
            if tag.name == name { depth += tag.isEnd ? -1 : 1 }
            if depth == 0 { break }
            text += tag.textAfter ?? ""
            if tag.name == "img", !tag.isEnd { text += tag.attribute("alt") ?? "" }
            if tag.name == "svg", !tag.isEnd, tag.has("aria-label") { text += tag.attribute("aria-label")! }
        }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    func testLanguagesAreMarkedAndEachPageHasOneH1() throws {
        let languages = ["vi", "en"]
        var switches = 0
        for (path, html) in try htmlPages() {
            let tags = HTMLScanner.tags(html)
            let root = tags.first { $0.name == "html" && !$0.isEnd }
            XCTAssertTrue(languages.contains(root?.attribute("lang") ?? ""), "\(path): <html lang> is \(root?.attribute("lang") ?? "missing")")
            let expected = path.hasPrefix("en/") ? "en" : "vi"
            if path != "404.html" { XCTAssertEqual(root?.attribute("lang"), expected, path) }
            for link in tags where !link.isEnd && link.name == "a" && (link.attribute("class") ?? "").contains("lang-link") {
                switches += 1
                XCTAssertNotNil(link.attribute("lang"), "\(path):\(link.line): the language switch has no lang")
                XCTAssertEqual(link.attribute("lang"), link.attribute("hreflang"), "\(path):\(link.line)")
            }
            let headings = tags.filter { !$0.isEnd && $0.name == "h1" }.count
            XCTAssertEqual(headings, 1, "\(path) has \(headings) <h1>")
        }
        XCTAssertGreaterThan(switches, 40)
    }

    /// WCAG 2 contrast of the default theme: every text colour site.css uses, on each background
    /// it is used on, at least 4.5:1 (the normal-text level). A new text colour in site.css fails
    /// until its pair is listed here.
    func testDefaultThemeTextContrastIsAtLeastFourAndAHalf() throws {
        let css = try String(contentsOf: PackagePaths.root.appendingPathComponent("site-templates/static/css/site.css"), encoding: .utf8)
        let root = try XCTUnwrap(css.firstMatch(of: /:root\s*\{([^}]*)\}/)).1
        var variables: [String: String] = [:]
        for match in root.matches(of: /--([a-z-]+)\s*:\s*(#[0-9a-fA-F]{3,6})/) { variables[String(match.1)] = String(match.2) }
        func colour(_ name: String) throws -> String {
            name.hasPrefix("#") ? name : try XCTUnwrap(variables[name], "site.css has no --\(name)")
        }
        // (text, background): body and prose, cards and header, buttons, hero and footer, stars.
        let pairs: [(String, String)] = [
            ("ink", "paper"), ("ink", "surface"), ("muted", "paper"), ("muted", "surface"),
            ("link", "paper"), ("link", "surface"), ("accent-dark", "paper"), ("accent-dark", "surface"),
            ("accent", "surface"), ("accent", "paper"), ("on-accent", "accent"), ("on-accent", "accent-dark"),
            ("surface", "accent-dark"), ("#8a5a00", "surface"), ("#8a5a00", "paper"),
        ]
        var worst = Double.infinity
        for (text, background) in pairs {
            let ratio = Contrast.ratio(try colour(text), try colour(background))
            worst = min(worst, ratio)
            XCTAssertGreaterThanOrEqual(ratio, 4.5, String(format: "%@ on %@: %.2f:1", text, background, ratio))
        }
        let checked = Set(pairs.map(\.0))
        for match in css.matches(of: /[\s;{]color\s*:\s*(var\(--([a-z-]+)\)|#[0-9a-fA-F]{3,6})/) {
            let used = match.2.map(String.init) ?? String(match.1)
            XCTAssertTrue(checked.contains(used), "site.css uses the text colour \(used), which no contrast pair covers")
        }
        print(String(format: "accessibility: %d text/background pairs of the default theme, lowest contrast %.2f:1", pairs.count, worst))
    }
}

extension ExampleSiteTests {
    /// No card and no place or product page without a picture: a poster, a photo, or the picture
    /// drawn for the entry.
    func testEveryCardAndEntryPageHasAPicture() throws {
        var cards = 0, drawn = 0, entries = 0
        let (output, _) = try site()
        for (path, html) in try htmlPages() {
            let tags = HTMLScanner.tags(html)
            var inCard = false, cardHasPicture = false, cardLine = 0
            for tag in tags {
                if tag.name == "li", !tag.isEnd, (tag.attribute("class") ?? "").split(separator: " ").contains("card") {
                    inCard = true; cardHasPicture = false; cardLine = tag.line
                } else if inCard, tag.name == "img", !tag.isEnd {
                    cardHasPicture = true
                    let src = tag.attribute("src") ?? ""
                    if src.contains("/assets/pictures/") {
                        drawn += 1
                        XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent(String(src.dropFirst())).path), src)
                    }
                } else if inCard, tag.name == "li", tag.isEnd {
                    inCard = false
                    cards += 1
                    XCTAssertTrue(cardHasPicture, "\(path):\(cardLine): a card without a picture")
                }
            }
            let isEntry = ["places/", "products/", "en/places/", "en/products/"].contains { prefix in
                path.hasPrefix(prefix) && path.dropFirst(prefix.count).split(separator: "/").count == 2
            }
            if isEntry {
                entries += 1
                let main = html.components(separatedBy: "<main").dropFirst().first ?? ""
                XCTAssertTrue(main.contains("<model-viewer") || main.contains("<img"), "\(path): an entry page without a picture")
            }
        }
        XCTAssertGreaterThan(cards, 20)
        XCTAssertGreaterThanOrEqual(entries, 24)
        XCTAssertGreaterThan(drawn, 0, "the market and the fishing village have neither model nor photo")
        print("pictures: \(cards) cards (\(drawn) with a drawn picture) and \(entries) entry pages, none without a picture")
    }
}
