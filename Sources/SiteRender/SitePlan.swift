import SiteContent

/// Which pages exist in which languages, decided once before any HTML is rendered, so that
/// nav, language switch, hreflang and sitemap all agree.
struct SitePlan {
    struct PlannedPage {
        var id: PageID
        /// In site.yml order.
        var languages: [Language]
        var entry: Entry?
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
        for entry in content.places + content.products + content.pages {
            // An entry without a translation in a language is not published there.
            let published = all.filter { entry.translations[$0] != nil }
            guard !published.isEmpty else { continue }
            add(.entry(entry.kind, slug: entry.slug), published, entry)
            if entry.model != nil {
                add(.arViewer(entry.kind, slug: entry.slug), published, entry)
            }
        }
    }

    private mutating func add(_ id: PageID, _ languages: [Language], _ entry: Entry?) {
        pages.append(PlannedPage(id: id, languages: languages, entry: entry))
        languagesByPage[id] = languages
    }

    func languages(of id: PageID) -> [Language] {
        languagesByPage[id] ?? []
    }

    func exists(_ id: PageID, in language: Language) -> Bool {
        languages(of: id).contains(language)
    }
}
