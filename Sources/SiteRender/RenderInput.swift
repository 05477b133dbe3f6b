import SiteContent

/// What the build produced for one model, as site-absolute URL paths ("/assets/…").
public struct ModelAssets: Sendable, Equatable {
    /// e.g. "/assets/models/thuyen-nan.3f2a9c1d.glb"
    public var glb: String
    /// A plainer .glb for Android's Scene Viewer, which renders natively and cannot be counted on
    /// for EXT_meshopt_compression; the intent points here when present, else at `glb`.
    public var arGLB: String?
    /// `glb` needs model-viewer's meshopt decoder (EXT_meshopt_compression).
    public var usesMeshopt: Bool
    /// AR Quick Look file; `ios-src` and the iOS `rel="ar"` link are rendered only when present.
    public var usdz: String?
    /// The poster as a palette PNG (the `<img>` of the 3D view's picture and of cards, and the
    /// structured data's image); `posterFormats` holds the AVIF and WebP browsers pick first.
    public var poster: String?
    public var posterWidth: Int?
    public var posterHeight: Int?
    /// Smaller renditions of the poster, narrowest first, for `srcset` on lists and the fallback.
    public var thumbnails: [ImageVariant]
    /// The poster and its thumbnails as AVIF and WebP, for `<picture>` sources.
    public var posterFormats: ModernFormats
    /// The poster at icon size (the picture inside the iOS AR button, 28 CSS px).
    public var icon: String?
    public var bytes: Int
    public var triangles: Int

    public init(glb: String, arGLB: String? = nil, usesMeshopt: Bool = false, usdz: String? = nil, poster: String? = nil,
                posterWidth: Int? = nil, posterHeight: Int? = nil, thumbnails: [ImageVariant] = [],
                posterFormats: ModernFormats = ModernFormats(), icon: String? = nil, bytes: Int = 0, triangles: Int = 0) {
        self.glb = glb
        self.arGLB = arGLB
        self.usesMeshopt = usesMeshopt
        self.usdz = usdz
        self.poster = poster
        self.posterWidth = posterWidth
        self.posterHeight = posterHeight
        self.thumbnails = thumbnails
        self.posterFormats = posterFormats
        self.icon = icon
        self.bytes = bytes
        self.triangles = triangles
    }
}

/// One size of an image, for `srcset`.
public struct ImageVariant: Sendable, Equatable {
    /// Site-absolute URL path.
    public var src: String
    public var width: Int
    public var height: Int

    public init(src: String, width: Int, height: Int) {
        self.src = src
        self.width = width
        self.height = height
    }
}

/// An image's renditions in the formats browsers pick from in `<picture>`, before the JPEG or
/// PNG every browser reads: AVIF first (smallest), then WebP. Each list narrowest first; either
/// may be empty (no AVIF kept the quality promise, say).
public struct ModernFormats: Sendable, Equatable {
    public var avif: [ImageVariant]
    public var webp: [ImageVariant]

    public init(avif: [ImageVariant] = [], webp: [ImageVariant] = []) {
        self.avif = avif
        self.webp = webp
    }
}

/// What the build made of one photo named in front matter: the same picture at a few widths.
public struct PhotoAsset: Sendable, Equatable {
    /// Site-absolute URL path of the middle rendition, for `src` (browsers without srcset).
    public var src: String
    /// Size of `src`.
    public var width: Int
    public var height: Int
    /// Every rendition, narrowest first (`src` among them), for `srcset`.
    public var variants: [ImageVariant]
    /// The same widths as AVIF and WebP.
    public var formats: ModernFormats

    public init(src: String, width: Int, height: Int, variants: [ImageVariant], formats: ModernFormats = ModernFormats()) {
        self.src = src
        self.width = width
        self.height = height
        self.variants = variants
        self.formats = formats
    }

    /// `src` is the middle of `variants` (sorted narrowest first); nil when there are none.
    public init?(variants: [ImageVariant], formats: ModernFormats = ModernFormats()) {
        let sorted = variants.sorted { $0.width < $1.width }
        guard !sorted.isEmpty else { return nil }
        let middle = sorted[(sorted.count - 1) / 2]
        self.init(src: middle.src, width: middle.width, height: middle.height, variants: sorted, formats: formats)
    }

    /// The widest rendition (`og:image`); `src` when `variants` is empty.
    public var largest: ImageVariant {
        variants.max { $0.width < $1.width } ?? ImageVariant(src: src, width: width, height: height)
    }
}

/// Which sharing card: an entry (by its source file) in one language, since the title is on it.
public struct SharingCardKey: Sendable, Hashable {
    public var sourcePath: String
    public var language: Language

    public init(sourcePath: String, language: Language) {
        self.sourcePath = sourcePath
        self.language = language
    }
}

/// Everything a render needs: the content plus the URLs the build gave to its files.
public struct RenderInput: Sendable {
    public var content: SiteContent
    /// Key: `ModelReference.src`. Every model an entry shows must be here.
    public var models: [String: ModelAssets]
    /// Project-relative photo path (as in `Entry.photos`) → its renditions (content-hashed URL paths).
    public var photos: [String: PhotoAsset]
    /// File under site-templates/static (e.g. "css/site.css") → hashed URL path ("/assets/site.1a2b3c4d.css").
    /// `SiteRenderer.requiredStaticAssets` must be present.
    public var staticAssets: [String: String]
    /// The 1200×630 image a shared link shows (`og:image`), per entry and language; an entry
    /// without one falls back to its poster or first photo.
    public var sharingCards: [SharingCardKey: ImageVariant]
    /// The card of pages that are not an entry (home, lists, map, search, tags), per language.
    public var siteCards: [Language: ImageVariant]

    public init(content: SiteContent, models: [String: ModelAssets] = [:], photos: [String: PhotoAsset] = [:],
                staticAssets: [String: String] = [:], sharingCards: [SharingCardKey: ImageVariant] = [:],
                siteCards: [Language: ImageVariant] = [:]) {
        self.content = content
        self.models = models
        self.photos = photos
        self.staticAssets = staticAssets
        self.sharingCards = sharingCards
        self.siteCards = siteCards
    }
}

/// One file of the site, ready to be written.
public struct OutputFile: Sendable, Equatable {
    /// Relative to `_site`, "/"-separated, e.g. "en/places/dam-cau-hai/index.html".
    public var path: String
    public var bytes: [UInt8]
    /// With `PageReuse`: the key the page was rendered (or reused) under, for the next build.
    public var reuseKey: String?
    /// The bytes are the previous build's file at this path, unchanged.
    public var isReused = false

    public init(path: String, bytes: [UInt8], reuseKey: String? = nil, isReused: Bool = false) {
        self.path = path
        self.bytes = bytes
        self.reuseKey = reuseKey
        self.isReused = isReused
    }

    public init(path: String, text: String) {
        self.init(path: path, bytes: Array(text.utf8))
    }
}
