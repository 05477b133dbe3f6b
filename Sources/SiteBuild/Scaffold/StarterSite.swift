import Foundation

/// `build-site new site DIR`: a project that builds as it is — site.yml, one place, one product
/// with a small 3D model (a gift box, written here as OBJ + MTL so the starter needs no download),
/// their English translations, and a copy of the default site-templates to restyle.
public enum StarterSite {
    public enum Problem: Error, CustomStringConvertible, Equatable {
        case notEmpty(String)
        case noTemplates(String)

        public var description: String {
            switch self {
            case .notEmpty(let path):
                return "\(path) already exists and is not empty; expected a new or empty folder for the new site"
            case .noTemplates(let searched):
                return "the default site-templates were not found (looked beside \(searched)); name a templates folder with --templates"
            }
        }
    }

    /// Writes the starter project into `folder` (created; it may exist only if empty), taking
    /// the templates from `templates`. Returns the files written, relative to `folder`, sorted.
    @discardableResult
    public static func write(into folder: URL, templates: URL) throws -> [String] {
        let manager = FileManager.default
        if let existing = try? manager.contentsOfDirectory(atPath: folder.path), !existing.isEmpty {
            throw Problem.notEmpty(folder.path)
        }
        try manager.createDirectory(at: folder, withIntermediateDirectories: true)
        var written: [String] = []
        for (path, text) in files {
            let url = folder.appendingPathComponent(path)
            try manager.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try PlainFile.write(Array(text.utf8), to: url.path)
            written.append(path)
        }
        let templateFiles = FileTree.files(under: templates)
        for relative in templateFiles {
            let target = folder.appendingPathComponent("site-templates/" + relative)
            try manager.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try manager.copyItem(at: templates.appendingPathComponent(relative), to: target)
            written.append("site-templates/" + relative)
        }
        return written.sorted()
    }

    /// The default site-templates: those of the checkout this build-site was built from (the
    /// executable lives in its `.build/…`), found by walking up from the executable.
    public static func defaultTemplates(executable: URL = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()) throws -> URL {
        var folder = executable.deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("site-templates")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("layout.mustache").path),
               FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path) {
                return candidate
            }
            folder = folder.deletingLastPathComponent()
        }
        throw Problem.noTemplates(executable.path)
    }

    // MARK: - The starter's files

    static var files: [(String, String)] {
        [
            ("content/site.yml", siteYML),
            ("content/places/dinh-lang.md", placeVI),
            ("content/places/dinh-lang.en.md", placeEN),
            ("content/products/hop-qua.md", productVI),
            ("content/products/hop-qua.en.md", productEN),
            ("models/hop-qua/hop-qua.obj", GiftBox.obj),
            ("models/hop-qua/hop-qua.mtl", GiftBox.mtl),
            (".gitignore", "_site/\n.build-site-cache/\n"),
        ]
    }

    static let siteYML = """
        # Thay các dòng dưới bằng thông tin của xã. / Replace the lines below with your commune's.
        title: { vi: "Xã của chúng tôi", en: "Our commune" }
        description:
          vi: "Điểm đến và đặc sản của xã, xem mô hình 3D và đặt vào không gian thật (AR)."
          en: "Places and local products of our commune, in 3D and augmented reality (AR)."
        baseURL: https://example.vn/        # địa chỉ trang khi đưa lên mạng / the site's address once online
        languages: [vi, en]
        organization:
          name: UBND xã
          # address: xã …, huyện …, tỉnh …
          # phone: "+84 …"
          # email: lienhe@example.vn

        """

    static let placeVI = """
        ---
        title: Đình làng
        summary: Ngôi đình cổ, nơi làng tụ họp vào các dịp lễ hội.
        location: { lat: 16.2870, lon: 107.8790 }
        tags: [di tích, lễ hội]
        # Xem mọi mục có thể dùng: build-site new place "Tên địa điểm"
        ---
        Viết về lịch sử, kiến trúc và lễ hội của đình ở đây. Ảnh đặt cạnh tệp này và ghi vào `photos:`.

        """

    static let placeEN = """
        ---
        title: Communal house
        summary: The old communal house, where the village gathers for festivals.
        tags: [heritage, festival]
        ---
        Write about the communal house's history, architecture and festivals here.

        """

    static let productVI = """
        ---
        title: Hộp quà đặc sản
        summary: Hộp quà các đặc sản của xã, làm quà mang về.
        producer: Hợp tác xã
        price: 120000
        unit: hộp
        tags: [quà tặng]
        model:
          src: models/hop-qua/hop-qua.obj
          height: 0.12
          alt: Hộp quà màu đỏ buộc dây vàng
        # Xem mọi mục có thể dùng: build-site new product "Tên sản phẩm"
        ---
        Giới thiệu sản phẩm: nguyên liệu, cách làm, nơi mua. Thay mô hình bằng tệp 3D của sản phẩm thật
        (OBJ, FBX, DAE, glTF, STL, PLY, 3DS …) trong thư mục `models/`.

        """

    static let productEN = """
        ---
        title: Gift box of local products
        summary: A box of the commune's specialties to take home.
        tags: [gifts]
        model:
          alt: A red gift box tied with a gold ribbon
        ---
        About the product: what it is made of, how, and where to buy it.

        """
}

/// The starter product's model: a red box with a gold ribbon band, 30 × 12 × 20 cm, as OBJ text.
enum GiftBox {
    /// Axis-aligned boxes (min, max, material); each face has its own four corners and normal.
    private static let boxes: [(SIMD3<Double>, SIMD3<Double>, String)] = [
        (SIMD3(-0.15, 0, -0.10), SIMD3(0.15, 0.12, 0.10), "hop"),
        (SIMD3(-0.025, -0.002, -0.102), SIMD3(0.025, 0.122, 0.102), "day"),
        (SIMD3(-0.152, -0.002, -0.02), SIMD3(0.152, 0.122, 0.02), "day"),
    ]

    static var obj: String {
        var lines = ["# Hộp quà / gift box (build-site new site)", "mtllib hop-qua.mtl"]
        var vertexCount = 0
        let faces: [(normal: SIMD3<Double>, corners: [SIMD3<Double>])] = [
            (SIMD3(1, 0, 0), [SIMD3(1, 0, 0), SIMD3(1, 1, 0), SIMD3(1, 1, 1), SIMD3(1, 0, 1)]),
            (SIMD3(-1, 0, 0), [SIMD3(0, 0, 1), SIMD3(0, 1, 1), SIMD3(0, 1, 0), SIMD3(0, 0, 0)]),
            (SIMD3(0, 1, 0), [SIMD3(0, 1, 0), SIMD3(0, 1, 1), SIMD3(1, 1, 1), SIMD3(1, 1, 0)]),
            (SIMD3(0, -1, 0), [SIMD3(0, 0, 0), SIMD3(1, 0, 0), SIMD3(1, 0, 1), SIMD3(0, 0, 1)]),
            (SIMD3(0, 0, 1), [SIMD3(0, 0, 1), SIMD3(1, 0, 1), SIMD3(1, 1, 1), SIMD3(0, 1, 1)]),
            (SIMD3(0, 0, -1), [SIMD3(1, 0, 0), SIMD3(0, 0, 0), SIMD3(0, 1, 0), SIMD3(1, 1, 0)]),
        ]
        for face in faces {
            lines.append("vn \(format(face.normal.x)) \(format(face.normal.y)) \(format(face.normal.z))")
        }
        for (low, high, material) in boxes {
            lines.append("usemtl \(material)")
            for (normalIndex, face) in faces.enumerated() {
                for corner in face.corners {
                    let point = low + (high - low) * corner
                    lines.append("v \(format(point.x)) \(format(point.y)) \(format(point.z))")
                }
                let first = vertexCount + 1
                let n = normalIndex + 1
                lines.append("f \(first)//\(n) \(first + 1)//\(n) \(first + 2)//\(n) \(first + 3)//\(n)")
                vertexCount += 4
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static let mtl = """
        # Hộp quà / gift box
        newmtl hop
        Kd 0.62 0.08 0.10
        Ks 0.05 0.05 0.05
        Ns 20

        newmtl day
        Kd 0.85 0.65 0.18
        Ks 0.30 0.30 0.20
        Ns 60

        """

    private static func format(_ value: Double) -> String {
        let text = String(format: "%.4f", value)
        return text == "-0.0000" ? "0.0000" : text
    }
}
