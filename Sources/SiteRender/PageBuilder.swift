import SiteContent

/// Turns the input into the typed contexts of one render. Holds no state besides lookups.
struct PageBuilder {
    let input: RenderInput
    let router: Router
    let plan: SitePlan
    private let stylesheet: String
    private let favicon: String?
    private let viewer: ViewerScripts

    static let stylesheetAsset = "css/site.css"
    static let faviconAsset = "images/favicon.svg"
    static let placeholderAsset = "images/model-placeholder.svg"
    /// The placeholder SVG's intrinsic size (its viewBox), so the fallback img reserves space.
    static let placeholderSize = (width: 400, height: 300)

    init(input: RenderInput, router: Router, plan: SitePlan) throws {
        self.input = input
        self.router = router
        self.plan = plan
        guard let css = input.staticAssets[Self.stylesheetAsset] else {
            throw RenderError.missingStaticAsset(path: Self.stylesheetAsset, neededFor: "every page's stylesheet")
        }
        stylesheet = router.href(css)
        favicon = input.staticAssets[Self.faviconAsset].map { router.href($0) }
        let config = input.content.config.viewer
        let script = try Self.resolveScript(config.script, input: input, router: router, purpose: "viewer.script in site.yml")
        // The decoder is only wanted when some model needs it; without a configured location
        // the pinned public copy is used.
        let needsDecoder = input.models.values.contains { $0.usesMeshopt }
        let decoder = try (config.meshoptDecoder ?? (needsDecoder ? ViewerConfig.defaultMeshoptDecoder : nil)).map {
            try Self.resolveScript($0, input: input, router: router, purpose: "viewer.meshoptDecoder in site.yml")
        }
        viewer = ViewerScripts(
            decoderConfig: decoder.map {
                // Must run before model-viewer's module: model-viewer reads it when it first loads a model.
                "self.ModelViewerElement=self.ModelViewerElement||{};self.ModelViewerElement.meshoptDecoderLocation=\(Escape.javaScriptString($0));"
            },
            script: script)
    }

    /// `viewer.script` / `meshoptDecoder` are absolute URLs, or files under site-templates/static/
    /// (then the hashed URL the build gave them).
    private static func resolveScript(_ value: String, input: RenderInput, router: Router, purpose: String) throws -> String {
        let lower = value.lowercased()
        if lower.hasPrefix("https://") || lower.hasPrefix("http://") || value.hasPrefix("//") {
            return Escape.url(value)
        }
        var key = value
        for prefix in ["/", "site-templates/", "static/"] where key.hasPrefix(prefix) {
            key.removeFirst(prefix.count)
        }
        guard let url = input.staticAssets[key] else {
            throw RenderError.missingStaticAsset(path: key, neededFor: purpose)
        }
        return router.href(url)
    }

    private var config: SiteConfig { input.content.config }
    private var defaultLanguage: Language { router.defaultLanguage }

    func siteTitle(_ language: Language) -> String {
        config.title.text(language, fallback: defaultLanguage)
    }

    func siteDescription(_ language: Language) -> String {
        config.description.text(language, fallback: defaultLanguage)
    }

    /// A built asset's URL (site path, or absolute URL left alone) for `src`/`href`.
    func assetHref(_ url: String) -> String {
        if url.lowercased().hasPrefix("http://") || url.lowercased().hasPrefix("https://") { return Escape.url(url) }
        return router.href(url.hasPrefix("/") ? url : "/" + url)
    }

    func assetAbsolute(_ url: String) -> String {
        if url.lowercased().hasPrefix("http://") || url.lowercased().hasPrefix("https://") { return Escape.url(url) }
        return router.absolute(url.hasPrefix("/") ? url : "/" + url)
    }

    // MARK: - Chrome

    func document(_ id: PageID, _ language: Language, title: String, description: String,
                  ogType: String, ogImage: String?, showsModel: Bool) -> DocumentContext {
        let languages = plan.languages(of: id)
        var alternates = languages.map { AlternateLink(hreflang: $0, href: router.absolute(id, $0)) }
        if let xDefault = languages.contains(defaultLanguage) ? defaultLanguage : languages.first {
            alternates.append(AlternateLink(hreflang: "x-default", href: router.absolute(id, xDefault)))
        }
        return DocumentContext(
            lang: language, title: title, description: description,
            canonical: router.absolute(id, language), alternates: alternates,
            stylesheet: stylesheet, favicon: favicon, viewer: showsModel ? viewer : nil, noindex: false,
            siteName: siteTitle(language), ogType: ogType, ogLocale: UIStrings.openGraphLocale(language),
            ogImage: ogImage)
    }

    func chrome(_ id: PageID, _ language: Language, ui: UIStrings) -> ChromeContext {
        var nav: [NavLink] = []
        func item(_ target: PageID, _ label: String) {
            guard plan.exists(target, in: language) else { return }
            nav.append(NavLink(label: label, href: router.href(target, language),
                               isCurrent: target == id, isSection: target != id && id.section == target))
        }
        item(.home, ui.home)
        item(.list(.place), ui.places)
        item(.list(.product), ui.products)
        for page in input.content.pages {
            if let translation = page.translations[language] {
                item(.entry(.page, slug: page.slug), translation.title)
            }
        }
        let others = router.languages.filter { $0 != language }.map { other in
            let same = plan.exists(id, in: other)
            return LanguageLink(code: other, name: UIStrings.languageName(other),
                                href: router.href(same ? id : .home, other), isSamePage: same)
        }
        return ChromeContext(siteTitle: siteTitle(language), homeHref: router.href(.home, language), nav: nav,
                             languageLinks: others, organization: config.organization.map(footer))
    }

    private func footer(_ organization: Organization) -> FooterOrganization {
        let phone = organization.phone.flatMap { $0.isEmpty ? nil : $0 }
        let email = organization.email.flatMap { $0.isEmpty ? nil : $0 }
        return FooterOrganization(
            name: organization.name,
            orgAddress: organization.address.flatMap { $0.isEmpty ? nil : $0 },
            phone: phone,
            phoneHref: phone.map { "tel:" + $0.filter { $0.isASCII && ($0.isNumber || $0 == "+") } },
            email: email,
            emailHref: email.map { "mailto:" + Escape.url($0) })
    }

    func page<Body>(_ id: PageID, _ language: Language, title: String?, description: String, ogType: String,
                    ogImage: String?, showsModel: Bool, body: Body) -> Page<Body> {
        let ui = UIStrings.forLanguage(language)
        let site = siteTitle(language)
        return Page(
            doc: document(id, language, title: title.map { "\($0) – \(site)" } ?? site, description: description,
                          ogType: ogType, ogImage: ogImage, showsModel: showsModel),
            chrome: chrome(id, language, ui: ui), ui: ui, body: body)
    }

    // MARK: - Cards

    /// The picture that stands for an entry: its model's poster, else its first photo.
    func thumbnail(_ entry: Entry) throws -> ImageRef? {
        if let reference = entry.model, let assets = input.models[reference.src], let poster = assets.poster {
            return ImageRef(src: assetHref(poster), width: assets.posterWidth, height: assets.posterHeight)
        }
        if let first = entry.photos.first {
            return ImageRef(src: try photoURL(first, entry), width: nil, height: nil)
        }
        return nil
    }

    func photoURL(_ path: String, _ entry: Entry) throws -> String {
        guard let url = input.photos[path] else { throw RenderError.missingPhoto(path: path, entry: entry.sourcePath) }
        return assetHref(url)
    }

    func cards(_ entries: [Entry], _ language: Language) throws -> [Card] {
        try entries.compactMap { entry in
            guard let translation = entry.translations[language] else { return nil }
            return Card(href: router.href(.entry(entry.kind, slug: entry.slug), language), title: translation.title,
                        summary: translation.summary.isEmpty ? nil : translation.summary, thumb: try thumbnail(entry))
        }
    }

    func ogImage(_ entry: Entry) throws -> String? {
        if let reference = entry.model, let poster = input.models[reference.src]?.poster { return assetAbsolute(poster) }
        if let first = entry.photos.first {
            guard let url = input.photos[first] else { throw RenderError.missingPhoto(path: first, entry: entry.sourcePath) }
            return assetAbsolute(url)
        }
        return nil
    }

    // MARK: - Home and lists

    func home(_ language: Language) throws -> Page<HomeBody> {
        let ui = UIStrings.forLanguage(language)
        var sections: [HomeSection] = []
        for (kind, entries, heading) in [(Entry.Kind.place, input.content.places, ui.places),
                                         (.product, input.content.products, ui.products)] {
            let cards = try cards(entries, language)
            guard !cards.isEmpty else { continue }
            sections.append(HomeSection(heading: heading, allHref: router.href(.list(kind), language),
                                        allLabel: ui.seeAll, cards: cards))
        }
        let body = HomeBody(heading: siteTitle(language), intro: siteDescription(language), sections: sections)
        return page(.home, language, title: nil, description: siteDescription(language), ogType: "website",
                    ogImage: nil, showsModel: false, body: body)
    }

    func list(_ kind: Entry.Kind, _ language: Language) throws -> Page<ListBody> {
        let ui = UIStrings.forLanguage(language)
        let heading = kind == .place ? ui.places : ui.products
        let cards = try cards(kind == .place ? input.content.places : input.content.products, language)
        return page(.list(kind), language, title: heading, description: siteDescription(language), ogType: "website",
                    ogImage: nil, showsModel: false,
                    body: ListBody(heading: heading, cards: cards, emptyText: cards.isEmpty ? ui.nothingYet : nil))
    }

    // MARK: - Entries

    func entry(_ entry: Entry, _ language: Language) throws -> Page<EntryBody> {
        let ui = UIStrings.forLanguage(language)
        let id = PageID.entry(entry.kind, slug: entry.slug)
        let translation = entry.translations[language]!
        let model = try entry.model.map {
            try modelBlock(entry, $0, translation, language, on: id, arPage: router.href(.arViewer(entry.kind, slug: entry.slug), language))
        }

        var facts: [Fact] = []
        func fact(_ label: String, _ value: String?, stars: String? = nil, isoDate: String? = nil, link: String? = nil) {
            guard let value, !value.isEmpty else { return }
            facts.append(Fact(label: label, value: value, stars: stars, isoDate: isoDate, link: link))
        }
        fact(ui.address, translation.address)
        fact(ui.openingHours, translation.opening)
        var trace: [Fact] = []
        var shop: Shop?
        if let product = entry.product {
            fact(ui.producer, product.producer)
            if let ocop = product.ocop {
                let filled = min(max(ocop, 0), 5)
                fact(ui.ocop, ui.ocopStars(ocop),
                     stars: String(repeating: "★", count: filled) + String(repeating: "☆", count: 5 - filled))
            }
            if let price = product.price {
                fact(ui.price, ui.formatPrice(price) + (product.unit.map { $0.isEmpty ? "" : " / \($0)" } ?? ""))
            }
            if let traceability = product.traceability {
                func row(_ label: String, _ value: String?, isoDate: String? = nil) {
                    guard let value, !value.isEmpty else { return }
                    trace.append(Fact(label: label, value: value, stars: nil, isoDate: isoDate, link: nil))
                }
                row(ui.origin, traceability.origin)
                row(ui.batch, traceability.batch)
                if let harvested = traceability.harvested {
                    row(ui.harvested, ui.formatDate(harvested), isoDate: splitISODate(harvested) != nil ? harvested : nil)
                }
                row(ui.certifications, traceability.certifications.isEmpty ? nil : traceability.certifications.joined(separator: ", "))
            }
            let links = product.marketplaces.map {
                ShopLink(name: $0.name, url: Escape.isSafeExternalLink($0.url) ? Escape.url($0.url) : nil)
            }
            shop = links.isEmpty ? nil : Shop(links: links)
        }

        let photos = try entry.photos.enumerated().map { index, path in
            Photo(src: try photoURL(path, entry), alt: ui.photoAlt(translation.title, index + 1))
        }
        let body = EntryBody(
            title: translation.title,
            summary: translation.summary.isEmpty ? nil : translation.summary,
            bodyHTML: translation.bodyHTML,
            model: model,
            factList: facts.isEmpty ? nil : FactList(items: facts),
            trace: trace.isEmpty ? nil : FactList(items: trace),
            mapLink: entry.location.map(Self.mapLink),
            shop: shop,
            gallery: photos.isEmpty ? nil : Gallery(photos: photos),
            tagList: translation.tags.isEmpty ? nil : TagList(tags: translation.tags))
        return page(id, language, title: translation.title,
                    description: translation.summary.isEmpty ? siteDescription(language) : translation.summary,
                    ogType: "article", ogImage: try ogImage(entry), showsModel: model != nil, body: body)
    }

    /// A map search for the point; opens the Google Maps app on phones, the web map elsewhere.
    static func mapLink(_ point: GeoPoint) -> String {
        "https://www.google.com/maps/search/?api=1&query=\(formatNumber(point.lat))%2C\(formatNumber(point.lon))"
    }

    func arViewer(_ entry: Entry, _ reference: ModelReference, _ language: Language) throws -> Page<ArViewerBody> {
        let ui = UIStrings.forLanguage(language)
        let id = PageID.arViewer(entry.kind, slug: entry.slug)
        let translation = entry.translations[language]!
        var model = try modelBlock(entry, reference, translation, language, on: id, arPage: nil)
        model.loading = "eager"
        model.frameClass = "viewer viewer-full"
        let body = ArViewerBody(title: translation.title,
                                backHref: router.href(.entry(entry.kind, slug: entry.slug), language), model: model)
        return page(id, language, title: "\(ui.model3D): \(translation.title)",
                    description: translation.summary.isEmpty ? siteDescription(language) : translation.summary,
                    ogType: "article", ogImage: try ogImage(entry), showsModel: true, body: body)
    }

    // MARK: - The model block

    func modelBlock(_ entry: Entry, _ reference: ModelReference, _ translation: Translation, _ language: Language,
                    on pageID: PageID, arPage: String?) throws -> ModelBlock {
        guard let assets = input.models[reference.src] else {
            throw RenderError.missingModelAssets(src: reference.src, entry: entry.sourcePath)
        }
        let fallback: ImageRef
        if let poster = assets.poster {
            fallback = ImageRef(src: assetHref(poster), width: assets.posterWidth, height: assets.posterHeight)
        } else if let first = entry.photos.first {
            fallback = ImageRef(src: try photoURL(first, entry), width: nil, height: nil)
        } else {
            guard let placeholder = input.staticAssets[Self.placeholderAsset] else {
                throw RenderError.missingStaticAsset(path: Self.placeholderAsset, neededFor: "\(entry.sourcePath): model without poster or photo")
            }
            fallback = ImageRef(src: assetHref(placeholder), width: Self.placeholderSize.width, height: Self.placeholderSize.height)
        }

        let defaultLabels = entry.translations[defaultLanguage]?.hotspotLabels ?? []
        var hotspots: [HotspotContext] = []
        for (index, hotspot) in reference.hotspots.enumerated() {
            let label = index < translation.hotspotLabels.count && !translation.hotspotLabels[index].isEmpty
                ? translation.hotspotLabels[index]
                : (index < defaultLabels.count ? defaultLabels[index] : "")
            guard !label.isEmpty else { continue }
            hotspots.append(HotspotContext(slot: "hotspot-\(index + 1)", position: Self.vector(hotspot.position),
                                           normal: hotspot.normal.map(Self.vector), label: label))
        }

        let alt = translation.modelAlt.flatMap { $0.isEmpty ? nil : $0 } ?? translation.title
        return ModelBlock(
            glb: assetHref(assets.glb),
            usdz: assets.usdz.map(assetHref),
            posterSrc: assets.poster.map(assetHref),
            alt: alt,
            loading: "lazy",
            hotspots: hotspots,
            fallback: fallback,
            sceneViewer: Self.sceneViewerIntent(glb: assetAbsolute(assets.arGLB ?? assets.glb), title: translation.title,
                                                fallbackPage: router.absolute(pageID, language)),
            quickLook: assets.usdz.map { assetHref($0) + "#allowsContentScaling=0" },
            arPage: arPage,
            frameClass: "viewer")
    }

    /// Android Scene Viewer, opened through Google Play Services for AR without any JavaScript.
    /// Chrome goes to `browser_fallback_url` (the page itself) when ARCore is missing.
    /// `resizable=false` matches `ar-scale="fixed"`: the model keeps its real-world size.
    static func sceneViewerIntent(glb: String, title: String, fallbackPage: String) -> String {
        "intent://arvr.google.com/scene-viewer/1.0?file=\(Escape.component(glb))&mode=ar_preferred"
            + "&title=\(Escape.component(title))&resizable=false"
            + "#Intent;scheme=https;package=com.google.ar.core;action=android.intent.action.VIEW;"
            + "S.browser_fallback_url=\(Escape.component(fallbackPage));end;"
    }

    /// "0m 0.5m 0.2m", the form of model-viewer's data-position / data-normal.
    static func vector(_ v: SIMD3<Float>) -> String {
        [v.x, v.y, v.z].map { formatNumber(Double($0)) + "m" }.joined(separator: " ")
    }
}

/// Short, locale-free decimal text: 0.2 (not 0.20000000298), 1 (not 1.0), no exponent.
func formatNumber(_ value: Double, decimals: Int = 6) -> String {
    guard value.isFinite else { return "0" }
    var scale = 1.0
    for _ in 0..<decimals { scale *= 10 }
    let rounded = (value * scale).rounded() / scale
    if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int(rounded)) }
    let negative = rounded < 0
    let scaled = Int((abs(rounded) * scale).rounded())
    let whole = scaled / Int(scale)
    var fraction = String(scaled % Int(scale))
    fraction = String(repeating: "0", count: decimals - fraction.count) + fraction
    while fraction.hasSuffix("0") { fraction.removeLast() }
    return (negative ? "-" : "") + "\(whole).\(fraction)"
}
