import Foundation
import XCTest
import SiteContent
@testable import SiteRender

/// A small commune in code: two languages, a place with a model (no USDZ/poster yet), a product with
/// price/OCOP/traceability and a full model, a free page, and a place only in Vietnamese whose title
/// needs escaping.
enum Fixture {
    static let templates = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("site-templates")

    static let nastyTitle = "Nón lá <b>&\""

    static func content(baseURL: String = "https://vinhhung.example.vn/", viewer: ViewerConfig = ViewerConfig()) -> SiteContent {
        let config = SiteConfig(
            title: LocalizedText(["vi": "Vinh Hưng – Làng quê thông minh", "en": "Vinh Hung – Smart Village"]),
            description: LocalizedText(["vi": "Đầm phá, dưa lưới và làng nghề.", "en": "Lagoon, melons and craft villages."]),
            baseURL: URL(string: baseURL)!,
            languages: ["vi", "en"],
            organization: Organization(name: "UBND xã Vinh Hưng", address: "xã Vinh Hưng, Thừa Thiên Huế",
                                       phone: "+84 234 3870 000", email: "ubnd@vinhhung.example.vn"),
            viewer: viewer)
        let lagoon = Entry(
            kind: .place, slug: "dam-cau-hai", sourcePath: "content/places/dam-cau-hai.md",
            translations: [
                "vi": Translation(title: "Đầm Cầu Hai", summary: "Phá nước lợ lớn nhất Thừa Thiên Huế.",
                                  bodyHTML: "<p>Chèo <em>thuyền</em> ngắm hoàng hôn.</p>\n", address: "Thôn Phụng Chánh 1",
                                  opening: "05:00–19:00", tags: ["sinh thái"], modelAlt: "Thuyền nan đan tre",
                                  hotspotLabels: ["Mũi thuyền"]),
                "en": Translation(title: "Cau Hai Lagoon", summary: "The largest brackish lagoon of Huế.",
                                  bodyHTML: "<p>Row at sunset.</p>\n", address: "Phung Chanh 1 hamlet",
                                  opening: "05:00–19:00", tags: ["ecotourism"], modelAlt: "Bamboo basket boat",
                                  hotspotLabels: ["Bow"]),
            ],
            model: ModelReference(src: "models/thuyen-nan/thuyen.fbx", height: 1.2,
                                  hotspots: [.init(position: SIMD3(0, 0.5, 0.2))]),
            photos: ["content/places/hoang-hon.jpg", "content/places/thuyen.jpg"],
            location: GeoPoint(lat: 16.287, lon: 107.879))
        let hats = Entry(
            kind: .place, slug: "lang-non", sourcePath: "content/places/lang-non.md",
            translations: ["vi": Translation(title: nastyTitle, summary: "Làng nón <i>bài thơ</i>.")])
        let melon = Entry(
            kind: .product, slug: "dua-luoi", sourcePath: "content/products/dua-luoi.md",
            translations: [
                "vi": Translation(title: "Dưa lưới Vinh Hưng", summary: "Ngọt thanh, truy xuất từng lô.", bodyHTML: "<p>Trồng nhà màng.</p>"),
                "en": Translation(title: "Vinh Hung cantaloupe", summary: "Sweet, traced batch by batch.", bodyHTML: "<p>Greenhouse grown.</p>"),
            ],
            model: ModelReference(src: "models/dua-luoi/dua-luoi.obj", height: 0.16),
            photos: ["content/products/dua-luoi.jpg"],
            product: ProductFacts(producer: "HTX Nông nghiệp Vinh Hưng", ocop: 4, price: 65000, unit: "kg",
                                  traceability: .init(origin: "Thôn Lương Viên", batch: "DL-2026-05", harvested: "2026-05-12",
                                                      certifications: ["VietGAP"]),
                                  marketplaces: [.init(name: "Postmart", url: "https://postmart.vn/dua-luoi"),
                                                 .init(name: "Bad", url: "javascript:alert(1)")]))
        let about = Entry(
            kind: .page, slug: "gioi-thieu", sourcePath: "content/pages/gioi-thieu.md",
            translations: ["vi": Translation(title: "Giới thiệu", bodyHTML: "<p>Xã Vinh Hưng.</p>"),
                           "en": Translation(title: "About", bodyHTML: "<p>Vinh Hung commune.</p>")])
        return SiteContent(config: config, places: [lagoon, hats], products: [melon], pages: [about])
    }

    static let models: [String: ModelAssets] = [
        "models/thuyen-nan/thuyen.fbx": ModelAssets(glb: "/assets/models/thuyen.3f2a9c1d.glb", bytes: 100_000, triangles: 5000),
        "models/dua-luoi/dua-luoi.obj": ModelAssets(glb: "/assets/models/dua-luoi.0badcafe.glb", usdz: "/assets/models/dua-luoi.0badcafe.usdz",
                                                    poster: "/assets/models/dua-luoi.0badcafe.webp", posterWidth: 800, posterHeight: 600,
                                                    bytes: 50_000, triangles: 2000),
    ]

    /// A 2000×1500 photo (three renditions), a 1000×1333 portrait (two) and a 300×225 one (one).
    static let photos: [String: PhotoAsset] = [
        "content/places/hoang-hon.jpg": PhotoAsset(variants: [
            ImageVariant(src: "/assets/photos/hoang-hon-480.11111111.jpg", width: 480, height: 360),
            ImageVariant(src: "/assets/photos/hoang-hon-960.11111111.jpg", width: 960, height: 720),
            ImageVariant(src: "/assets/photos/hoang-hon-1440.11111111.jpg", width: 1440, height: 1080),
        ])!,
        "content/places/thuyen.jpg": PhotoAsset(variants: [
            ImageVariant(src: "/assets/photos/thuyen-480.22222222.jpg", width: 480, height: 640),
            ImageVariant(src: "/assets/photos/thuyen-960.22222222.jpg", width: 960, height: 1280),
        ])!,
        "content/products/dua-luoi.jpg": PhotoAsset(variants: [
            ImageVariant(src: "/assets/photos/dua-luoi-300.33333333.jpg", width: 300, height: 225),
        ])!,
    ]

    static let staticAssets: [String: String] = [
        "css/site.css": "/assets/site.1a2b3c4d.css",
        "images/favicon.svg": "/assets/favicon.5e6f7a8b.svg",
        "js/model-viewer.min.js": "/assets/model-viewer.min.44444444.js",
        "js/places-map.js": "/assets/places-map.66666666.js",
        "js/search.js": "/assets/search.99999999.js",
        "js/meshopt_decoder.js": "/assets/meshopt_decoder.55555555.js",
    ]

    static func input(_ content: SiteContent = content()) -> RenderInput {
        RenderInput(content: content, models: models, photos: photos, staticAssets: staticAssets)
    }

    static func render(_ input: RenderInput = input()) throws -> [String: String] {
        let files = try SiteRenderer(templatesDirectory: templates).render(input)
        return Dictionary(uniqueKeysWithValues: files.map { ($0.path, String(decoding: $0.bytes, as: UTF8.self)) })
    }
}

// MARK: - Small HTML helpers (enough for our own, regular output)

func unescapeHTML(_ text: String) -> String {
    text.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'")
        .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
        .replacingOccurrences(of: "&amp;", with: "&")
}

/// Every start tag `<name …>` in the page, with its attributes (values unescaped; bare attributes → "").
func tags(_ name: String, in html: String) -> [[String: String]] {
    let tagPattern = try! Regex("<\(name)(\\s[^>]*)?>")
    let attributePattern = try! Regex(#"([a-zA-Z-]+)(?:="([^"]*)")?"#)
    return html.matches(of: tagPattern).map { match in
        let inside = match.output[1].substring.map(String.init) ?? ""
        var attributes: [String: String] = [:]
        for attribute in inside.matches(of: attributePattern) {
            let key = String(attribute.output[1].substring!)
            attributes[key] = attribute.output[2].substring.map { unescapeHTML(String($0)) } ?? ""
        }
        return attributes
    }
}

/// The query parameters of a URL-like string, percent-decoded.
func queryParameters(_ url: String) -> [String: String] {
    guard let query = url.split(separator: "?", maxSplits: 1).dropFirst().first else { return [:] }
    let beforeFragment = query.split(separator: "#", maxSplits: 1).first ?? ""
    var out: [String: String] = [:]
    for pair in beforeFragment.split(separator: "&") {
        let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
        out[parts[0]] = parts.count > 1 ? parts[1].removingPercentEncoding : ""
    }
    return out
}

/// The markup of the 3D view's picture: model-viewer's poster slot (`viewer-poster`), which
/// is also the no-JS picture and, with a USDZ, the Quick Look link.
func viewerPoster(in html: String) throws -> String {
    let after = try XCTUnwrap(html.components(separatedBy: "class=\"viewer-poster\"").dropFirst().first, "no viewer-poster in the page")
    return try XCTUnwrap(after.components(separatedBy: "class=\"viewer-fallback\"").first)
}

extension Fixture {
    static let melon = "models/dua-luoi/dua-luoi.obj"

    /// The fixture with a 768 px poster (PNG) and 320 and 512 px thumbnails for the melon.
    static func inputWithMelonPoster() throws -> RenderInput {
        var input = Fixture.input()
        var assets = try XCTUnwrap(input.models[melon])
        assets.poster = "/assets/models/dua-luoi.poster.aa.png"
        assets.posterWidth = 768
        assets.posterHeight = 768
        assets.thumbnails = [ImageVariant(src: "/assets/models/dua-luoi.320.bb.png", width: 320, height: 320),
                             ImageVariant(src: "/assets/models/dua-luoi.512.cc.png", width: 512, height: 512)]
        input.models[melon] = assets
        return input
    }
}
