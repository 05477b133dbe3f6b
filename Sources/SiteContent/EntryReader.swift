import Foundation
import SceneModel

/// One place, product or page: its default-language file and translations → `Entry`.
///
/// The default-language file (`x.md`) carries everything; a translation (`x.en.md`) needs only
/// what it translates. Whatever a translation leaves out is taken from the default file; what
/// is the same in every language (photos, location, price, the model file …) may be repeated
/// in a translation but not changed, because `Entry` holds one value for all languages.
struct EntryReader {
    let kind: Entry.Kind
    let files: ProjectFiles
    /// nil when site.yml could not give them; translations' languages are then not checked.
    let languages: [Language]?

    private var defaultLanguage: Language { languages?.first ?? "vi" }

    /// A file after front matter, YAML and decoding.
    private struct ParsedFile {
        let url: URL
        let path: String
        let doc: YAMLDocument
        let raw: RawEntry
        let body: String
        /// Top-level keys whose values were wrong (already reported) and read as absent.
        let failedKeys: Set<String>
    }

    func read(_ unit: SourceUnit, problems: inout [ContentError]) -> Entry? {
        let expected = files.displayPath(unit.expectedDefaultFile)
        var translationFiles: [(language: Language, file: URL)] = []
        for translation in unit.translations {
            let path = files.displayPath(translation.url)
            if unit.defaultFile == nil {
                problems.append(ContentError(path: path, message:
                    "a translation needs the default-language file \(expected) next to it; create it, or rename this file to \(URL(fileURLWithPath: expected).lastPathComponent)"))
            } else if let languages, translation.language == defaultLanguage {
                problems.append(ContentError(path: path, message:
                    "'\(translation.language)' is the default language, whose text goes in \(expected); expected translations named like \(Self.example(expected, languages))"))
            } else if let languages, !languages.contains(translation.language) {
                problems.append(ContentError(path: path, message:
                    "language '\(translation.language)' is not in site.yml's languages (\(languages.joined(separator: ", "))); add it there, or rename the file like \(Self.example(expected, languages))"))
            } else {
                translationFiles.append((translation.language, translation.url))
            }
        }
        guard let defaultURL = unit.defaultFile else { return nil }

        let main = parse(defaultURL, problems: &problems)
        let translated = translationFiles.map { (language: $0.language, file: parse($0.file, problems: &problems)) }
        guard let main else { return nil }

        var checks = FieldChecks(doc: main.doc, guide: RawEntry.guide)
        let raw = main.raw
        let title = FieldChecks.nonEmpty(raw.title)
        if title == nil && !main.failedKeys.contains("title") {
            let problem = main.doc.contains(["title"]) ? "is empty" : "is missing"
            checks.report(["title"], "'title' \(problem); every page needs one, like title: Đầm Cầu Hai")
        }

        var location: GeoPoint?
        if let point = raw.location {
            checks.expect((-90.0...90.0).contains(point.lat), ["location", "lat"])
            checks.expect((-180.0...180.0).contains(point.lon), ["location", "lon"])
            location = GeoPoint(lat: point.lat, lon: point.lon)
        }

        var photos: [String] = []
        for (index, photo) in (raw.photos ?? []).enumerated() {
            switch files.resolvePhoto(photo, besides: main.url) {
            case .success(let path): photos.append(path)
            case .failure(let problem): checks.report(["photos", .index(index)], "'photos' \(problem.reason)")
            }
        }

        let model = raw.model.flatMap { modelReference($0, &checks) }
        let product = kind == .product ? productFacts(raw, &checks) : nil

        let base = Translation(
            title: title ?? "",
            summary: FieldChecks.nonEmpty(raw.summary) ?? "",
            bodyHTML: Markdown.html(main.body),
            address: FieldChecks.nonEmpty(raw.address),
            opening: FieldChecks.nonEmpty(raw.opening),
            tags: raw.tags ?? [],
            modelAlt: FieldChecks.nonEmpty(raw.model?.alt),
            hotspotLabels: (raw.model?.hotspots ?? []).map { $0.label ?? "" })
        var translations = [defaultLanguage: base]
        for (language, file) in translated {
            guard let file else { continue }
            translations[language] = translation(file, inheriting: base, from: main, problems: &problems)
        }

        problems += checks.errors
        guard let title, main.failedKeys.isEmpty else { return nil }
        guard let slug = slug(for: unit, title: title, file: main, problems: &problems) else { return nil }
        return Entry(kind: kind, slug: slug, sourcePath: main.path, translations: translations,
                     model: model, photos: photos, location: location, product: product)
    }

    // MARK: Reading one file

    private func parse(_ url: URL, problems: inout [ContentError]) -> ParsedFile? {
        let path = files.displayPath(url)
        let split = TextFile.read(url, path: path).flatMap { FrontMatter.split($0, path: path) }
        guard case .success(let frontMatter) = split else {
            if case .failure(let error) = split { problems.append(error) }
            return nil
        }
        switch YAMLDocument.parse(frontMatter.yaml, path: path, firstLine: frontMatter.yamlFirstLine) {
        case .failure(let error):
            problems.append(error)
            return nil
        case .success(let doc):
            // Unknown keys are looked for even when decoding fails, so one run reports both.
            problems += doc.keyProblems(RawEntry.schema(for: kind), languages: languages)
            let decoded = doc.decode(RawEntry.self, guide: RawEntry.guide)
            problems += decoded.errors
            guard let raw = decoded.value else { return nil }
            return ParsedFile(url: url, path: path, doc: doc, raw: raw, body: frontMatter.body, failedKeys: decoded.failedKeys)
        }
    }

    // MARK: The default file's facts

    private func modelReference(_ raw: RawModel, _ checks: inout FieldChecks) -> ModelReference? {
        // A bare `model: path` shows no `src:` line, so messages name what the file shows.
        let srcPath: YAMLPath = raw.writtenAsPath ? ["model"] : ["model", "src"]
        guard let src = FieldChecks.nonEmpty(raw.src) else {
            checks.report(["model"], "'model' is missing 'src'; expected \(RawEntry.guide.expectation(for: "model.src") ?? "a model file")")
            return nil
        }
        var resolved: String?
        switch files.resolveModel(src) {
        case .success(let path): resolved = path
        case .failure(let problem): checks.report(srcPath, "'\(srcPath.dottedName)' \(problem.reason)")
        }

        for (key, value) in [("height", raw.height), ("width", raw.width), ("length", raw.length)] {
            if let value { checks.expect(value > 0 && value.isFinite, ["model", .key(key)]) }
        }
        var up: UpAxis?
        if let written = raw.up {
            up = UpAxis(rawValue: written.lowercased())
            checks.expect(up != nil, ["model", "up"])
        }
        var orbit: CameraOrbit?
        if let written = raw.cameraOrbit {
            do { orbit = try CameraOrbit(parsing: written) } catch {
                checks.report(["model", "cameraOrbit"], "'model.cameraOrbit' is not valid: \(error.description); expected \(RawEntry.guide.expectation(for: "model.cameraOrbit") ?? "a camera-orbit")")
            }
        }
        let options = checks.modelOptions(maxTextureSize: raw.maxTextureSize, compression: raw.compression,
                                          maxTriangles: raw.maxTriangles, textureFormat: raw.textureFormat, at: ["model"])

        var hotspots: [ModelReference.Hotspot] = []
        for (index, spot) in (raw.hotspots ?? []).enumerated() {
            let at: YAMLPath = ["model", "hotspots", .index(index)]
            let position = vector(spot.position)
            if spot.position == nil {
                checks.report(at, "hotspot \(index + 1) in 'model.hotspots' is missing 'position' (three numbers [x, y, z])")
            } else {
                checks.expect(position != nil, at + ["position"])
            }
            let normal = vector(spot.normal)
            if spot.normal != nil { checks.expect(normal != nil, at + ["normal"]) }
            if FieldChecks.nonEmpty(spot.label) == nil {
                checks.report(at, "hotspot \(index + 1) in 'model.hotspots' is missing 'label' (the text shown at that point)")
            }
            hotspots.append(ModelReference.Hotspot(position: position ?? .zero, normal: normal))
        }

        guard let resolved else { return nil }
        return ModelReference(src: resolved, height: raw.height, width: raw.width, length: raw.length, up: up,
                              cameraOrbit: orbit, hotspots: hotspots, options: options)
    }

    /// Exactly three finite numbers.
    private func vector(_ numbers: [Double]?) -> SIMD3<Float>? {
        guard let numbers, numbers.count == 3, numbers.allSatisfy(\.isFinite) else { return nil }
        return SIMD3(Float(numbers[0]), Float(numbers[1]), Float(numbers[2]))
    }

    private func productFacts(_ raw: RawEntry, _ checks: inout FieldChecks) -> ProductFacts {
        if let ocop = raw.ocop { checks.expect((3...5).contains(ocop), ["ocop"]) }
        if let price = raw.price { checks.expect(price >= 0, ["price"]) }
        var traceability: ProductFacts.Traceability?
        if let trace = raw.traceability {
            if let harvested = trace.harvested {
                checks.expect(FieldChecks.isISODate(harvested), ["traceability", "harvested"])
            }
            traceability = .init(origin: FieldChecks.nonEmpty(trace.origin), batch: FieldChecks.nonEmpty(trace.batch),
                                 harvested: trace.harvested, certifications: trace.certifications ?? [])
        }
        var marketplaces: [ProductFacts.Marketplace] = []
        for (index, shop) in (raw.marketplaces ?? []).enumerated() {
            checks.expect(FieldChecks.nonEmpty(shop.name) != nil, ["marketplaces", .index(index), "name"])
            checks.expect(FieldChecks.isWebAddress(shop.url), ["marketplaces", .index(index), "url"])
            marketplaces.append(.init(name: shop.name, url: shop.url))
        }
        return ProductFacts(producer: FieldChecks.nonEmpty(raw.producer), ocop: raw.ocop, price: raw.price,
                            unit: FieldChecks.nonEmpty(raw.unit), traceability: traceability, marketplaces: marketplaces)
    }

    // MARK: Translations

    private func translation(_ file: ParsedFile, inheriting base: Translation, from main: ParsedFile,
                             problems: inout [ContentError]) -> Translation {
        var checks = FieldChecks(doc: file.doc, guide: RawEntry.guide)
        let raw = file.raw, original = main.raw
        let changeThere = "it is the same in every language, so change it in \(main.path) (or leave it out here)"

        for key in RawEntry.CodingKeys.allCases where key.isShared && key.isAllowed(in: kind) {
            // A value already rejected on either side is reported there; comparing it would only add noise.
            guard file.doc.contains([.key(key.stringValue)]), !file.failedKeys.contains(key.stringValue),
                  !main.failedKeys.contains(key.stringValue), !Self.same(key, raw, original) else { continue }
            checks.report([.key(key.stringValue)], "'\(key.stringValue)' differs from \(main.path); \(changeThere)")
        }

        var hotspotLabels = base.hotspotLabels
        if let model = raw.model, file.doc.contains(["model"]) {
            if let originalModel = original.model {
                compareModel(model, originalModel, changeThere: changeThere, main: main, &checks)
                for (index, spot) in (model.hotspots ?? []).enumerated() where index < hotspotLabels.count {
                    if let label = FieldChecks.nonEmpty(spot.label) { hotspotLabels[index] = label }
                }
            } else if !main.failedKeys.contains("model") {
                checks.report(["model"], "'model' is set here but not in \(main.path); the model is the same in every language, so add it there")
            }
        }
        problems += checks.errors

        let body = file.body.trimmingCharacters(in: .whitespacesAndNewlines)
        return Translation(
            title: FieldChecks.nonEmpty(raw.title) ?? base.title,
            summary: FieldChecks.nonEmpty(raw.summary) ?? base.summary,
            // An empty body means "not translated yet": show the default text rather than nothing.
            bodyHTML: body.isEmpty ? base.bodyHTML : Markdown.html(file.body),
            address: FieldChecks.nonEmpty(raw.address) ?? base.address,
            opening: FieldChecks.nonEmpty(raw.opening) ?? base.opening,
            tags: raw.tags ?? base.tags,
            modelAlt: FieldChecks.nonEmpty(raw.model?.alt) ?? base.modelAlt,
            hotspotLabels: hotspotLabels)
    }

    private static func same(_ key: RawEntry.CodingKeys, _ a: RawEntry, _ b: RawEntry) -> Bool {
        switch key {
        case .photos: return a.photos == b.photos
        case .location: return a.location == b.location
        case .producer: return a.producer == b.producer
        case .ocop: return a.ocop == b.ocop
        case .price: return a.price == b.price
        case .unit: return a.unit == b.unit
        case .traceability: return a.traceability == b.traceability
        case .marketplaces: return a.marketplaces == b.marketplaces
        case .title, .summary, .address, .opening, .tags, .model: return true
        }
    }

    /// In a translation's `model:`, only `alt` and hotspot labels are its own; anything else
    /// written there must match the default file.
    private func compareModel(_ model: RawModel, _ original: RawModel, changeThere: String, main: ParsedFile,
                              _ checks: inout FieldChecks) {
        func check<T: Equatable>(_ key: String, _ mine: T?, _ theirs: T?) {
            if let mine, mine != theirs {
                let path: YAMLPath = model.writtenAsPath ? ["model"] : ["model", .key(key)]
                checks.report(path, "'\(path.dottedName)' differs from \(main.path); \(changeThere)")
            }
        }
        check("src", model.src.map(Self.normalizedPath), original.src.map(Self.normalizedPath))
        check("height", model.height, original.height)
        check("width", model.width, original.width)
        check("length", model.length, original.length)
        check("up", model.up?.lowercased(), original.up?.lowercased())
        check("cameraOrbit", model.cameraOrbit, original.cameraOrbit)
        check("maxTextureSize", model.maxTextureSize, original.maxTextureSize)
        check("compression", model.compression?.lowercased(), original.compression?.lowercased())
        check("maxTriangles", model.maxTriangles, original.maxTriangles)
        check("textureFormat", model.textureFormat?.lowercased(), original.textureFormat?.lowercased())

        guard let spots = model.hotspots else { return }
        let originalSpots = original.hotspots ?? []
        guard spots.count == originalSpots.count else {
            checks.report(["model", "hotspots"], "'model.hotspots' has \(spots.count) item(s) here but \(originalSpots.count) in \(main.path); "
                + "expected the same hotspots in the same order, each with its translated label")
            return
        }
        for (index, (spot, originalSpot)) in zip(spots, originalSpots).enumerated() {
            for (key, mine, theirs) in [("position", spot.position, originalSpot.position), ("normal", spot.normal, originalSpot.normal)]
            where mine != nil && mine != theirs {
                checks.report(["model", "hotspots", .index(index), .key(key)],
                              "'model.hotspots.\(key)' of hotspot \(index + 1) differs from \(main.path); \(changeThere)")
            }
        }
    }

    private static func normalizedPath(_ path: String) -> String {
        path.trimmingCharacters(in: .whitespaces).split(separator: "/").filter { $0 != "." }.joined(separator: "/")
    }

    // MARK: Slug

    /// The file (or folder) name when it is ASCII, else the folded title.
    private func slug(for unit: SourceUnit, title: String, file: ParsedFile, problems: inout [ContentError]) -> String? {
        let asciiName = unit.name.unicodeScalars.allSatisfy(\.isASCII)
        let slug = Slug.make(asciiName ? unit.name : title)
        if slug.isEmpty {
            let source = asciiName ? "the file name '\(unit.name)'" : "the title '\(title)'"
            problems.append(ContentError(path: file.path, message:
                "cannot make a web address from \(source): it has no Latin letters or digits; rename the file with Latin letters, like dam-cau-hai.md"))
            return nil
        }
        return slug
    }

    /// `content/places/dam-cau-hai.en.md` for the message about a badly named translation.
    private static func example(_ defaultPath: String, _ languages: [Language]) -> String {
        let language = languages.dropFirst().first ?? "en"
        return String(defaultPath.dropLast(3)) + ".\(language).md"
    }
}
