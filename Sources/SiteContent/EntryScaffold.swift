import Foundation

/// The files `build-site new place|product|page NAME` writes: the default-language file with its
/// title set and every optional field of its kind as a commented example (CONTENT.md), and one
/// file per other language of site.yml with the fields a translation may carry, also commented.
///
/// Staff learn the format from the file itself, in their language: a `#` in front of a line is
/// the only thing to remove to use a field. Everything written passes `build-site check` as it is.
public struct EntryScaffold: Sendable {
    public struct File: Sendable, Equatable {
        /// Relative to the content folder, like "places/dam-cau-hai.md".
        public var path: String
        public var text: String
    }

    public enum Problem: Error, CustomStringConvertible, Equatable {
        case noSlug(String)
        case exists(String)

        public var description: String {
            switch self {
            case .noSlug(let name):
                return "'\(name)' gives no file name; expected a slug like dam-cau-hai or a title like \"Đầm Cầu Hai\""
            case .exists(let path):
                return "\(path) already exists; build-site new never overwrites a file (pick another name, or edit that file)"
            }
        }
    }

    public let kind: Entry.Kind
    public let slug: String
    public let title: String

    /// `name` is a slug (`dam-cau-hai`, kept as it is, and the title is made from it) or a title
    /// (`Đầm Cầu Hai`, kept as the title, and the slug is folded from it).
    public init(kind: Entry.Kind, name: String) throws(Problem) {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        let isSlug = !trimmed.isEmpty && trimmed.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
        let slug = isSlug ? trimmed : Slug.make(trimmed)
        guard !slug.isEmpty else { throw .noSlug(name) }
        self.kind = kind
        self.slug = slug
        self.title = isSlug ? Self.title(fromSlug: slug) : trimmed
    }

    /// "dam-cau-hai" → "Dam cau hai": a placeholder that reads as a title until staff write theirs.
    static func title(fromSlug slug: String) -> String {
        let words = slug.split(separator: "-").joined(separator: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// The files for a site whose languages are `languages` (the first is the default).
    public func files(languages: [Language]) -> [File] {
        let folder = kind == .place ? "places" : kind == .product ? "products" : "pages"
        guard let main = languages.first else { return [] }
        var files = [File(path: "\(folder)/\(slug).md", text: mainText(Words.for(main)))]
        for language in languages.dropFirst() {
            files.append(File(path: "\(folder)/\(slug).\(language).md", text: translationText(Words.for(language), language: language)))
        }
        return files
    }

    /// The languages of the site in `contentFolder` (site.yml's `languages:`), or the errors
    /// that stop site.yml from being read, as `build-site check` reports them.
    public static func languages(projectRoot: URL, contentFolder: URL) throws -> [Language] {
        let files = ProjectFiles(root: projectRoot, contentDirectory: contentFolder)
        var problems: [ContentError] = []
        let site = SiteConfigReader.read(contentFolder.appendingPathComponent("site.yml"), files: files, problems: &problems)
        guard let languages = site.languages, !languages.isEmpty else { throw ContentErrors(problems) }
        return languages
    }

    /// Writes `files(languages:)` into `contentFolder`, refusing (before writing anything) when
    /// any of them, or the folder form of the entry (`places/<slug>/index.md`), exists already.
    /// Returns the paths written, relative to `contentFolder`.
    public func write(into contentFolder: URL, languages: [Language]) throws -> [String] {
        let files = files(languages: languages)
        let manager = FileManager.default
        let folderForm = "\(files[0].path.dropLast(3))/index.md"
        for path in files.map(\.path) + [folderForm] where manager.fileExists(atPath: contentFolder.appendingPathComponent(path).path) {
            throw Problem.exists(contentFolder.appendingPathComponent(path).path)
        }
        for file in files {
            let url = contentFolder.appendingPathComponent(file.path)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            // withoutOverwriting: a file that appeared since the check above is still not replaced.
            try Data(file.text.utf8).write(to: url, options: .withoutOverwriting)
        }
        return files.map(\.path)
    }

    // MARK: - Text

    private func mainText(_ w: Words) -> String {
        var lines = ["---", "title: \(Self.yamlText(title))", "# \(w.howTo)", "# summary: \(w.summary)"]
        lines += [
            "# address: \(w.address)",
            commented("opening: \"05:00–19:00\"", w.opening),
            commented("location: { lat: 16.2870, lon: 107.8790 }", w.location),
            "# tags: [\(w.tags)]",
            commented("photos: [anh-1.jpg, anh-2.jpg]", w.photos),
        ]
        if kind == .product { lines += productLines(w) }
        lines += modelLines(w)
        lines += ["---", w.body(title), ""]
        return lines.joined(separator: "\n")
    }

    private func productLines(_ w: Words) -> [String] {
        [
            "# producer: \(w.producer)",
            commented("ocop: 4", w.ocop),
            commented("price: 65000", w.price),
            "# unit: kg",
            commented("traceability:", w.traceability),
            "#   origin: \(w.origin)",
            "#   batch: DL-2026-05",
            commented("  harvested: 2026-05-12", w.harvested),
            "#   certifications: [VietGAP]",
            commented("marketplaces:", w.marketplaces),
            "#   - { name: Postmart, url: https://postmart.vn/... }",
        ]
    }

    private func modelLines(_ w: Words) -> [String] {
        [
            commented("model:", w.model),
            commented("  src: models/\(slug)/\(slug).glb", w.src),
            commented("  height: 1.2", w.height),
            commented("  up: y", w.up),
            "#   alt: \(w.alt)",
            commented("  cameraOrbit: \"30deg 68deg 105%\"", w.cameraOrbit),
            commented("  hotspots:", w.hotspots),
            "#     - { position: [0, 0.5, 0.2], label: \(w.hotspotLabel) }",
            commented("  maxTextureSize: 2048", w.overrides),
            commented("  compression: meshopt", "meshopt | quantize | none"),
            commented("  textureFormat: webp", "webp | jpeg"),
            "#   maxTriangles: 100000",
        ]
    }

    private func translationText(_ w: Words, language: Language) -> String {
        var lines = ["---", "# \(w.translationNote(slug: slug))", "# title: \(Self.yamlText(title))", "# summary: \(w.summary)"]
        lines += ["# address: \(w.address)", "# opening: \"05:00–19:00\"", "# tags: [\(w.tags)]"]
        lines += [
            commented("model:", w.modelWords(slug: slug)),
            "#   alt: \(w.alt)",
            commented("  hotspots:", w.hotspotsInOrder),
            "#     - { label: \(w.hotspotLabel) }",
            // No body: an empty one means "not translated yet", and the default text shows.
            "---",
            "",
        ]
        return lines.joined(separator: "\n")
    }

    /// `# key: value` with its explanation aligned in a column.
    private func commented(_ field: String, _ note: String) -> String {
        let line = "# \(field)"
        return line + String(repeating: " ", count: max(1, 48 - line.count)) + "# \(note)"
    }

    /// A title as a YAML scalar: quoted when YAML would read it as something else.
    static func yamlText(_ text: String) -> String {
        let special = ":#{}[],&*!|>'\"%@`"
        let needsQuotes = text.first.map { special.contains($0) || $0 == "-" || $0 == "?" || $0 == " " } ?? true
            || text.contains(": ") || text.contains(" #") || text.last == " "
            || ["yes", "no", "true", "false", "on", "off", "null", "~"].contains(text.lowercased())
            || Double(text) != nil
        guard needsQuotes else { return text }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}

/// The examples and explanations, per language; languages without their own use English.
struct Words {
    var howTo, summary, address, opening, location, tags, photos: String
    var producer, ocop, price, origin, traceability, harvested, marketplaces: String
    var model, src, height, up, alt, cameraOrbit, hotspots, hotspotLabel, overrides: String
    var hotspotsInOrder: String
    var bodyTemplate: String
    var translationTemplate: String
    var modelWordsTemplate: String

    func body(_ title: String) -> String { bodyTemplate.replacingOccurrences(of: "{title}", with: title) }
    func translationNote(slug: String) -> String { translationTemplate.replacingOccurrences(of: "{slug}", with: slug) }
    func modelWords(slug: String) -> String { modelWordsTemplate.replacingOccurrences(of: "{slug}", with: slug) }

    static func `for`(_ language: Language) -> Words { language == "vi" ? vi : en }

    static let vi = Words(
        howTo: "Xoá dấu # ở đầu một dòng để dùng mục đó; mục không cần thì để nguyên.",
        summary: "Một câu giới thiệu ngắn, hiện trên thẻ và khi chia sẻ.",
        address: "Thôn Phụng Chánh 1, xã Vinh Hưng",
        opening: "giờ mở cửa",
        location: "vĩ độ, kinh độ (số thập phân, dấu chấm)",
        tags: "sinh thái, đầm phá",
        photos: "ảnh đặt cạnh tệp này",
        producer: "HTX Nông nghiệp Vinh Hưng",
        ocop: "số sao OCOP, 3–5 (bỏ trống = chưa xếp hạng)",
        price: "giá bằng đồng, số nguyên viết liền",
        origin: "Thôn Lương Viên, xã Vinh Hưng",
        traceability: "truy xuất nguồn gốc",
        harvested: "ngày thu hoạch, NĂM-THÁNG-NGÀY",
        marketplaces: "nơi bán trực tuyến (địa chỉ https://)",
        model: "mô hình 3D; không có = trang không có 3D",
        src: "tính từ thư mục dự án: OBJ, FBX, DAE, glTF, STL, PLY, 3DS …",
        height: "chiều cao thật, mét (hoặc width: / length:)",
        up: "y | z: trục hướng lên, khi tệp bị sai",
        alt: "Mô tả mô hình cho người không nhìn thấy",
        cameraOrbit: "góc nhìn đầu tiên và của ảnh poster",
        hotspots: "các điểm có nhãn trên mô hình",
        hotspotLabel: "Mũi thuyền",
        overrides: "ghi đè mục models: của site.yml",
        hotspotsInOrder: "nhãn dịch, cùng thứ tự như trong tệp chính",
        bodyTemplate: "Viết phần giới thiệu về {title} ở đây (Markdown: **đậm**, *nghiêng*, danh sách, bảng).",
        translationTemplate: "Bản dịch của {slug}.md. Ảnh, vị trí, giá và tệp mô hình đặt ở tệp đó, dùng chung cho mọi ngôn ngữ.",
        modelWordsTemplate: "chỉ phần chữ; tệp mô hình đặt trong {slug}.md")

    static let en = Words(
        howTo: "Remove the # at the start of a line to use that field; leave the others as they are.",
        summary: "One short line, shown on cards and when the page is shared.",
        address: "Phung Chanh 1 hamlet, Vinh Hung commune",
        opening: "opening hours",
        location: "latitude, longitude (decimal degrees, with a dot)",
        tags: "ecotourism, lagoon",
        photos: "images beside this file",
        producer: "Vinh Hung Agricultural Cooperative",
        ocop: "OCOP stars, 3–5 (absent = not rated)",
        price: "price in đồng, a whole number without dots",
        origin: "Luong Vien hamlet, Vinh Hung commune",
        traceability: "where and when it was made",
        harvested: "harvest date, YEAR-MONTH-DAY",
        marketplaces: "online shops (https:// addresses)",
        model: "3D model; absent = a page without 3D",
        src: "from the project folder: OBJ, FBX, DAE, glTF, STL, PLY, 3DS …",
        height: "real height in metres (or width: / length:)",
        up: "y | z: the axis pointing up, when the file is wrong",
        alt: "What the model shows, for people who cannot see it",
        cameraOrbit: "the first view, also the poster's",
        hotspots: "labelled points on the model",
        hotspotLabel: "Bow",
        overrides: "overrides site.yml's models: settings",
        hotspotsInOrder: "translated labels, in the same order as in the main file",
        bodyTemplate: "Write about {title} here (Markdown: **bold**, *italic*, lists, tables).",
        translationTemplate: "Translation of {slug}.md. Photos, location, prices and the model file are set there, for every language.",
        modelWordsTemplate: "only the words; the model file is set in {slug}.md")
}
