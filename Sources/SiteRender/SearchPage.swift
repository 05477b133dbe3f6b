import Foundation
import SiteContent

/// search.mustache: a form, a status line and the list of every entry (the page without script).
struct SearchBody: Encodable {
    var heading: String
    var label: String
    var placeholder: String
    /// "{n} kết quả": search.js puts the count in.
    var found: String
    var action: String
    /// URL of this language's index.json.
    var index: String
    var entries: [SearchEntry]
}

struct SearchEntry: Encodable {
    var title: String
    var href: String
    var summary: String?
}

/// The search index of one language, written as `…/search/index.json` beside the page: for each
/// entry its title `t`, URL `u`, summary `s` and `f`, the folded text the words are matched in
/// (title, summary, tags, address, producer; see `Slug.fold`).
enum SearchIndex {
    static func json(_ entries: [(entry: Entry, translation: Translation, href: String)]) -> String {
        let items: [[String: String]] = entries.map { item in
            let t = item.translation
            let haystack = [t.title, t.summary, t.tags.joined(separator: " "), t.address ?? "", item.entry.product?.producer ?? ""]
                .filter { !$0.isEmpty }.joined(separator: " ")
            var json = ["t": t.title, "u": item.href, "f": Slug.fold(haystack)]
            if !t.summary.isEmpty { json["s"] = t.summary }
            return json
        }
        return JSONText.encode(items) + "\n"
    }
}

extension PageBuilder {
    static let searchAsset = "js/search.js"

    /// Places, then products, then free pages, in the language (untranslated ones left out).
    func searchable(_ language: Language) -> [(entry: Entry, translation: Translation, href: String)] {
        (input.content.places + input.content.products + input.content.pages).compactMap { entry in
            entry.translations[language].map { (entry, $0, router.href(.entry(entry.kind, slug: entry.slug), language)) }
        }
    }

    func search(_ language: Language) throws -> Page<SearchBody> {
        let ui = UIStrings.forLanguage(language)
        guard let script = input.staticAssets[Self.searchAsset] else {
            throw RenderError.missingStaticAsset(path: Self.searchAsset, neededFor: "the search page")
        }
        let entries = searchable(language).map {
            SearchEntry(title: $0.translation.title, href: $0.href, summary: $0.translation.summary.isEmpty ? nil : $0.translation.summary)
        }
        let body = SearchBody(heading: ui.search, label: ui.searchLabel, placeholder: ui.searchPlaceholder, found: ui.searchFound,
                              action: router.href(.search, language),
                              index: router.href(router.sitePath(.search, language) + "index.json"), entries: entries)
        var page = page(.search, language, title: ui.search, description: siteDescription(language), ogType: "website",
                        ogImage: nil, showsModel: false, body: body)
        page.doc.searchScript = router.href(script)
        return page
    }
}
