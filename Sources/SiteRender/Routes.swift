import Foundation
import SiteContent

/// One page of the site, independent of language.
enum PageID: Hashable {
    case home
    /// The list of all places or all products (`.page` has no list).
    case list(Entry.Kind)
    case entry(Entry.Kind, slug: String)
    /// The full-screen 3D/AR view of an entry's model.
    case arViewer(Entry.Kind, slug: String)
    /// Every place with coordinates on one map.
    case map
    /// Search over every entry of the language.
    case search
    /// Every entry with one tag; the slug is the folded tag ("sinh thái" → sinh-thai).
    case tag(slug: String)
    /// A printable sign with a QR code of the entry's page, for the place itself or a stall.
    case sign(Entry.Kind, slug: String)

    /// The nav section the page belongs to, to mark it in the header.
    var section: PageID? {
        switch self {
        case .home: return nil
        case .list, .map, .search, .tag: return self
        case let .entry(kind, slug), let .arViewer(kind, slug), let .sign(kind, slug):
            return kind == .page ? .entry(.page, slug: slug) : .list(kind)
        }
    }
}

extension Entry.Kind {
    /// The ASCII path segment of a section, the same in every language so that hreflang
    /// alternates differ only by the language prefix. Free pages sit at the language root.
    var sectionSegment: String? {
        switch self {
        case .place: return "places"
        case .product: return "products"
        case .page: return nil
        }
    }
}

/// The URL scheme, in one place:
///
///     /                       home, default language (languages[0])
///     /en/                    home, other languages
///     /places/  /products/    lists            (/en/places/ …)
///     /places/<slug>/         a place          (/en/places/<slug>/)
///     /products/<slug>/       a product
///     /<slug>/                a free page
///     /map/                   every place on a map (/en/map/)
///     /search/                search, with its index.json beside it (/en/search/)
///     /tags/<tag>/            every entry with that tag (/en/tags/<tag>/)
///     …/<slug>/ar/            the AR viewer of an entry with a model
///     …/<slug>/qr/            the printable QR sign of a place or product (default language only)
///
/// "Site paths" start at the site root ("/en/places/"); `href` prefixes the path of `baseURL`
/// (for a site served from a sub-folder) and `absolute` makes a full URL.
struct Router {
    let languages: [Language]
    let defaultLanguage: Language
    /// baseURL without its trailing "/", e.g. "https://vinhhung.example.vn" or "https://x.github.io/site".
    private let siteRoot: String
    /// The path part of baseURL without trailing "/" ("" when the site is at the host root).
    let basePath: String

    init(config: SiteConfig) throws {
        guard let first = config.languages.first else { throw RenderError.noLanguages }
        languages = config.languages
        defaultLanguage = first
        var base = config.baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        siteRoot = base
        var path = config.baseURL.path
        while path.hasSuffix("/") { path.removeLast() }
        basePath = path
    }

    func languagePrefix(_ language: Language) -> String {
        language == defaultLanguage ? "/" : "/\(language)/"
    }

    func sitePath(_ page: PageID, _ language: Language) -> String {
        let prefix = languagePrefix(language)
        switch page {
        case .home:
            return prefix
        case let .list(kind):
            return prefix + (kind.sectionSegment.map { "\($0)/" } ?? "")
        case .map:
            return prefix + "map/"
        case .search:
            return prefix + "search/"
        case let .tag(slug):
            return prefix + "tags/\(slug)/"
        case let .entry(kind, slug):
            return prefix + (kind.sectionSegment.map { "\($0)/" } ?? "") + "\(slug)/"
        case let .arViewer(kind, slug):
            return sitePath(.entry(kind, slug: slug), language) + "ar/"
        case let .sign(kind, slug):
            return sitePath(.entry(kind, slug: slug), language) + "qr/"
        }
    }

    /// Where the page's HTML is written, relative to _site.
    func outputPath(_ page: PageID, _ language: Language) -> String {
        String(sitePath(page, language).dropFirst()) + "index.html"
    }

    /// A link to a site path (a page or a built asset) as used in `href`/`src`.
    func href(_ sitePath: String) -> String {
        Escape.url(basePath + sitePath)
    }

    func href(_ page: PageID, _ language: Language) -> String {
        href(sitePath(page, language))
    }

    /// The full URL of a site path: canonical links, hreflang, sitemap, Scene Viewer.
    func absolute(_ sitePath: String) -> String {
        Escape.url(siteRoot + sitePath)
    }

    func absolute(_ page: PageID, _ language: Language) -> String {
        absolute(sitePath(page, language))
    }
}
