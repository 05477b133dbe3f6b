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
        var withoutBodies = input
        var bodies: [String: String] = [:]
        func strip(_ entries: inout [Entry]) {
            for index in entries.indices {
                let entry = entries[index]
                let languages = entry.translations.keys.sorted()
                bodies[entry.sourcePath] = StableDigest.of(languages, languages.map { entry.translations[$0]!.bodyHTML })
                for language in languages { entries[index].translations[language]!.bodyHTML = "" }
            }
        }
        strip(&withoutBodies.content.places)
        strip(&withoutBodies.content.products)
        strip(&withoutBodies.content.pages)
        shared = StableDigest.of(salt, templates, withoutBodies)
        self.bodies = bodies
    }

    /// The key of one page in one language, which `path` (its output file) names.
    func key(_ planned: SitePlan.PlannedPage, path: String) -> String {
        StableDigest.of(shared, path, planned.entry.flatMap { bodies[$0.sourcePath] } ?? "")
    }
}
