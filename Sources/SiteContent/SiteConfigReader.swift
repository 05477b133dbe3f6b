import Foundation

/// content/site.yml → `SiteConfig`.
enum SiteConfigReader {
    /// The config, or nil when site.yml has errors (added to `problems`). The languages come back
    /// on their own because the rest of the content can still be checked with them when, say,
    /// only baseURL is wrong — staff then see all their mistakes in one run.
    static func read(_ url: URL, files: ProjectFiles, problems: inout [ContentError]) -> (config: SiteConfig?, languages: [Language]?) {
        let path = files.displayPath(url)
        guard FileManager.default.fileExists(atPath: url.path) else {
            problems.append(ContentError(path: path, message:
                "not found; every site needs this file with at least title:, baseURL: and languages: (see CONTENT.md)"))
            return (nil, nil)
        }
        let document = TextFile.read(url, path: path).flatMap { YAMLDocument.parse($0, path: path, firstLine: 1) }
        guard case .success(let doc) = document else {
            if case .failure(let error) = document { problems.append(error) }
            return (nil, nil)
        }
        let decoded = doc.decode(RawSite.self, guide: RawSite.guide)
        problems += decoded.errors
        guard let raw = decoded.value else {
            let languages = salvageLanguages(doc)
            problems += doc.keyProblems(RawSite.schema, languages: languages)
            return (nil, languages)
        }
        // A key whose value could not be decoded is already reported; do not also call it missing.
        let failed = decoded.failedKeys

        var checks = FieldChecks(doc: doc, guide: RawSite.guide)
        let languages = failed.contains("languages") ? nil : checkLanguages(raw.languages, &checks)
        problems += doc.keyProblems(RawSite.schema, languages: languages)

        let title = localized(raw.title, key: "title", required: !failed.contains("title"), languages: languages, &checks)
        let description = localized(raw.description, key: "description", required: false, languages: languages, &checks)
        let baseURL = failed.contains("baseURL") ? nil : checkBaseURL(raw.baseURL, &checks)

        var organization: Organization?
        if let org = raw.organization {
            if FieldChecks.nonEmpty(org.name) == nil { checks.expect(false, ["organization", "name"]) }
            if let email = org.email { checks.expect(email.contains("@"), ["organization", "email"]) }
            if let address = org.url { checks.expect(FieldChecks.isWebAddress(address), ["organization", "url"]) }
            organization = Organization(name: org.name, address: org.address, phone: org.phone, email: org.email, url: org.url)
        }

        var viewer = ViewerConfig()
        if let raw = raw.viewer {
            if let script = raw.script {
                checks.expect(isScriptLocation(script), ["viewer", "script"])
                viewer.script = script
            }
            if let decoder = raw.meshoptDecoder {
                checks.expect(isScriptLocation(decoder), ["viewer", "meshoptDecoder"])
                viewer.meshoptDecoder = decoder
            }
        }

        var map = MapConfig()
        if let raw = raw.map {
            for (key, value, apply) in [("script", raw.script, { (v: String) in map.script = v }),
                                        ("stylesheet", raw.stylesheet, { (v: String) in map.stylesheet = v })] {
                guard let value else { continue }
                checks.expect(isScriptLocation(value), ["map", .key(key)])
                apply(value)
            }
            if let tiles = raw.tiles {
                checks.expect(tiles.lowercased().hasPrefix("https://") && ["{z}", "{x}", "{y}"].allSatisfy(tiles.contains), ["map", "tiles"])
                map.tiles = tiles
            }
            if let attribution = raw.attribution { map.attribution = attribution }
        }

        let models = raw.models.map {
            checks.modelOptions(maxTextureSize: $0.maxTextureSize, compression: $0.compression,
                                maxTriangles: $0.maxTriangles, textureFormat: $0.textureFormat, at: ["models"])
        } ?? ModelDefaults()

        var sharing = SharingConfig()
        if let raw = raw.sharing {
            for (key, written, apply) in [("background", raw.background, { (c: RGBColor) in sharing.background = c }),
                                          ("textColor", raw.textColor, { (c: RGBColor) in sharing.textColor = c })] {
                guard let written else { continue }
                if let colour = RGBColor(hex: written) { apply(colour) } else { checks.expect(false, ["sharing", .key(key)]) }
            }
            if let font = raw.font {
                switch files.resolveProjectFile(font, kind: "font file", example: "like site-templates/fonts/Title.ttf") {
                case .success(let path): sharing.font = path
                case .failure(let problem): checks.report(["sharing", "font"], "'sharing.font' \(problem.reason)")
                }
            }
        }

        var payment: PaymentConfig?
        if let raw = raw.payment {
            // VietQR (see ../shared/reference/vietqr.md): the BIN is 6 digits, the account at most 19 characters.
            checks.expect(raw.bankBin.count == 6 && raw.bankBin.allSatisfy { $0.isASCII && $0.isNumber }, ["payment", "bankBin"])
            checks.expect((1...19).contains(raw.account.count) && raw.account.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) },
                          ["payment", "account"])
            checks.expect(FieldChecks.nonEmpty(raw.accountName) != nil, ["payment", "accountName"])
            payment = PaymentConfig(bankBin: raw.bankBin, account: raw.account, accountName: raw.accountName)
        }

        problems += checks.errors
        guard decoded.errors.isEmpty, checks.errors.isEmpty, let languages, let title, let baseURL else { return (nil, languages) }
        let config = SiteConfig(title: title, description: description ?? LocalizedText([:]), baseURL: baseURL,
                                languages: languages, organization: organization, viewer: viewer, map: map,
                                models: models, sharing: sharing, payment: payment)
        return (config, languages)
    }

    /// When another key failed to decode, the languages may still be fine; reading them from the
    /// tree lets the content files be checked against them (errors about them come from decoding).
    private static func salvageLanguages(_ doc: YAMLDocument) -> [Language]? {
        guard case .sequence(let items)? = doc.node(at: ["languages"]) else { return nil }
        let codes = items.compactMap(\.string)
        guard !codes.isEmpty, codes.count == items.count, Set(codes).count == codes.count,
              codes.allSatisfy(isLanguageCode) else { return nil }
        return codes
    }

    private static func isLanguageCode(_ code: String) -> Bool {
        (2...3).contains(code.count) && code.unicodeScalars.allSatisfy { ("a"..."z").contains($0) }
    }

    /// Required, non-empty, 2–3 lowercase letters each (ISO 639), no repeats. The first is the default.
    private static func checkLanguages(_ languages: [String]?, _ checks: inout FieldChecks) -> [Language]? {
        guard let languages else {
            checks.report([], "'languages' is missing; expected \(RawSite.guide.expectation(for: "languages") ?? "")")
            return nil
        }
        guard !languages.isEmpty else {
            checks.expect(false, ["languages"])
            return nil
        }
        var valid = true
        for (index, code) in languages.enumerated() {
            if !isLanguageCode(code) {
                checks.report(["languages", .index(index)],
                              "'languages' must be 2–3 letter lowercase codes like vi or en, got \"\(code)\"")
                valid = false
            } else if languages[..<index].contains(code) {
                checks.report(["languages", .index(index)], "'languages' lists '\(code)' twice; list each language once")
                valid = false
            }
        }
        return valid ? languages : nil
    }

    private static func localized(_ text: LocalizedText?, key: String, required: Bool, languages: [Language]?,
                                  _ checks: inout FieldChecks) -> LocalizedText? {
        guard let text, !text.values.isEmpty else {
            if required { checks.report([.key(key)], "'\(key)' is missing; expected \(RawSite.guide.expectation(for: key) ?? "text")") }
            return nil
        }
        if let defaultLanguage = languages?.first, text.values["*"] == nil, text.values[defaultLanguage] == nil {
            checks.report([.key(key)], "'\(key)' has no text for the default language '\(defaultLanguage)'; expected \(RawSite.guide.expectation(for: key) ?? "text")")
        }
        return text
    }

    /// Absolute http(s), no query or fragment; a "/" is added at the end so that relative page
    /// paths can be appended as they are.
    private static func checkBaseURL(_ text: String?, _ checks: inout FieldChecks) -> URL? {
        guard let text = FieldChecks.nonEmpty(text) else {
            checks.report(["baseURL"], "'baseURL' is missing; expected \(RawSite.guide.expectation(for: "baseURL") ?? "")")
            return nil
        }
        guard FieldChecks.isWebAddress(text), let parsed = URL(string: text), parsed.query == nil, parsed.fragment == nil else {
            checks.expect(false, ["baseURL"])
            return nil
        }
        return URL(string: text.hasSuffix("/") ? text : text + "/")
    }

    /// A web address, or a relative path (to self-host under site-templates/static/).
    private static func isScriptLocation(_ text: String) -> Bool {
        if text.contains("://") { return FieldChecks.isWebAddress(text) }
        return FieldChecks.nonEmpty(text) != nil && !text.hasPrefix("/") && !text.contains("\\")
            && !text.split(separator: "/").contains("..")
    }
}
