import Foundation

// content/site.yml exactly as written (../shared/design/CONTENT.md), before checks; mapped
// into `SiteConfig` by `SiteConfigReader`. Required keys are optional here so that a missing
// one gets a hand-written message with an example.

struct RawSite: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case title, description, baseURL, languages, organization, viewer, map, models, sharing, payment
    }

    var title: LocalizedText?
    var description: LocalizedText?
    var baseURL: String?
    var languages: [String]?
    var organization: RawOrganization?
    var viewer: RawViewer?
    var map: RawMap?
    var models: RawModelDefaults?
    var sharing: RawSharing?
    var payment: RawPayment?

    /// Each key on its own, so one bad value does not hide the mistakes in the others.
    init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        title = try c.lenientIfPresent(LocalizedText.self, forKey: .title, decoder)
        description = try c.lenientIfPresent(LocalizedText.self, forKey: .description, decoder)
        baseURL = try c.lenientIfPresent(String.self, forKey: .baseURL, decoder)
        languages = try c.lenientIfPresent([String].self, forKey: .languages, decoder)
        organization = try c.lenientIfPresent(RawOrganization.self, forKey: .organization, decoder)
        viewer = try c.lenientIfPresent(RawViewer.self, forKey: .viewer, decoder)
        map = try c.lenientIfPresent(RawMap.self, forKey: .map, decoder)
        models = try c.lenientIfPresent(RawModelDefaults.self, forKey: .models, decoder)
        sharing = try c.lenientIfPresent(RawSharing.self, forKey: .sharing, decoder)
        payment = try c.lenientIfPresent(RawPayment.self, forKey: .payment, decoder)
    }

    static let schema: KeySchema = .mapping(CodingKeys.self, nested: [
        .title: .languageMap,
        .description: .languageMap,
        .organization: .mapping(RawOrganization.CodingKeys.self),
        .viewer: .mapping(RawViewer.CodingKeys.self),
        .map: .mapping(RawMap.CodingKeys.self),
        .models: .mapping(RawModelDefaults.CodingKeys.self),
        .sharing: .mapping(RawSharing.CodingKeys.self),
        .payment: .mapping(RawPayment.CodingKeys.self),
    ])

    static let guide = FieldGuide(expectations: [
        "title": "text, or one text per language like { vi: \"Vinh Hưng – Làng quê thông minh\", en: \"Vinh Hung – Smart Village\" }",
        "description": "text, or one text per language like { vi: \"…\", en: \"…\" }",
        "baseURL": "the site's full web address, like https://vinhhung.example.vn/",
        "languages": "a list of language codes, the default first, like languages: [vi, en]",
        "organization": "a mapping with name:, address:, phone:, email:",
        "organization.name": "text, like name: UBND xã Vinh Hưng",
        "organization.address": "text",
        "organization.phone": "text in quotes, like phone: \"+84 234 …\"",
        "organization.email": "an e-mail address",
        "organization.url": "a web address starting with https://",
        "viewer": "a mapping with script: and meshoptDecoder:",
        "viewer.script": "a web address (https://…) or a path under site-templates/static/",
        "viewer.meshoptDecoder": "a web address (https://…) or a path under site-templates/static/",
        "map": "a mapping with script:, stylesheet:, tiles: and attribution:",
        "map.script": "a web address (https://…) of Leaflet's script, or a path under site-templates/static/",
        "map.stylesheet": "a web address (https://…) of Leaflet's stylesheet, or a path under site-templates/static/",
        "map.tiles": "a tile address with {z}, {x} and {y}, like https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        "map.attribution": "the text the tile provider asks to show, like © OpenStreetMap contributors",
        "models": "a mapping with maxTextureSize:, compression:, maxTriangles:, textureFormat:",
        "sharing": "a mapping with background:, textColor: and font:",
        "sharing.background": "a colour like \"#f6f1e7\" (in quotes: # starts a comment in YAML)",
        "sharing.textColor": "a colour like \"#2b2233\" (in quotes: # starts a comment in YAML)",
        "sharing.font": "a .ttf or .otf file relative to the project root, like site-templates/fonts/Title.ttf",
        "payment": "a mapping with bankBin:, account: and accountName:",
        "payment.bankBin": "the bank's 6-digit NAPAS BIN in quotes, like bankBin: \"970405\"",
        "payment.account": "the account number in quotes (digits or letters, at most 19)",
        "payment.accountName": "the account holder's name, like accountName: HTX NONG NGHIEP VINH HUNG",
    ].merging(RawModelOptions.guide("models"), uniquingKeysWith: { a, _ in a }))
}

struct RawOrganization: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable { case name, address, phone, email, url }
    var name: String
    var address: String?
    var phone: String?
    var email: String?
    var url: String?
}

struct RawSharing: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable { case background, textColor, font }
    var background: String?
    var textColor: String?
    var font: String?
}

struct RawMap: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable { case script, stylesheet, tiles, attribution }
    var script: String?
    var stylesheet: String?
    var tiles: String?
    var attribution: String?
}

struct RawViewer: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable { case script, meshoptDecoder }
    var script: String?
    var meshoptDecoder: String?
}

struct RawModelDefaults: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable { case maxTextureSize, compression, maxTriangles, textureFormat }
    var maxTextureSize: Int?
    var compression: String?
    var maxTriangles: Int?
    var textureFormat: String?
}

struct RawPayment: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable { case bankBin, account, accountName }
    var bankBin: String
    var account: String
    var accountName: String
}
