import SceneModel
import SiteContent

/// Turns the input into the typed contexts of one render. Holds no state besides lookups.
struct PageBuilder {
    let input: RenderInput
    let router: Router
    let plan: SitePlan
    private let stylesheet: String
    private let favicon: String?
    private let viewer: ViewerScripts
    /// Drawn pictures of entries with neither a model poster nor a photo, by entry and language.
    private(set) var fallbackPictures: [SharingCardKey: (ref: ImageRef, file: OutputFile)] = [:]

    static let stylesheetAsset = "css/site.css"
    static let faviconAsset = "images/favicon.svg"
    /// The map page's own script (markers from the list).
    static let placesMapAsset = "js/places-map.js"

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
        fallbackPictures = drawFallbackPictures()
    }

    /// One `FallbackPicture` per language of every entry that has no poster and no photo,
    /// named by its content like every other asset; drawn on all cores (every page build, even an
    /// unchanged one, needs their names).
    private func drawFallbackPictures() -> [SharingCardKey: (ref: ImageRef, file: OutputFile)] {
        var wanted: [(entry: Entry, language: Language, translation: Translation)] = []
        for entry in input.content.places + input.content.products + input.content.pages where needsFallbackPicture(entry) {
            // A free page appears in cards only on its tags' pages; a model's view shows it too.
            for (language, translation) in entry.translations
            where entry.kind != .page || !translation.tags.isEmpty || entry.model != nil {
                wanted.append((entry, language, translation))
            }
        }
        let jobs = wanted
        let drawn = ConcurrentJobs.run(count: jobs.count) { index -> (ref: ImageRef, file: OutputFile) in
            let (entry, language, translation) = jobs[index]
            let ui = UIStrings.forLanguage(language)
            let label = entry.kind == .place ? ui.places : entry.kind == .product ? ui.products : siteTitle(language)
            let svg = FallbackPicture(kind: entry.kind, kindLabel: label, title: translation.title, tags: translation.tags).svg
            let hash = String(String(FallbackPicture.fnv1a(svg), radix: 16).reversed().prefix(10).reversed())
            let path = "assets/pictures/\(entry.kind.rawValue)-\(entry.slug).\(language).\(hash).svg"
            let ref = ImageRef(src: router.href("/" + path), width: FallbackPicture.width, height: FallbackPicture.height)
            return (ref, OutputFile(path: path, text: svg))
        }
        var pictures: [SharingCardKey: (ref: ImageRef, file: OutputFile)] = [:]
        for (job, picture) in zip(wanted, drawn) {
            pictures[SharingCardKey(sourcePath: job.entry.sourcePath, language: job.language)] = picture
        }
        return pictures
    }

    private func needsFallbackPicture(_ entry: Entry) -> Bool {
        let poster = entry.model.flatMap { input.models[$0.src]?.poster }
        return poster == nil && entry.photos.isEmpty
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

    var config: SiteConfig { input.content.config }
    var defaultLanguage: Language { router.defaultLanguage }

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
                  ogType: String, ogImage: SocialImage?, showsModel: Bool) -> DocumentContext {
        let languages = plan.languages(of: id)
        var alternates = languages.map { AlternateLink(hreflang: $0, href: router.absolute(id, $0)) }
        if let xDefault = languages.contains(defaultLanguage) ? defaultLanguage : languages.first {
            alternates.append(AlternateLink(hreflang: "x-default", href: router.absolute(id, xDefault)))
        }
        return DocumentContext(
            lang: language, title: title, description: description,
            canonical: router.absolute(id, language), alternates: alternates,
            stylesheet: stylesheet, favicon: favicon, viewer: showsModel ? viewer : nil, mapScripts: nil, searchScript: nil, noindex: false,
            siteName: siteTitle(language), ogType: ogType, ogLocale: UIStrings.openGraphLocale(language),
            ogLocaleAlternates: languages.filter { $0 != language }.compactMap(UIStrings.openGraphLocale),
            ogImage: ogImage, productPrice: nil, jsonLD: nil)
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
        item(.map, ui.map)
        item(.search, ui.search)
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
                    ogImage: SocialImage?, showsModel: Bool, body: Body) -> Page<Body> {
        let ui = UIStrings.forLanguage(language)
        let site = siteTitle(language)
        return Page(
            doc: document(id, language, title: title.map { "\($0) – \(site)" } ?? site, description: description,
                          ogType: ogType, ogImage: ogImage ?? siteCard(language), showsModel: showsModel),
            chrome: chrome(id, language, ui: ui), ui: ui, body: body)
    }

    /// The site's own sharing card, for pages that have no picture of their own.
    func siteCard(_ language: Language) -> SocialImage? {
        input.siteCards[language].map { SocialImage(url: assetAbsolute($0.src), width: $0.width, height: $0.height, alt: siteTitle(language)) }
    }

    // MARK: - Cards

    /// How wide a list card is: one column on phones, two from 40em, three from 64em (site.css).
    static let cardSizes = "(min-width: 64em) 22rem, (min-width: 40em) 45vw, 100vw"
    /// How wide the 3D view's fallback picture is: the square poster fills the view's height.
    static let viewerSizes = "(min-width: 64em) 36rem, (min-width: 40em) 75vw, 100vw"
    /// How wide a gallery photo is: two columns on phones, three from 40em, within 48rem from 64em (site.css).
    static let gallerySizes = "(min-width: 64em) 16rem, (min-width: 40em) 33vw, 50vw"

    /// The picture that stands for an entry: its model's poster, else its first photo, else the
    /// picture drawn for it.
    func thumbnail(_ entry: Entry, _ language: Language) throws -> ImageRef? {
        if let reference = entry.model, let assets = input.models[reference.src], let poster = posterImage(assets, sizes: Self.cardSizes) {
            return poster
        }
        if let first = entry.photos.first {
            return try photoImage(first, entry, sizes: Self.cardSizes)
        }
        return fallbackPictures[SharingCardKey(sourcePath: entry.sourcePath, language: language)]?.ref
    }

    /// The poster with its smaller renditions; `src` is the middle one, for browsers without srcset.
    func posterImage(_ assets: ModelAssets, sizes: String) -> ImageRef? {
        guard let poster = assets.poster else { return nil }
        var variants = assets.thumbnails
        if let width = assets.posterWidth, let height = assets.posterHeight {
            variants.append(ImageVariant(src: poster, width: width, height: height))
        }
        let sources = pictureSources(assets.posterFormats, sizes: sizes)
        guard variants.count > 1 else {
            return ImageRef(src: assetHref(poster), width: assets.posterWidth, height: assets.posterHeight, isPoster: true).offering(sources)
        }
        let middle = variants[(variants.count - 1) / 2]
        return ImageRef(src: assetHref(middle.src), width: middle.width, height: middle.height,
                        srcset: variants.map { "\(assetHref($0.src)) \($0.width)w" }.joined(separator: ", "),
                        sizes: sizes, isPoster: true).offering(sources)
    }

    /// `<source>`s for `<picture>`: AVIF, then WebP, each with every width it has.
    func pictureSources(_ formats: ModernFormats, sizes: String) -> [PictureSource] {
        [("image/avif", formats.avif), ("image/webp", formats.webp)].compactMap { type, variants in
            guard !variants.isEmpty else { return nil }
            let srcset = variants.count == 1 ? assetHref(variants[0].src)
                : variants.map { "\(assetHref($0.src)) \($0.width)w" }.joined(separator: ", ")
            return PictureSource(type: type, srcset: srcset, sizes: variants.count == 1 ? nil : sizes)
        }
    }

    func photoAsset(_ path: String, _ entry: Entry) throws -> PhotoAsset {
        guard let asset = input.photos[path] else { throw RenderError.missingPhoto(path: path, entry: entry.sourcePath) }
        return asset
    }

    /// The photo's middle rendition, for a plain `src`.
    func photoURL(_ path: String, _ entry: Entry) throws -> String {
        assetHref(try photoAsset(path, entry).src)
    }

    /// `srcset` for a photo's renditions, or nil when there is only one.
    func srcset(_ asset: PhotoAsset) -> String? {
        asset.variants.count > 1 ? asset.variants.map { "\(assetHref($0.src)) \($0.width)w" }.joined(separator: ", ") : nil
    }

    /// A photo with its renditions; `src` is the middle one, for browsers without srcset.
    func photoImage(_ path: String, _ entry: Entry, sizes: String) throws -> ImageRef {
        let asset = try photoAsset(path, entry)
        let srcset = srcset(asset)
        return ImageRef(src: assetHref(asset.src), width: asset.width, height: asset.height,
                        srcset: srcset, sizes: srcset == nil ? nil : sizes).offering(pictureSources(asset.formats, sizes: sizes))
    }

    func cards(_ entries: [Entry], _ language: Language) throws -> [Card] {
        try entries.compactMap { entry in
            guard let translation = entry.translations[language] else { return nil }
            return Card(href: router.href(.entry(entry.kind, slug: entry.slug), language), title: translation.title,
                        summary: translation.summary.isEmpty ? nil : translation.summary, thumb: try thumbnail(entry, language))
        }
    }

    /// What a shared link to the entry shows: its sharing card, else its model's poster, else its first photo.
    func ogImage(_ entry: Entry, _ language: Language) throws -> SocialImage? {
        let alt = entry.translations[language]?.title ?? ""
        if let card = input.sharingCards[SharingCardKey(sourcePath: entry.sourcePath, language: language)] {
            return SocialImage(url: assetAbsolute(card.src), width: card.width, height: card.height, alt: alt)
        }
        if let reference = entry.model, let assets = input.models[reference.src], let poster = assets.poster {
            return SocialImage(url: assetAbsolute(poster), width: assets.posterWidth, height: assets.posterHeight, alt: alt)
        }
        if let first = entry.photos.first {
            let largest = try photoAsset(first, entry).largest
            return SocialImage(url: assetAbsolute(largest.src), width: largest.width, height: largest.height, alt: alt)
        }
        return nil
    }

    // MARK: - Home and lists

    /// Cards per home-page section; "see all" leads to the whole list. The home page is the one
    /// every visitor loads: a commune with 300 products must not make it a megabyte over 4G.
    static let homeCardsPerSection = 8

    func home(_ language: Language) throws -> Page<HomeBody> {
        let ui = UIStrings.forLanguage(language)
        var sections: [HomeSection] = []
        for (kind, entries, heading) in [(Entry.Kind.place, input.content.places, ui.places),
                                         (.product, input.content.products, ui.products)] {
            let shown = entries.lazy.filter { $0.translations[language] != nil }.prefix(Self.homeCardsPerSection)
            let cards = try cards(Array(shown), language)
            guard !cards.isEmpty else { continue }
            sections.append(HomeSection(heading: heading, allHref: router.href(.list(kind), language),
                                        allLabel: ui.seeAll, cards: cards))
        }
        let body = HomeBody(heading: siteTitle(language), intro: siteDescription(language), sections: sections)
        var home = page(.home, language, title: nil, description: siteDescription(language), ogType: "website",
                        ogImage: nil, showsModel: false, body: body)
        home.doc.jsonLD = homeStructuredData(language)
        return home
    }

    func list(_ kind: Entry.Kind, _ language: Language) throws -> Page<ListBody> {
        let ui = UIStrings.forLanguage(language)
        let heading = kind == .place ? ui.places : ui.products
        let cards = try cards(kind == .place ? input.content.places : input.content.products, language)
        return page(.list(kind), language, title: heading, description: siteDescription(language), ogType: "website",
                    ogImage: nil, showsModel: false,
                    body: ListBody(heading: heading, cards: cards, emptyText: cards.isEmpty ? ui.nothingYet : nil))
    }

    // MARK: - Tags

    /// Each tag with the link to its page (a tag whose name folds to nothing has none).
    func tagLinks(_ tags: [String], _ language: Language) -> [TagLink] {
        tags.compactMap { name in
            let slug = Slug.make(name)
            return slug.isEmpty ? nil : TagLink(name: name, href: router.href(.tag(slug: slug), language))
        }
    }

    func tag(_ slug: String, _ language: Language) throws -> Page<ListBody> {
        let ui = UIStrings.forLanguage(language)
        let tagged = (input.content.places + input.content.products + input.content.pages).filter { entry in
            (entry.translations[language]?.tags ?? []).contains { Slug.make($0) == slug }
        }
        // The tag as written by the first entry that has it.
        let name = tagged.lazy.compactMap { $0.translations[language]?.tags.first { Slug.make($0) == slug } }.first ?? slug
        let heading = ui.taggedWith(name)
        let cards = try cards(tagged, language)
        return page(.tag(slug: slug), language, title: heading, description: siteDescription(language), ogType: "website",
                    ogImage: nil, showsModel: false, body: ListBody(heading: heading, cards: cards, emptyText: nil))
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
        var payment: PaymentBlock?
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
            payment = try PaymentBlock.make(config: input.content.config, product: product, slug: entry.slug,
                                            title: translation.title, ui: ui, entryPath: entry.sourcePath)
        }

        let photos = try entry.photos.enumerated().map { index, path in
            var photo = try photoImage(path, entry, sizes: Self.gallerySizes)
            photo.alt = ui.photoAlt(translation.title, index + 1)
            return photo
        }
        let body = EntryBody(
            title: translation.title,
            summary: translation.summary.isEmpty ? nil : translation.summary,
            bodyHTML: translation.bodyHTML,
            model: model,
            factList: facts.isEmpty ? nil : FactList(items: facts),
            trace: trace.isEmpty ? nil : FactList(items: trace),
            mapLink: entry.location.map(Self.openStreetMapLink),
            geoLink: entry.location.map(Self.geoURI),
            shop: shop,
            payment: payment,
            // The sign exists once, in the entry's first language, and carries every language.
            signHref: plan.languages(of: .sign(entry.kind, slug: entry.slug)).first
                .map { router.href(.sign(entry.kind, slug: entry.slug), $0) },
            gallery: photos.isEmpty ? nil : Gallery(photos: photos),
            // Without a 3D view or photos the page shows the picture its cards show.
            picture: model == nil && photos.isEmpty
                ? fallbackPictures[SharingCardKey(sourcePath: entry.sourcePath, language: language)]?.ref : nil,
            tagList: translation.tags.isEmpty ? nil : TagList(tags: tagLinks(translation.tags, language)))
        let image = try ogImage(entry, language)
        var page = page(id, language, title: translation.title,
                        description: translation.summary.isEmpty ? siteDescription(language) : translation.summary,
                        ogType: entry.kind == .product ? "product" : "article", ogImage: image, showsModel: model != nil, body: body)
        page.doc.jsonLD = entryStructuredData(entry, language, image: image)
        page.doc.productPrice = entry.product?.price
        return page
    }

    /// RFC 5870: phones open their own maps app (Google Maps, Apple Maps, OsmAnd…) at the point.
    static func geoURI(_ point: GeoPoint) -> String {
        "geo:\(formatNumber(point.lat)),\(formatNumber(point.lon))"
    }

    func map(_ language: Language) throws -> Page<MapBody> {
        let ui = UIStrings.forLanguage(language)
        let places = input.content.places.compactMap { entry -> MapPlace? in
            guard let point = entry.location, let translation = entry.translations[language] else { return nil }
            return MapPlace(title: translation.title, href: router.href(.entry(.place, slug: entry.slug), language),
                            lat: formatNumber(point.lat), lon: formatNumber(point.lon),
                            osm: Self.openStreetMapLink(point), geo: Self.geoURI(point))
        }
        let settings = config.map
        guard let script = input.staticAssets[Self.placesMapAsset] else {
            throw RenderError.missingStaticAsset(path: Self.placesMapAsset, neededFor: "the map page")
        }
        var page = page(.map, language, title: ui.map, description: siteDescription(language), ogType: "website",
                        ogImage: nil, showsModel: false,
                        body: MapBody(heading: ui.map, places: places, tiles: settings.tiles, attribution: settings.attribution))
        page.doc.mapScripts = MapScripts(
            stylesheet: try Self.resolveScript(settings.stylesheet, input: input, router: router, purpose: "map.stylesheet in site.yml"),
            leaflet: try Self.resolveScript(settings.script, input: input, router: router, purpose: "map.script in site.yml"),
            places: router.href(script))
        return page
    }

    func arViewer(_ entry: Entry, _ reference: ModelReference, _ language: Language) throws -> Page<ArViewerBody> {
        let ui = UIStrings.forLanguage(language)
        let id = PageID.arViewer(entry.kind, slug: entry.slug)
        let translation = entry.translations[language]!
        var model = try modelBlock(entry, reference, translation, language, on: id, arPage: nil)
        model.loading = "eager"
        model.frameClass = "viewer viewer-full"
        let body = ArViewerBody(title: translation.title,
                                backHref: router.href(.entry(entry.kind, slug: entry.slug), language), model: model,
                                phoneCode: try phoneCode(id, language))
        var arPage = page(id, language, title: "\(ui.model3D): \(translation.title)",
                          description: translation.summary.isEmpty ? siteDescription(language) : translation.summary,
                          ogType: "article", ogImage: try ogImage(entry, language), showsModel: true, body: body)
        // The same model, title and text as the entry page, full screen: search engines and shared
        // links are sent to the entry page, which carries the 3DModel data, rather than indexing a
        // near-duplicate per model and language. The page stays reachable from links and QR codes.
        arPage.doc.canonical = router.absolute(.entry(entry.kind, slug: entry.slug), language)
        arPage.doc.alternates = []
        return arPage
    }

    // MARK: - The model block

    func modelBlock(_ entry: Entry, _ reference: ModelReference, _ translation: Translation, _ language: Language,
                    on pageID: PageID, arPage: String?) throws -> ModelBlock {
        guard let assets = input.models[reference.src] else {
            throw RenderError.missingModelAssets(src: reference.src, entry: entry.sourcePath)
        }
        var fallback: ImageRef
        // A small picture of the model, for the icon inside the iOS AR button.
        var icon = (assets.icon ?? assets.thumbnails.first?.src).map(assetHref)
        if let poster = posterImage(assets, sizes: Self.viewerSizes) {
            fallback = poster
        } else if let first = entry.photos.first {
            fallback = try photoImage(first, entry, sizes: Self.viewerSizes)
            if icon == nil { icon = try photoAsset(first, entry).variants.first.map { assetHref($0.src) } }
        } else {
            // Without a poster or a photo the entry always has a drawn picture (see drawFallbackPictures).
            guard let drawn = fallbackPictures[SharingCardKey(sourcePath: entry.sourcePath, language: language)] else {
                throw RenderError.missingModelAssets(src: reference.src, entry: entry.sourcePath)
            }
            fallback = drawn.ref
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
        fallback.alt = alt
        return ModelBlock(
            glb: assetHref(assets.glb),
            usdz: assets.usdz.map(assetHref),
            posterSrc: (assets.posterFormats.webp.last?.src ?? assets.poster).map(assetHref),
            cameraOrbit: (reference.cameraOrbit ?? .threeQuarter).attributeValue,
            alt: alt,
            loading: "lazy",
            hotspots: hotspots,
            fallback: fallback,
            sceneViewer: Self.sceneViewerIntent(glb: assetAbsolute(assets.arGLB ?? assets.glb), title: translation.title,
                                                fallbackPage: router.absolute(pageID, language)),
            quickLook: assets.usdz.map { assetHref($0) + "#allowsContentScaling=0" },
            arIcon: icon ?? fallback.src,
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
