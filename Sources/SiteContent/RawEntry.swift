import Foundation

// The front matter exactly as staff write it (../shared/design/CONTENT.md), before any checks.
// Every field is optional here: which ones are required depends on whether the file is the
// default-language file or a translation, and a missing field gets a hand-written message
// rather than Codable's "keyNotFound". The explicit CodingKeys double as the list of allowed
// keys (see `KeySchema.mapping`), so the schema and the decoder cannot disagree.

struct RawEntry: Decodable, Equatable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case title, summary, address, opening, tags, photos, location, model
        case producer, ocop, price, unit, traceability, marketplaces

        func isAllowed(in kind: Entry.Kind) -> Bool {
            switch self {
            case .producer, .ocop, .price, .unit, .traceability, .marketplaces: return kind == .product
            default: return true
            }
        }

        /// The same in every language (Entry holds one value). A translation may repeat such a
        /// key — translators often copy the whole file — but may not change it.
        var isShared: Bool {
            switch self {
            case .title, .summary, .address, .opening, .tags, .model: return false
            case .photos, .location, .producer, .ocop, .price, .unit, .traceability, .marketplaces: return true
            }
        }
    }

    var title: String?
    var summary: String?
    var address: String?
    var opening: String?
    var tags: [String]?
    var photos: [String]?
    var location: RawGeoPoint?
    var model: RawModel?
    var producer: String?
    var ocop: Int?
    var price: Int?
    var unit: String?
    var traceability: RawTraceability?
    var marketplaces: [RawMarketplace]?

    /// Each key on its own, so one bad value does not hide the mistakes in the others.
    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.lenientIfPresent(String.self, forKey: .title, decoder)
        summary = try c.lenientIfPresent(String.self, forKey: .summary, decoder)
        address = try c.lenientIfPresent(String.self, forKey: .address, decoder)
        opening = try c.lenientIfPresent(String.self, forKey: .opening, decoder)
        tags = try c.lenientIfPresent([String].self, forKey: .tags, decoder)
        photos = try c.lenientIfPresent([String].self, forKey: .photos, decoder)
        location = try c.lenientIfPresent(RawGeoPoint.self, forKey: .location, decoder)
        model = try c.lenientIfPresent(RawModel.self, forKey: .model, decoder)
        producer = try c.lenientIfPresent(String.self, forKey: .producer, decoder)
        ocop = try c.lenientIfPresent(Int.self, forKey: .ocop, decoder)
        price = try c.lenientIfPresent(Int.self, forKey: .price, decoder)
        unit = try c.lenientIfPresent(String.self, forKey: .unit, decoder)
        traceability = try c.lenientIfPresent(RawTraceability.self, forKey: .traceability, decoder)
        marketplaces = try c.lenientIfPresent([RawMarketplace].self, forKey: .marketplaces, decoder)
    }

    static func schema(for kind: Entry.Kind) -> KeySchema {
        .mapping(CodingKeys.self, nested: [
            .location: .mapping(RawGeoPoint.CodingKeys.self),
            .model: RawModel.schema,
            .traceability: .mapping(RawTraceability.CodingKeys.self),
            .marketplaces: .list(.mapping(RawMarketplace.CodingKeys.self)),
        ], only: { $0.isAllowed(in: kind) })
    }

    /// The second half of every message about a key: "'ocop' must be <this>, got …".
    static let guide = FieldGuide(expectations: [
        "title": "text, like title: Đầm Cầu Hai",
        "summary": "one line of text",
        "address": "text",
        "opening": "text, like opening: \"05:00–19:00\"",
        "tags": "a list of words, like tags: [sinh thái, đầm phá]",
        "photos": "a list of image files beside this file, like photos: [hoang-hon.jpg, thuyen.jpg]",
        "location": "a mapping of decimal degrees, like location: { lat: 16.2870, lon: 107.8790 }",
        "location.lat": "a latitude from -90 to 90 in decimal degrees (with a dot: 16.2870)",
        "location.lon": "a longitude from -180 to 180 in decimal degrees (with a dot: 107.8790)",
        "producer": "text",
        "ocop": "a whole number from 3 to 5",
        "price": "a whole number of đồng, 0 or more, written without dots or spaces (like 65000)",
        "unit": "text, like unit: kg",
        "traceability": "a mapping with origin:, batch:, harvested: and certifications:",
        "traceability.origin": "text",
        "traceability.batch": "text",
        "traceability.harvested": "a date written YYYY-MM-DD, like 2026-05-12",
        "traceability.certifications": "a list, like certifications: [VietGAP]",
        "marketplaces": "a list of shops, like - { name: Postmart, url: https://postmart.vn/… }",
        "marketplaces.name": "the shop's name",
        "marketplaces.url": "a web address starting with https://",
    ].merging(RawModel.guide("model"), uniquingKeysWith: { a, _ in a }))
}

struct RawGeoPoint: Decodable, Equatable {
    enum CodingKeys: String, CodingKey, CaseIterable { case lat, lon }
    var lat: Double
    var lon: Double
}

/// `model:` — a mapping with `src:`, or just the path (`model: models/x/x.fbx`).
struct RawModel: Decodable, Equatable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case src, height, width, length, up, alt, cameraOrbit, hotspots, maxTextureSize, compression, maxTriangles, textureFormat
    }

    var src: String?
    var height: Double?
    var width: Double?
    var length: Double?
    var up: String?
    var alt: String?
    var cameraOrbit: String?
    var hotspots: [RawHotspot]?
    var maxTextureSize: Int?
    var compression: String?
    var maxTriangles: Int?
    var textureFormat: String?
    /// Written as a bare path: messages then name `model`, which is what the file shows.
    var writtenAsPath = false

    init(from decoder: Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let path = try? single.decode(String.self) {
            src = path
            writtenAsPath = true
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        src = try container.decodeIfPresent(String.self, forKey: .src)
        height = try container.decodeIfPresent(Double.self, forKey: .height)
        width = try container.decodeIfPresent(Double.self, forKey: .width)
        length = try container.decodeIfPresent(Double.self, forKey: .length)
        up = try container.decodeIfPresent(String.self, forKey: .up)
        alt = try container.decodeIfPresent(String.self, forKey: .alt)
        cameraOrbit = try container.decodeIfPresent(String.self, forKey: .cameraOrbit)
        hotspots = try container.decodeIfPresent([RawHotspot].self, forKey: .hotspots)
        maxTextureSize = try container.decodeIfPresent(Int.self, forKey: .maxTextureSize)
        compression = try container.decodeIfPresent(String.self, forKey: .compression)
        maxTriangles = try container.decodeIfPresent(Int.self, forKey: .maxTriangles)
        textureFormat = try container.decodeIfPresent(String.self, forKey: .textureFormat)
    }

    static let schema: KeySchema = .mapping(CodingKeys.self, nested: [
        .hotspots: .list(.mapping(RawHotspot.CodingKeys.self)),
    ])

    static func guide(_ prefix: String) -> [String: String] {
        [
            prefix: "a model file relative to the project root (model: models/thuyen/thuyen.fbx), or a mapping with src: and height:, alt: …",
            "\(prefix).src": "a model file relative to the project root, like models/thuyen/thuyen.fbx",
            "\(prefix).height": "the real height in metres, a number greater than 0 (with a dot: 1.2)",
            "\(prefix).width": "the real width in metres, a number greater than 0 (with a dot: 1.2)",
            "\(prefix).length": "the real length in metres, a number greater than 0 (with a dot: 1.2)",
            "\(prefix).up": "y or z (the axis that points up in the model file)",
            "\(prefix).alt": "text describing the model for people who cannot see it",
            "\(prefix).cameraOrbit": "model-viewer's camera-orbit: turn, tilt and distance, like \"30deg 68deg 105%\"",
            "\(prefix).hotspots": "a list like - { position: [0, 0.5, 0.2], label: Mũi thuyền }",
            "\(prefix).hotspots.position": "three numbers [x, y, z] in the model's units",
            "\(prefix).hotspots.normal": "three numbers [x, y, z]",
            "\(prefix).hotspots.label": "text",
        ].merging(RawModelOptions.guide(prefix), uniquingKeysWith: { a, _ in a })
    }
}

struct RawHotspot: Decodable, Equatable {
    enum CodingKeys: String, CodingKey, CaseIterable { case position, normal, label }
    var position: [Double]?
    var normal: [Double]?
    var label: String?
}

struct RawTraceability: Decodable, Equatable {
    enum CodingKeys: String, CodingKey, CaseIterable { case origin, batch, harvested, certifications }
    var origin: String?
    var batch: String?
    /// Kept as text: YAML would otherwise read 2026-05-12 as a timestamp in some time zone.
    var harvested: String?
    var certifications: [String]?
}

struct RawMarketplace: Decodable, Equatable {
    enum CodingKeys: String, CodingKey, CaseIterable { case name, url }
    var name: String
    var url: String
}

/// `maxTextureSize`, `compression`, `maxTriangles`: in site.yml's `models:` and in each `model:`.
enum RawModelOptions {
    static func guide(_ prefix: String) -> [String: String] {
        [
            "\(prefix).maxTextureSize": "a whole number of pixels greater than 0, like 2048",
            "\(prefix).compression": "meshopt, quantize or none",
            "\(prefix).maxTriangles": "a whole number greater than 0, like 100000",
            "\(prefix).textureFormat": "webp or jpeg",
        ]
    }
}
