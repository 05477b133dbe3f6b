import SiteContent

/// Pages a rebuild may take from the previous build instead of rendering them again.
///
/// Every page is a pure function of the `RenderInput`, the templates and the program. Its key
/// is the digest of all of those except the entries' Markdown bodies, plus — for the pages of
/// one entry (its page, AR view and sign) — that entry's own bodies: a body shows on its
/// entry's page only (the search index reads titles, summaries and tags). So an edit of an
/// entry's text re-renders that entry's pages, any other edit re-renders everything, and a
/// rebuild with nothing changed renders nothing. `PageReuseTests` checks the body rule.
public struct PageReuse: Sendable {
    /// What shapes pages beyond the input and the templates: the program's identity.
    public var salt: String
    /// The previous build's bytes of `path` when it was rendered under `key`, else nil.
    public var previous: @Sendable (_ path: String, _ key: String) -> [UInt8]?

    public init(salt: String, previous: @escaping @Sendable (_ path: String, _ key: String) -> [UInt8]?) {
        self.salt = salt
        self.previous = previous
    }
}

/// The keys of one render: the digest of everything but the bodies, and each entry's bodies.
struct PageKeys {
    let shared: String
    let bodies: [String: String]

    init(_ input: RenderInput, templates: String, salt: String) {
        // Each entry digested on its own, on all cores: without its bodies, and its bodies.
        let entries = input.content.places + input.content.products + input.content.pages
        let digests = ConcurrentJobs.run(count: entries.count) { index -> (entry: String, bodies: String) in
            var entry = entries[index]
            let languages = entry.translations.keys.sorted()
            let bodies = StableDigest.of(languages, languages.map { entry.translations[$0]!.bodyHTML })
            for language in languages { entry.translations[language]!.bodyHTML = "" }
            return (StableDigest.ofEncoded(entry), bodies)
        }
        var rest = input
        rest.content.places = []
        rest.content.products = []
        rest.content.pages = []
        // The rest field by field (whatever fields RenderInput has), also on all cores.
        let fields = Mirror(reflecting: rest).children.map { Field(label: $0.label ?? "", value: $0.value) }
        let fieldDigests = ConcurrentJobs.run(count: fields.count) { StableDigest.of(fields[$0].label, fields[$0].value) }
        shared = StableDigest.of(salt, templates, fieldDigests, input.content.places.count, input.content.products.count, digests.map(\.entry))
        bodies = Dictionary(zip(entries.map(\.sourcePath), digests.map(\.bodies)), uniquingKeysWith: { first, _ in first })
    }

    /// The key of one page in one language, which `path` (its output file) names.
    func key(_ planned: SitePlan.PlannedPage, path: String) -> String {
        StableDigest.of(shared, path, planned.entry.flatMap { bodies[$0.sourcePath] } ?? "")
    }
}

/// One field of the (Sendable) `RenderInput`, as `Mirror` hands it out.
private struct Field: @unchecked Sendable {
    var label: String
    var value: Any
}
