/// The typed contexts the templates see (as dictionaries, `TemplateValues`).
///
/// A rule these types keep: the library resolves a name that is nil in the current section by
/// climbing to the enclosing sections, so an optional field must not share its name with a field of
/// any context it is nested in (a nil `href` in a fact would otherwise print the page's `href`).
/// Fields of `Page` are only `doc`, `chrome`, `ui` and `body`; `ui` is never entered as a section.

/// Every HTML page built with layout.mustache (and ar-viewer.mustache): the document head, the
/// header/footer chrome, the interface words and the page kind's own `body`.
struct Page<Body> {
    var doc: DocumentContext
    var chrome: ChromeContext
    var ui: UIStrings
    var body: Body
}

/// The interface words go in as their shared, already built tree (`UIStrings.templateValues`).
extension Page: Encodable where Body: Encodable {
    private enum CodingKeys: String, CodingKey { case doc, chrome, ui, body }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(doc, forKey: .doc)
        try container.encode(chrome, forKey: .chrome)
        try container.encode(TemplateValues.Prebuilt(tree: UIStrings.templateValues[ui.code] as Any), forKey: .ui)
        try container.encode(body, forKey: .body)
    }
}

/// What head.mustache needs.
struct DocumentContext: Encodable {
    var lang: String
    /// The `<title>`: "Entry – Site" (the home page has the site title alone).
    var title: String
    var description: String
    var canonical: String?
    /// hreflang alternates, the page itself included, then x-default.
    var alternates: [AlternateLink]
    var stylesheet: String
    var favicon: String?
    /// Present only on pages that show a model: the viewer's script tags.
    var viewer: ViewerScripts?
    /// Present only on the map page: Leaflet and the script that places the markers (deferred).
    var mapScripts: MapScripts?
    /// Present only on the search page (deferred).
    var searchScript: String?
    var noindex: Bool
    var siteName: String
    var ogType: String
    var ogLocale: String?
    /// The Open Graph locales of the page's other languages.
    var ogLocaleAlternates: [String]
    /// What a shared link shows: the sharing card, else the poster or first photo.
    var ogImage: SocialImage?
    /// `product:price:amount` (VND) for og:type product.
    var productPrice: Int?
    /// schema.org JSON-LD (a script element's body, already escaped), when the page has one.
    var jsonLD: String?
}

/// `og:image` / `twitter:image` with what Facebook and Zalo use to lay the preview out early.
struct SocialImage: Encodable {
    /// Absolute URL.
    var url: String
    var width: Int?
    var height: Int?
    var alt: String
}

struct AlternateLink: Encodable {
    var hreflang: String
    var href: String
}

struct MapScripts: Encodable {
    var stylesheet: String
    var leaflet: String
    var places: String
}

struct ViewerScripts: Encodable {
    /// A complete JavaScript statement that sets the meshopt decoder location, or nil.
    var decoderConfig: String?
    /// The model-viewer module URL.
    var script: String
}

struct ChromeContext: Encodable {
    var siteTitle: String
    var homeHref: String
    var nav: [NavLink]
    /// The same page in the site's other languages (their home when the page is not translated).
    var languageLinks: [LanguageLink]
    var organization: FooterOrganization?
}

struct NavLink: Encodable {
    var label: String
    var href: String
    /// This is the page being shown (`aria-current="page"`).
    var isCurrent: Bool
    /// The page shown belongs to this section (a place under "Places").
    var isSection: Bool
}

struct LanguageLink: Encodable {
    var code: String
    var name: String
    var href: String
    /// The link leads to the same page, not to that language's home.
    var isSamePage: Bool
}

struct FooterOrganization: Encodable {
    var name: String
    var orgAddress: String?
    var phone: String?
    var phoneHref: String?
    var email: String?
    var emailHref: String?
}

/// An image with its size when known (posters, photos); CSS still sets its box (aspect-ratio + object-fit).
struct ImageRef: Encodable {
    var src: String
    var width: Int?
    var height: Int?
    /// "a.png 320w, b.png 640w" with `sizes`, when there are several renditions.
    var srcset: String?
    var sizes: String?
    /// A render of a model on a transparent background: shown whole (contain), not cropped.
    var isPoster: Bool = false
    /// AVIF and WebP `<source>`s, best first; with any, the `<img>` is wrapped in `<picture>`.
    var sources: [PictureSource] = []
    /// Text alternative where the picture says something (a gallery photo); "" where it repeats a title.
    var alt: String = ""
    /// Whether the template opens a `<picture>` (Mustache cannot ask whether a list is empty).
    var picture: Bool = false

    /// The same image with `sources` before its `<img>`.
    func offering(_ sources: [PictureSource]) -> ImageRef {
        var copy = self
        copy.sources = sources
        copy.picture = !sources.isEmpty
        return copy
    }
}

/// One `<source>` of a `<picture>`: a format, its renditions and the `sizes` they are chosen by.
struct PictureSource: Encodable, Equatable {
    /// "image/avif" or "image/webp".
    var type: String
    var srcset: String
    var sizes: String?
}

// MARK: - Page kinds

struct HomeBody: Encodable {
    var heading: String
    var intro: String
    var sections: [HomeSection]
}

struct HomeSection: Encodable {
    var heading: String
    var allHref: String
    var allLabel: String
    var cards: [Card]
}

struct MapBody: Encodable {
    var heading: String
    var places: [MapPlace]
    /// Leaflet's tile URL template and the credit the tile provider asks for.
    var tiles: String
    var attribution: String
}

struct MapPlace: Encodable {
    var title: String
    var href: String
    var lat: String
    var lon: String
    var osm: String
    var geo: String
}

struct TagLink: Encodable {
    var name: String
    var href: String
}

struct ListBody: Encodable {
    var heading: String
    var cards: [Card]
    /// Set when there are no cards.
    var emptyText: String?
}

struct Card: Encodable {
    var href: String
    var title: String
    var summary: String?
    var thumb: ImageRef?
}

/// place.mustache, product.mustache and page.mustache.
struct EntryBody: Encodable {
    var title: String
    var summary: String?
    var bodyHTML: String
    var model: ModelBlock?
    var factList: FactList?
    var trace: FactList?
    var mapLink: String?
    /// `geo:` URI: opens the phone's own maps app.
    var geoLink: String?
    var shop: Shop?
    var payment: PaymentBlock?
    /// The printable QR sign of a place or product.
    var signHref: String?
    var gallery: Gallery?
    /// The drawn picture, for an entry with neither a model nor a photo.
    var picture: ImageRef?
    var tagList: TagList?
}

/// Lists are wrapped so a template can test for "non-empty" (`{{#factList}}<h2>…`): an array
/// section repeats, it cannot guard a heading. Headings come from `ui`.
struct FactList: Encodable {
    var items: [Fact]
}

struct Gallery: Encodable {
    var photos: [ImageRef]
}

struct TagList: Encodable {
    var tags: [TagLink]
}

struct Fact: Encodable {
    var label: String
    var value: String
    /// Decorative (aria-hidden) stars before the value, e.g. "★★★★☆".
    var stars: String?
    /// Machine-readable date for `<time datetime>`.
    var isoDate: String?
    var link: String?
}

struct Shop: Encodable {
    var links: [ShopLink]
}

struct ShopLink: Encodable {
    var name: String
    var url: String?
}

/// model-viewer.mustache: the `<model-viewer>` element, its hotspots and the no-JS AR fallback.
struct ModelBlock: Encodable {
    var glb: String
    var usdz: String?
    /// The WebP poster's URL, for `poster=` (CONTENT.md promises the attribute). What shows is
    /// the slotted `fallback` picture, so browsers leave this unfetched; a project's own older
    /// copy of model-viewer.mustache without the slot shows it.
    var posterSrc: String?
    /// model-viewer's `camera-orbit`: the view the poster was rendered from, so the first 3D
    /// frame matches it.
    var cameraOrbit: String
    var alt: String
    /// "lazy" on detail pages, "eager" on the AR-viewer page.
    var loading: String
    var hotspots: [HotspotContext]
    /// Poster, else the first photo, else the entry's drawn picture.
    var fallback: ImageRef
    /// Android Scene Viewer intent URL.
    var sceneViewer: String
    /// `usdz#allowsContentScaling=0` for the iOS `rel="ar"` links.
    var quickLook: String?
    /// The smallest picture of the model, for the icon inside the iOS AR button.
    var arIcon: String
    /// Link to the full-screen viewer page; nil on that page itself.
    var arPage: String?
    /// Extra class on the wrapper (`viewer-full` on the AR-viewer page).
    var frameClass: String
}

struct HotspotContext: Encodable {
    var slot: String
    var position: String
    var normal: String?
    var label: String
}

struct ArViewerBody: Encodable {
    var title: String
    var backHref: String
    var model: ModelBlock
    /// Shown on desktops only (CSS): AR needs a phone.
    var phoneCode: PhoneCode
}

/// 404.mustache: one document, every language.
struct NotFoundPage: Encodable {
    var doc: DocumentContext
    var sections: [NotFoundSection]
}

struct NotFoundSection: Encodable {
    /// The first language's heading is the page's h1, the others h2.
    var isFirst: Bool
    var lang: String
    var heading: String
    var text: String
    var homeHref: String
    var homeLabel: String
}
