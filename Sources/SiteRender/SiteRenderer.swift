import Foundation
import Mustache
import SiteContent

/// Renders a checked `SiteContent` plus the URLs of the built assets into the files of the site:
/// every page in every language it is translated into, the AR-viewer pages, 404.html, sitemap.xml
/// and robots.txt. Pure: no file is read after `init`, and the same input gives the same bytes.
public struct SiteRenderer: Sendable {
    /// Templates the renderer calls by name; partials they include are the templates' own business.
    public static let requiredTemplates = ["layout", "home", "list", "map", "search", "place", "product", "page", "ar-viewer", "sign", "404"]
    /// Files of site-templates/static every site links to (the favicon is linked when present).
    public static let requiredStaticAssets = [PageBuilder.stylesheetAsset]

    private let library: MustacheLibrary
    /// Digest of every template's text, part of each page's reuse key.
    private let templatesDigest: String

    /// Loads every `*.mustache` under `templatesDirectory` (not under its `static/`), each named by
    /// its path without the extension (`model-viewer`, or `partials/x` in a sub-folder).
    /// A template that does not parse throws `RenderError.templateSyntax` naming file, line and column.
    public init(templatesDirectory: URL) throws {
        let root = templatesDirectory.standardizedFileURL
        let label = root.lastPathComponent
        let files = try Self.templateFiles(in: root)
        var templates: [String: MustacheTemplate] = [:]
        var digest = StableDigest()
        FastHTMLEscaping.register()
        for relative in files {
            let url = root.appendingPathComponent(relative)
            let data = try Data(contentsOf: url)
            let text = String(decoding: data, as: UTF8.self)
            digest.add(relative)
            digest.add(text)
            do {
                templates[String(relative.dropLast(".mustache".count))] = try MustacheTemplate(string: FastHTMLEscaping.pragma + text)
            } catch let error as MustacheTemplate.ParserError {
                // The pragma line is ours: the author's lines start at the second.
                throw RenderError.templateSyntax(file: "\(label)/\(relative)", line: max(1, error.context.lineNumber - 1),
                                                 column: error.context.columnNumber, reason: "\(error.error)")
            }
        }
        for name in Self.requiredTemplates where templates[name] == nil {
            throw RenderError.missingTemplate(name: name, directory: label)
        }
        library = MustacheLibrary(templates: templates)
        templatesDigest = digest.hex
    }

    private static func templateFiles(in root: URL) throws -> [String] {
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: root.path])
        }
        var found: [String] = []
        for case let relative as String in manager.enumerator(atPath: root.path) ?? FileManager.DirectoryEnumerator() {
            if relative == "static" || relative.hasPrefix("static/") { continue }
            if relative.hasSuffix(".mustache") { found.append(relative) }
        }
        return found.sorted()
    }

    /// `concurrently` false renders one page after the other (the same bytes, for comparison).
    /// With `reuse`, a page whose key is unchanged since the previous build is taken from it
    /// instead of rendered (`PageReuse`); every page's file carries its key for the next build.
    public func render(_ input: RenderInput, concurrently: Bool = true, reuse: PageReuse? = nil) throws -> [OutputFile] {
        let router = try Router(config: input.content.config)
        let plan = SitePlan(content: input.content, router: router)
        try Self.checkSlugs(input, router: router)
        let builder = try PageBuilder(input: input, router: router, plan: plan)

        // Every page in every language is independent of the others: render them on all cores,
        // then put them in path order, so the output does not depend on scheduling.
        let jobs = plan.pages.flatMap { planned in planned.languages.map { (planned, $0) } }
        let shared = SharedForRender(builder: builder, router: router, renderer: self)
        let keys = reuse.map { PageKeys(input, templates: templatesDigest, salt: $0.salt) }
        let renderOne = { @Sendable (index: Int) -> Result<[OutputFile], Error> in
            Result {
                let (planned, language) = jobs[index]
                guard let reuse, let keys else { return try shared.renderer.files(for: planned, language, shared.builder, shared.router) }
                let paths = shared.renderer.outputPaths(planned, language, shared.router)
                let key = keys.key(planned, path: paths.last!)
                let previous = paths.map { reuse.previous($0, key) }
                if previous.allSatisfy({ $0 != nil }) {
                    return zip(paths, previous).map { OutputFile(path: $0, bytes: $1!, reuseKey: key, isReused: true) }
                }
                return try shared.renderer.files(for: planned, language, shared.builder, shared.router).map {
                    var file = $0
                    file.reuseKey = key
                    return file
                }
            }
        }
        let rendered = concurrently ? ConcurrentJobs.run(count: jobs.count, renderOne) : jobs.indices.map(renderOne)
        var files: [OutputFile] = []
        for result in rendered { files += try result.get() }
        files += builder.fallbackPictures.values.map(\.file)
        files.append(OutputFile(path: "404.html", text: try render(notFound(builder, router), "404")))
        files.append(OutputFile(path: "sitemap.xml", text: Sitemap.xml(plan: plan, router: router)))
        files.append(OutputFile(path: "robots.txt", text: Sitemap.robots(router: router)))

        files.sort { $0.path < $1.path }
        for (a, b) in zip(files, files.dropFirst()) where a.path == b.path {
            throw RenderError.pathCollision(path: a.path, reason: "two pages would be written to this file")
        }
        return files
    }

    /// The files `files(for:)` writes for one page in one language.
    private func outputPaths(_ planned: SitePlan.PlannedPage, _ language: Language, _ router: Router) -> [String] {
        let page = router.outputPath(planned.id, language)
        guard case .search = planned.id else { return [page] }
        return [String(router.sitePath(.search, language).dropFirst()) + "index.json", page]
    }

    /// One page in one language (and the search page's index beside it).
    private func files(for planned: SitePlan.PlannedPage, _ language: Language, _ builder: PageBuilder,
                       _ router: Router) throws -> [OutputFile] {
        var files: [OutputFile] = []
        let html: String
        switch planned.id {
        case .home:
            html = try render(builder.home(language), "home")
        case let .list(kind):
            html = try render(builder.list(kind, language), "list")
        case .map:
            html = try render(builder.map(language), "map")
        case let .tag(slug):
            html = try render(builder.tag(slug, language), "list")
        case .search:
            html = try render(builder.search(language), "search")
            files.append(OutputFile(path: String(router.sitePath(.search, language).dropFirst()) + "index.json",
                                    text: SearchIndex.json(builder.searchable(language))))
        case let .entry(kind, _):
            let template = kind == .place ? "place" : kind == .product ? "product" : "page"
            html = try render(builder.entry(planned.entry!, language), template)
        case .arViewer:
            html = try render(builder.arViewer(planned.entry!, planned.entry!.model!, language), "ar-viewer")
        case .sign:
            html = try render(builder.sign(planned.entry!, language), "sign")
        }
        files.append(OutputFile(path: router.outputPath(planned.id, language), text: html))
        return files
    }

    private func render<Context: Encodable>(_ context: Context, _ template: String) throws -> String {
        guard let text = library.render(TemplateValues.box(context), withTemplate: template) else {
            throw RenderError.missingTemplate(name: template, directory: "site-templates")
        }
        return text
    }

    private func notFound(_ builder: PageBuilder, _ router: Router) -> NotFoundPage {
        let languages = router.languages
        let sections = languages.map { language in
            let ui = UIStrings.forLanguage(language)
            return NotFoundSection(isFirst: language == router.defaultLanguage, lang: language, heading: ui.notFoundTitle, text: ui.notFoundText,
                                   homeHref: router.href(.home, language), homeLabel: ui.goHome)
        }
        let title = languages.map { UIStrings.forLanguage($0).notFoundTitle }.uniqued().joined(separator: " · ")
        var doc = builder.document(.home, router.defaultLanguage,
                                   title: title + " – " + builder.siteTitle(router.defaultLanguage),
                                   description: builder.siteDescription(router.defaultLanguage),
                                   ogType: "website", ogImage: nil, showsModel: false)
        // Served for any missing URL, so it must not claim one.
        doc.canonical = nil
        doc.alternates = []
        doc.noindex = true
        return NotFoundPage(doc: doc, sections: sections)
    }

    /// A free page at `/<slug>/` must not take a language's, a section's or the assets' folder.
    private static func checkSlugs(_ input: RenderInput, router: Router) throws {
        var reserved: [String: String] = [:]
        for language in router.languages { reserved[language] = "the \(language) version of the site" }
        for kind in [Entry.Kind.place, .product] { reserved[kind.sectionSegment!] = "the \(kind.sectionSegment!) section" }
        reserved["map"] = "the map page"
        reserved["search"] = "the search page"
        reserved["tags"] = "the tag pages"
        let assetURLs = input.models.values.flatMap { [$0.glb, $0.arGLB, $0.usdz, $0.poster].compactMap { $0 } }
            + input.photos.values.flatMap { [$0.src] + $0.variants.map(\.src) } + Array(input.staticAssets.values)
        for url in assetURLs where url.hasPrefix("/") {
            if let segment = url.dropFirst().split(separator: "/").first, url.dropFirst().contains("/") {
                reserved[String(segment)] = "built assets (\(segment)/)"
            }
        }
        for page in input.content.pages {
            if let owner = reserved[page.slug] {
                throw RenderError.pathCollision(path: page.sourcePath,
                                                reason: "the page's address /\(page.slug)/ is taken by \(owner); rename the file")
            }
        }
    }
}

extension Array where Element: Hashable {
    /// The elements in order, without repeats.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}

/// What every page's render reads and none writes, handed to the render threads.
private struct SharedForRender: @unchecked Sendable {
    let builder: PageBuilder
    let router: Router
    let renderer: SiteRenderer
}
