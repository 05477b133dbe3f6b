import Foundation
import SceneModel

/// Everything the site is made of, as read from `content/` and checked: the typed form of
/// ../shared/design/CONTENT.md. Rendering reads only this, never the files.
public struct SiteContent: Sendable, Equatable {
    public var config: SiteConfig
    /// Places, products and free pages, each sorted by slug (deterministic output).
    public var places: [Entry]
    public var products: [Entry]
    public var pages: [Entry]

    public init(config: SiteConfig, places: [Entry] = [], products: [Entry] = [], pages: [Entry] = []) {
        self.config = config
        self.places = places
        self.products = products
        self.pages = pages
    }

    /// Every model any entry shows, one per distinct source path, sorted by path.
    public var modelReferences: [ModelReference] {
        var seen: [String: ModelReference] = [:]
        for entry in places + products + pages {
            if let model = entry.model, seen[model.src] == nil { seen[model.src] = model }
        }
        return seen.keys.sorted().map { seen[$0]! }
    }
}

/// A language code as written in site.yml (`vi`, `en`).
public typealias Language = String

/// Text given once per language: `{ vi: "...", en: "..." }` or a plain string for all languages.
public struct LocalizedText: Sendable, Equatable, Codable {
    public var values: [Language: String]

    public init(_ values: [Language: String]) { self.values = values }

    /// The text in `language`, else in `fallback` (the default language), else any.
    public func text(_ language: Language, fallback: Language) -> String {
        values[language] ?? values[fallback] ?? values.sorted { $0.key < $1.key }.first?.value ?? ""
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let plain = try? container.decode(String.self) {
            values = ["*": plain]
        } else {
            values = try container.decode([String: String].self)
        }
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(values)
    }
}

/// content/site.yml.
public struct SiteConfig: Sendable, Equatable {
    public var title: LocalizedText
    public var description: LocalizedText
    /// Absolute, ends with "/".
    public var baseURL: URL
    /// The first is the default language, served at `/`; the others at `/<code>/`.
    public var languages: [Language]
    public var organization: Organization?
    public var viewer: ViewerConfig
    public var map: MapConfig
    public var models: ModelDefaults
    public var sharing: SharingConfig
    public var payment: PaymentConfig?

    public init(title: LocalizedText, description: LocalizedText, baseURL: URL, languages: [Language],
                organization: Organization? = nil, viewer: ViewerConfig = ViewerConfig(), map: MapConfig = MapConfig(),
                models: ModelDefaults = ModelDefaults(), sharing: SharingConfig = SharingConfig(), payment: PaymentConfig? = nil) {
        self.title = title
        self.description = description
        self.baseURL = baseURL
        self.languages = languages
        self.organization = organization
        self.viewer = viewer
        self.map = map
        self.models = models
        self.sharing = sharing
        self.payment = payment
    }

    public var defaultLanguage: Language { languages[0] }
}

public struct Organization: Sendable, Equatable, Codable {
    public var name: String
    public var address: String?
    public var phone: String?
    public var email: String?
    public var url: String?

    public init(name: String, address: String? = nil, phone: String? = nil, email: String? = nil, url: String? = nil) {
        self.name = name
        self.address = address
        self.phone = phone
        self.email = email
        self.url = url
    }
}

/// Where the `<model-viewer>` script (and decoders) come from.
public struct ViewerConfig: Sendable, Equatable {
    /// Pinned so that a release of model-viewer never changes a built site by surprise.
    public static let defaultScript = "https://ajax.googleapis.com/ajax/libs/model-viewer/4.0.0/model-viewer.min.js"
    /// meshoptimizer's classic-script decoder, which model-viewer loads for EXT_meshopt_compression.
    public static let defaultMeshoptDecoder = "https://unpkg.com/meshoptimizer@0.18.1/meshopt_decoder.js"
    /// An absolute URL, or a path under site-templates/static/ to self-host.
    public var script: String
    public var meshoptDecoder: String?

    public init(script: String = ViewerConfig.defaultScript, meshoptDecoder: String? = nil) {
        self.script = script
        self.meshoptDecoder = meshoptDecoder
    }
}

/// `sharing:` in site.yml: the look of the 1200×630 card a shared link shows (og:image).
public struct SharingConfig: Sendable, Equatable {
    /// The default stylesheet's paper background and ink, so cards look like the site.
    public static let defaultBackground = RGBColor(red: 0xF7, green: 0xF2, blue: 0xE8)
    public static let defaultTextColor = RGBColor(red: 0x2B, green: 0x22, blue: 0x33)
    public var background: RGBColor
    public var textColor: RGBColor
    /// Project-relative .ttf/.otf for the title; nil: the system's DejaVu Sans Bold.
    public var font: String?

    public init(background: RGBColor = SharingConfig.defaultBackground, textColor: RGBColor = SharingConfig.defaultTextColor,
                font: String? = nil) {
        self.background = background
        self.textColor = textColor
        self.font = font
    }
}

/// An opaque sRGB colour, written in site.yml as CSS hex ("#f7f2e8" or "#fed").
public struct RGBColor: Sendable, Equatable {
    public var red: UInt8
    public var green: UInt8
    public var blue: UInt8

    public init(red: UInt8, green: UInt8, blue: UInt8) {
        self.red = red
        self.green = green
        self.blue = blue
    }

    /// "#rrggbb" or "#rgb"; nil for anything else.
    public init?(hex: String) {
        let text = hex.trimmingCharacters(in: .whitespaces)
        guard text.hasPrefix("#") else { return nil }
        var digits = String(text.dropFirst())
        if digits.count == 3 { digits = digits.map { "\($0)\($0)" }.joined() }
        guard digits.count == 6, digits.allSatisfy(\.isHexDigit), let value = UInt32(digits, radix: 16) else { return nil }
        self.init(red: UInt8(value >> 16 & 0xFF), green: UInt8(value >> 8 & 0xFF), blue: UInt8(value & 0xFF))
    }

    public var hex: String {
        "#" + [red, green, blue].map { String(format: "%02x", $0) }.joined()
    }
}

/// `map:` in site.yml: the map page's Leaflet and tiles. Loaded on that page only.
public struct MapConfig: Sendable, Equatable {
    /// Pinned, like the viewer, so a Leaflet release never changes a built site by surprise.
    public static let defaultScript = "https://unpkg.com/leaflet@1.9.4/dist/leaflet.js"
    public static let defaultStylesheet = "https://unpkg.com/leaflet@1.9.4/dist/leaflet.css"
    public static let defaultTiles = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
    public static let defaultAttribution = "© OpenStreetMap contributors"
    /// Absolute URLs, or paths under site-templates/static/ to self-host.
    public var script: String
    public var stylesheet: String
    public var tiles: String
    public var attribution: String

    public init(script: String = MapConfig.defaultScript, stylesheet: String = MapConfig.defaultStylesheet,
                tiles: String = MapConfig.defaultTiles, attribution: String = MapConfig.defaultAttribution) {
        self.script = script
        self.stylesheet = stylesheet
        self.tiles = tiles
        self.attribution = attribution
    }
}

/// `models:` in site.yml: defaults every model may override.
public struct ModelDefaults: Sendable, Equatable, Codable {
    /// meshopt: quantized + EXT_meshopt_compression (smallest); quantize: KHR_mesh_quantization
    /// only; none: plain floats (what every viewer reads).
    public var maxTextureSize: Int?
    public var compression: GeometryCompression?
    public var maxTriangles: Int?
    /// webp (default) or jpeg: the web .glb's textures.
    public var textureFormat: TextureFormat?

    public init(maxTextureSize: Int? = nil, compression: GeometryCompression? = nil, maxTriangles: Int? = nil,
                textureFormat: TextureFormat? = nil) {
        self.maxTextureSize = maxTextureSize
        self.compression = compression
        self.maxTriangles = maxTriangles
        self.textureFormat = textureFormat
    }
}

public struct PaymentConfig: Sendable, Equatable, Codable {
    public var bankBin: String
    public var account: String
    public var accountName: String

    public init(bankBin: String, account: String, accountName: String) {
        self.bankBin = bankBin
        self.account = account
        self.accountName = accountName
    }
}

/// A place, a product or a free page, in every language the site has.
public struct Entry: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Equatable, Codable { case place, product, page }

    public var kind: Kind
    /// ASCII, from the file name (or the folded title when the name is not ASCII).
    public var slug: String
    /// Project-relative path of the default-language file, for messages.
    public var sourcePath: String
    /// One version per site language, in site.yml's order. A language without its own
    /// translation file is absent here (the page is then not published in that language).
    public var translations: [Language: Translation]
    public var model: ModelReference?
    /// Photos as project-relative paths, checked to exist.
    public var photos: [String]
    public var location: GeoPoint?
    public var product: ProductFacts?

    public init(kind: Kind, slug: String, sourcePath: String, translations: [Language: Translation],
                model: ModelReference? = nil, photos: [String] = [], location: GeoPoint? = nil, product: ProductFacts? = nil) {
        self.kind = kind
        self.slug = slug
        self.sourcePath = sourcePath
        self.translations = translations
        self.model = model
        self.photos = photos
        self.location = location
        self.product = product
    }
}

/// The words of an entry in one language.
public struct Translation: Sendable, Equatable, Codable {
    public var title: String
    public var summary: String
    /// The Markdown body rendered to HTML (CommonMark + GFM tables).
    public var bodyHTML: String
    public var address: String?
    public var opening: String?
    public var tags: [String]
    /// Alt text of the model in this language.
    public var modelAlt: String?
    /// Hotspot labels in this language, in the order of `ModelReference.hotspots`.
    public var hotspotLabels: [String]

    public init(title: String, summary: String = "", bodyHTML: String = "", address: String? = nil, opening: String? = nil,
                tags: [String] = [], modelAlt: String? = nil, hotspotLabels: [String] = []) {
        self.title = title
        self.summary = summary
        self.bodyHTML = bodyHTML
        self.address = address
        self.opening = opening
        self.tags = tags
        self.modelAlt = modelAlt
        self.hotspotLabels = hotspotLabels
    }
}

public struct GeoPoint: Sendable, Equatable, Codable {
    public var lat: Double
    public var lon: Double

    public init(lat: Double, lon: Double) {
        self.lat = lat
        self.lon = lon
    }
}

/// `model:` in front matter: which file, and how it should stand in AR.
public struct ModelReference: Sendable, Equatable, Codable {
    public struct Hotspot: Sendable, Equatable, Codable {
        public var position: SIMD3<Float>
        public var normal: SIMD3<Float>?
        public init(position: SIMD3<Float>, normal: SIMD3<Float>? = nil) {
            self.position = position
            self.normal = normal
        }
    }

    /// Relative to the project root, "/"-separated, checked to stay inside it (no "..", no symlink out).
    public var src: String
    /// Real-world size in metres; at most one of the three is used (height first).
    public var height: Double?
    public var width: Double?
    public var length: Double?
    public var up: UpAxis?
    /// Where the 3D view starts and the poster is taken from (model-viewer's `camera-orbit`);
    /// nil: `CameraOrbit.threeQuarter`.
    public var cameraOrbit: CameraOrbit?
    public var hotspots: [Hotspot]
    /// Per-model overrides of `models:` in site.yml.
    public var options: ModelDefaults

    public init(src: String, height: Double? = nil, width: Double? = nil, length: Double? = nil, up: UpAxis? = nil,
                cameraOrbit: CameraOrbit? = nil, hotspots: [Hotspot] = [], options: ModelDefaults = ModelDefaults()) {
        self.src = src
        self.height = height
        self.width = width
        self.length = length
        self.up = up
        self.cameraOrbit = cameraOrbit
        self.hotspots = hotspots
        self.options = options
    }
}

/// What a product page shows beyond a place's: producer, rating, price, traceability.
public struct ProductFacts: Sendable, Equatable, Codable {
    public struct Traceability: Sendable, Equatable, Codable {
        public var origin: String?
        public var batch: String?
        /// ISO date as written (YYYY-MM-DD).
        public var harvested: String?
        public var certifications: [String]
        public init(origin: String? = nil, batch: String? = nil, harvested: String? = nil, certifications: [String] = []) {
            self.origin = origin
            self.batch = batch
            self.harvested = harvested
            self.certifications = certifications
        }
    }
    public struct Marketplace: Sendable, Equatable, Codable {
        public var name: String
        public var url: String
        public init(name: String, url: String) {
            self.name = name
            self.url = url
        }
    }

    public var producer: String?
    /// 3–5, or nil when not rated.
    public var ocop: Int?
    /// VND, whole đồng.
    public var price: Int?
    public var unit: String?
    public var traceability: Traceability?
    public var marketplaces: [Marketplace]

    public init(producer: String? = nil, ocop: Int? = nil, price: Int? = nil, unit: String? = nil,
                traceability: Traceability? = nil, marketplaces: [Marketplace] = []) {
        self.producer = producer
        self.ocop = ocop
        self.price = price
        self.unit = unit
        self.traceability = traceability
        self.marketplaces = marketplaces
    }
}
