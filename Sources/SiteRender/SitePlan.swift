import SiteContent

/// Which pages exist in which languages, decided once before any HTML is rendered, so that
/// nav, language switch, hreflang and sitemap all agree.
struct SitePlan {
    struct PlannedPage {
        var id: PageID
        /// In site.yml order.
        var languages: [Language]
        var entry: Entry?
        /// In sitemap.xml and hreflang (printable signs and AR views are not pages to find).
        var isListed = true
    }

    /// Home, lists, then places, products and pages (each followed by its AR viewer).
    private(set) var pages: [PlannedPage] = []
    private var languagesByPage: [PageID: [Language]] = [:]

    init(content: SiteContent, router: Router) {
        let all = router.languages
        add(.home, all, nil)
        for kind in [Entry.Kind.place, .product] {
            let entries = kind == .place ? content.places : content.products
            let published = all.filter { language in entries.contains { $0.translations[language] != nil } }
            if !published.isEmpty { add(.list(kind), published, nil) }
        }
        let mapped = all.filter { language in content.places.contains { $0.location != nil && $0.translations[language] != nil } }
        if !mapped.isEmpty { add(.map, mapped, nil) }
        add(.search, all, nil)
        // A tag page per tag and language; tags are words of their language, so a slug shared by
        // two languages ("ocop") is the same tag in both.
        var tagLanguages: [String: [Language]] = [:]
        for language in all {
            let slugs = Set((content.places + content.products + content.pages).flatMap { entry in
                (entry.translations[language]?.tags ?? []).map(Slug.make).filter { !$0.isEmpty }
            })
            for slug in slugs { tagLanguages[slug, default: []].append(language) }
        }
        for slug in tagLanguages.keys.sorted() { add(.tag(slug: slug), tagLanguages[slug]!, nil) }
        for entry in content.places + content.products + content.pages {
            // An entry without a translation in a language is not published there.
            let published = all.filter { entry.translations[$0] != nil }
            guard !published.isEmpty else { continue }
            add(.entry(entry.kind, slug: entry.slug), published, entry)
            if entry.model != nil {
                // Not listed: the AR view is the entry's own model on a page of its own, whose
                // canonical link is the entry page (see `PageBuilder.arViewer`).
                add(.arViewer(entry.kind, slug: entry.slug), published, entry, listed: false)
            }
            // One sign per place or product: it carries every language's title itself.
            if entry.kind != .page {
                add(.sign(entry.kind, slug: entry.slug), [published[0]], entry, listed: false)
            }
        }
    }

    private mutating func add(_ id: PageID, _ languages: [Language], _ entry: Entry?, listed: Bool = true) {
        pages.append(PlannedPage(id: id, languages: languages, entry: entry, isListed: listed))
        languagesByPage[id] = languages
    }

    func languages(of id: PageID) -> [Language] {
        languagesByPage[id] ?? []
    }

    func exists(_ id: PageID, in language: Language) -> Bool {
        languages(of: id).contains(language)
    }
}
