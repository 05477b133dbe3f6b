import Foundation
import TestSupport

/// The files of a built site, and the example's baseURL.
enum SiteFiles {
    /// `baseURL:` from the example's content/site.yml (with a trailing slash).
    static var exampleBaseURL: String {
        let yml = (try? String(contentsOf: PackagePaths.root.appendingPathComponent("content/site.yml"), encoding: .utf8)) ?? ""
        for line in yml.split(separator: "\n") where line.hasPrefix("baseURL:") {
            var value = line.dropFirst("baseURL:".count).trimmingCharacters(in: .whitespaces)
            value = value.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            return value.hasSuffix("/") ? value : value + "/"
        }
        return "https://vinhhung.example.vn/"
    }

    /// Every regular file under `root`, as sorted paths relative to it ("products/x/index.html").
    static func files(under root: URL) -> [String] {
        let rootPath = root.standardizedFileURL.path
        var found: [String] = []
        guard let walker = FileManager.default.enumerator(atPath: rootPath) else { return [] }
        while let relative = walker.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: rootPath + "/" + relative, isDirectory: &isFolder), !isFolder.boolValue {
                found.append(relative)
            }
        }
        return found.sorted()
    }

    /// Every folder under `root`, relative ("products/x").
    static func folders(under root: URL) -> Set<String> {
        let rootPath = root.standardizedFileURL.path
        var found: Set<String> = []
        guard let walker = FileManager.default.enumerator(atPath: rootPath) else { return [] }
        while let relative = walker.nextObject() as? String {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: rootPath + "/" + relative, isDirectory: &isFolder), isFolder.boolValue {
                found.insert(relative)
            }
        }
        return found
    }

    /// The site path a file is served at: "products/x/index.html" → "/products/x/", "404.html" → "/404.html".
    static func sitePath(ofFile relative: String) -> String {
        if relative == "index.html" { return "/" }
        if relative.hasSuffix("/index.html") { return "/" + relative.dropLast("index.html".count) }
        return "/" + relative
    }
}

/// Checks that every reference from the built site into itself resolves to a file, and every
/// fragment to an id: HTML attributes (href, src, srcset, poster, ios-src, data-*, og:/twitter:
/// meta content, style), JSON-LD, the Scene Viewer intent's file and fallback, CSS url()/@import,
/// and sitemap.xml / robots.txt. External addresses are counted, not fetched.
struct LinkChecker {
    let root: URL
    /// The site's absolute address, with a trailing slash ("https://vinhhung.example.vn/").
    let base: String

    struct Report {
        var checked = 0
        var broken: [String] = []
        var external: Set<String> = []
    }

    private struct Reference {
        var file: String       // the file the reference is in
        var line: Int
        var what: String       // "<img src>", "CSS url()", …
        var value: String
        var documentPath: String  // the site path it is relative to
        /// JSON-LD "@id"s such as ".../#organization" name graph nodes, not anchors in the page.
        var checkFragment = true
    }

    private enum Resolution: Equatable {
        case skip
        case external
        case target(path: String, fragment: String?)
        case invalid(String)
    }

    func run() throws -> Report {
        let files = SiteFiles.files(under: root)
        let fileSet = Set(files)
        let folders = SiteFiles.folders(under: root)
        var ids: [String: Set<String>] = [:]
        var references: [Reference] = []
        var problems: [String] = []

        for file in files where file.hasSuffix(".html") {
            let html = try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
            let documentPath = SiteFiles.sitePath(ofFile: file)
            var pageIDs: Set<String> = []
            func add(_ line: Int, _ what: String, _ value: String) {
                references.append(Reference(file: file, line: line, what: what, value: value, documentPath: documentPath))
            }
            for tag in HTMLScanner.tags(html) where !tag.isEnd {
                if let id = tag.attribute("id") { pageIDs.insert(id) }
                if tag.name == "a", let name = tag.attribute("name") { pageIDs.insert(name) }
                for (name, value) in tag.attributes {
                    let what = "<\(tag.name) \(name)>"
                    switch name {
                    case "href", "src", "poster", "ios-src", "action", "formaction", "xlink:href":
                        if value.lowercased().hasPrefix("intent:") {
                            for inner in intentAddresses(value) { add(tag.line, what + " (intent)", inner) }
                        } else {
                            add(tag.line, what, value)
                        }
                    case "srcset", "imagesrcset":
                        for candidate in value.split(separator: ",") {
                            let url = candidate.split(whereSeparator: { $0.isWhitespace }).first.map(String.init) ?? ""
                            add(tag.line, what, url)
                        }
                    case "content" where tag.name == "meta" && looksLikeAddress(value):
                        add(tag.line, what + " " + (tag.attribute("property") ?? tag.attribute("name") ?? ""), value)
                    case "style":
                        for url in Self.cssAddresses(value) { add(tag.line, what + " url()", url) }
                    case _ where name.hasPrefix("data-") && (looksLikeAddress(value) || value.hasPrefix("#")):
                        add(tag.line, what, value)
                    default:
                        break
                    }
                }
                if tag.name == "style", let css = tag.rawText {
                    for url in Self.cssAddresses(css) { add(tag.line, "<style> url()", url) }
                }
                if tag.name == "script", tag.attribute("type") == "application/ld+json", let json = tag.rawText {
                    guard let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) else {
                        problems.append("\(file):\(tag.line) JSON-LD does not parse")
                        continue
                    }
                    for url in Self.strings(in: object) where url.hasPrefix(base) {
                        references.append(Reference(file: file, line: tag.line, what: "JSON-LD", value: url,
                                                    documentPath: documentPath, checkFragment: false))
                    }
                }
            }
            ids[file] = pageIDs
        }

        for css in files where css.hasSuffix(".css") {
            let text = try String(contentsOf: root.appendingPathComponent(css), encoding: .utf8)
            for url in Self.cssAddresses(text) {
                references.append(Reference(file: css, line: 0, what: "CSS url()", value: url, documentPath: "/" + css))
            }
        }

        if fileSet.contains("sitemap.xml") {
            let sitemap = try String(contentsOf: root.appendingPathComponent("sitemap.xml"), encoding: .utf8)
            var locations = 0
            for match in sitemap.matches(of: /<loc>\s*([^<]*?)\s*<\/loc>/) {
                locations += 1
                let value = HTMLScanner.decodeEntities(String(match.1))
                if !value.hasPrefix(base) { problems.append("sitemap.xml <loc> \(value) is not under \(base)") }
                references.append(Reference(file: "sitemap.xml", line: 0, what: "<loc>", value: value, documentPath: "/sitemap.xml"))
            }
            for match in sitemap.matches(of: /<xhtml:link[^>]*\shref="([^"]*)"/) {
                let value = HTMLScanner.decodeEntities(String(match.1))
                references.append(Reference(file: "sitemap.xml", line: 0, what: "<xhtml:link href>", value: value, documentPath: "/sitemap.xml"))
            }
            if locations == 0 { problems.append("sitemap.xml lists no <loc>") }
        }
        if fileSet.contains("robots.txt") {
            let robots = try String(contentsOf: root.appendingPathComponent("robots.txt"), encoding: .utf8)
            for line in robots.split(separator: "\n") where line.lowercased().hasPrefix("sitemap:") {
                let value = line.dropFirst("sitemap:".count).trimmingCharacters(in: .whitespaces)
                references.append(Reference(file: "robots.txt", line: 0, what: "Sitemap:", value: value, documentPath: "/robots.txt"))
            }
        }

        var report = Report()
        for reference in references {
            let place = reference.line > 0 ? "\(reference.file):\(reference.line)" : reference.file
            switch resolve(reference.value, from: reference.documentPath) {
            case .skip:
                continue
            case .external:
                report.external.insert(reference.value)
                continue
            case let .invalid(why):
                report.checked += 1
                problems.append("\(place) \(reference.what) “\(reference.value)”: \(why)")
            case let .target(path, fragment):
                report.checked += 1
                var target = String(path.dropFirst())
                if target.isEmpty || target.hasSuffix("/") { target += "index.html" }
                guard fileSet.contains(target) else {
                    let why = folders.contains(target) ? "is a folder; the link needs a trailing slash" : "\(target) does not exist"
                    problems.append("\(place) \(reference.what) “\(reference.value)”: \(why)")
                    continue
                }
                if reference.checkFragment, let fragment, !fragment.isEmpty, fragment != "top", target.hasSuffix(".html") {
                    let id = fragment.removingPercentEncoding ?? fragment
                    if !(ids[target] ?? []).contains(id) {
                        problems.append("\(place) \(reference.what) “\(reference.value)”: no id=\"\(id)\" in \(target)")
                    }
                }
            }
        }
        report.broken = problems
        return report
    }

    private func looksLikeAddress(_ value: String) -> Bool {
        value.hasPrefix(base) || (value.hasPrefix("/") && !value.hasPrefix("//")) || value.hasPrefix("./") || value.hasPrefix("../")
    }

    /// Scene Viewer intents carry the model and a fallback page as encoded web addresses.
    private func intentAddresses(_ intent: String) -> [String] {
        var found: [String] = []
        if let query = intent.split(separator: "?", maxSplits: 1).dropFirst().first {
            let beforeFragment = query.split(separator: "#", maxSplits: 1).first ?? ""
            for pair in beforeFragment.split(separator: "&") where pair.hasPrefix("file=") {
                found.append(String(pair.dropFirst(5)).removingPercentEncoding ?? String(pair.dropFirst(5)))
            }
        }
        if let range = intent.range(of: "S.browser_fallback_url=") {
            let value = intent[range.upperBound...].prefix { $0 != ";" }
            found.append(String(value).removingPercentEncoding ?? String(value))
        }
        return found
    }

    private func resolve(_ raw: String, from documentPath: String) -> Resolution {
        let reference = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if reference.isEmpty { return .skip }
        var path: String
        if reference.hasPrefix("#") {
            return .target(path: documentPath, fragment: String(reference.dropFirst()))
        } else if reference.lowercased().hasPrefix(base.lowercased()) {
            path = "/" + reference.dropFirst(base.count)
        } else if reference.hasPrefix("//") {
            let hostOnly = base.split(separator: ":", maxSplits: 1).last.map { String($0) } ?? base  // "//host/"
            guard reference.lowercased().hasPrefix(hostOnly.lowercased()) else { return .external }
            path = "/" + reference.dropFirst(hostOnly.count)
        } else if let colon = reference.firstIndex(of: ":"),
                  reference[..<colon].allSatisfy({ $0.isLetter || $0.isNumber || "+.-".contains($0) }),
                  reference.first?.isLetter == true {
            let scheme = reference[..<colon].lowercased()
            return scheme == "http" || scheme == "https" ? .external : .skip  // mailto:, tel:, geo:, data:, …
        } else if reference.hasPrefix("/") {
            path = reference
        } else {
            let folder = documentPath.hasSuffix("/") ? documentPath : String(documentPath[...(documentPath.lastIndex(of: "/") ?? documentPath.startIndex)])
            path = folder + reference
        }
        var fragment: String?
        if let hash = path.firstIndex(of: "#") {
            fragment = String(path[path.index(after: hash)...])
            path = String(path[..<hash])
        }
        if let question = path.firstIndex(of: "?") { path = String(path[..<question]) }
        // Dot segments.
        var segments: [Substring] = []
        let parts = path.split(separator: "/", omittingEmptySubsequences: false)
        for (index, part) in parts.enumerated() {
            if part == "." { if index == parts.count - 1 { segments.append("") }; continue }
            if part == ".." {
                guard segments.count > 1 else { return .invalid("climbs above the site root") }
                segments.removeLast()
                if index == parts.count - 1 { segments.append("") }
                continue
            }
            segments.append(part)
        }
        path = segments.joined(separator: "/")
        if !path.hasPrefix("/") { path = "/" + path }
        guard let decoded = path.removingPercentEncoding else { return .invalid("bad percent-encoding") }
        return .target(path: decoded, fragment: fragment)
    }

    /// url(...) and @import "..." in a stylesheet (fragment-only url(#id) and data: are left out).
    static func cssAddresses(_ css: String) -> [String] {
        var found: [String] = []
        let unquote: (Substring) -> String = {
            $0.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        }
        var rest = Substring(css)
        while let start = rest.range(of: "url(", options: .caseInsensitive) {
            let tail = rest[start.upperBound...]
            guard let close = tail.firstIndex(of: ")") else { break }
            let value = unquote(tail[..<close])
            if !value.hasPrefix("data:") && !value.hasPrefix("#") && !value.isEmpty { found.append(value) }
            rest = tail[close...]
        }
        for match in css.matches(of: /@import\s+["']([^"']+)["']/) { found.append(String(match.1)) }
        return found
    }

    static func strings(in object: Any) -> [String] {
        if let s = object as? String { return [s] }
        if let array = object as? [Any] { return array.flatMap { strings(in: $0) } }
        if let dictionary = object as? [String: Any] { return dictionary.values.flatMap { strings(in: $0) } }
        return []
    }
}
