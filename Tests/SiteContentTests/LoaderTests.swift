import XCTest
import SceneModel
@testable import SiteContent

/// A whole, valid project: what comes out, and how translations inherit.
final class LoaderTests: XCTestCase {
    private func goodProject() throws -> Fixture {
        let f = try Fixture()
        try f.write("models/thuyen/thuyen.obj", "v 0 0 0\n")
        try f.write("models/dua-luoi/dua-luoi.obj", "v 0 0 0\n")
        try f.write("content/places/dam-cau-hai/hoang-hon.jpg", Data([0xFF, 0xD8]))
        try f.write("content/places/dam-cau-hai/index.md", """
            ---
            title: Đầm Cầu Hai
            summary: Phá nước lợ lớn nhất Thừa Thiên Huế.
            location: { lat: 16.2870, lon: 107.8790 }
            address: Thôn Phụng Chánh 1, xã Vinh Hưng
            tags: [sinh thái, đầm phá]
            photos: [hoang-hon.jpg]
            model:
              src: ./models/thuyen//thuyen.obj
              height: 1.2
              up: z
              alt: Thuyền nan đan tre
              maxTriangles: 50000
              compression: none
              textureFormat: JPEG
              hotspots:
                - { position: [0, 0.5, 0.2], label: Mũi thuyền }
                - { position: [0, 0.1, -0.2], normal: [0, 1, 0], label: Đuôi thuyền }
            opening: "05:00–19:00"
            ---
            | Giờ | Hoạt động |
            |---|---|
            | 05:00 | Bình minh |
            """)
        try f.write("content/places/dam-cau-hai/index.en.md", """
            ---
            title: Cau Hai Lagoon
            model:
              alt: Bamboo basket boat
              hotspots:
                - { label: Bow }
                - {}
            ---

            """)
        try f.write("content/products/dua-luoi.md", """
            ---
            title: Dưa lưới Vinh Hưng
            summary: Dưa lưới trồng nhà màng.
            producer: HTX Nông nghiệp Vinh Hưng
            ocop: 4
            price: 65000
            unit: kg
            model: models/dua-luoi/dua-luoi.obj
            traceability:
              origin: Thôn Lương Viên
              batch: DL-2026-05
              harvested: 2026-05-12
              certifications: [VietGAP]
            marketplaces:
              - { name: Postmart, url: "https://postmart.vn/dua-luoi" }
            ---
            Ngọt thanh.
            """)
        try f.write("content/products/dua-luoi.en.md", """
            ---
            title: Vinh Hung melon
            price: 65000
            ---
            Sweet.
            """)
        // A file name that is not ASCII, written in NFD as a Mac would: the slug comes from the title.
        try f.write("content/pages/\("Liên hệ".decomposedStringWithCanonicalMapping).md", """
            ---
            title: Liên hệ
            ---
            Gọi cho chúng tôi.
            """)
        try f.write("content/pages/about.md", "---\ntitle: Giới thiệu\n---\n")
        return f
    }

    func testLoadsAValidProject() throws {
        let f = try goodProject()
        let site = try f.load()

        XCTAssertEqual(site.config.languages, ["vi", "en"])
        XCTAssertEqual(site.config.baseURL.absoluteString, "https://vinhhung.example.vn/")
        XCTAssertEqual(site.config.title.text("en", fallback: "vi"), "Vinh Hung – Smart Village")
        XCTAssertEqual(site.config.models, ModelDefaults(maxTextureSize: 2048, compression: .meshopt))

        XCTAssertEqual(site.places.map(\.slug), ["dam-cau-hai"])
        XCTAssertEqual(site.products.map(\.slug), ["dua-luoi"])
        XCTAssertEqual(site.pages.map(\.slug), ["about", "lien-he"])

        let place = try XCTUnwrap(site.places.first)
        XCTAssertEqual(place.kind, .place)
        XCTAssertEqual(place.sourcePath, "content/places/dam-cau-hai/index.md")
        XCTAssertEqual(place.photos, ["content/places/dam-cau-hai/hoang-hon.jpg"])
        XCTAssertEqual(place.location, GeoPoint(lat: 16.2870, lon: 107.8790))
        let model = try XCTUnwrap(place.model)
        XCTAssertEqual(model.src, "models/thuyen/thuyen.obj")
        XCTAssertEqual(model.height, 1.2)
        XCTAssertEqual(model.up, .z)
        XCTAssertEqual(model.options, ModelDefaults(compression: GeometryCompression.none, maxTriangles: 50000, textureFormat: .jpeg))
        XCTAssertEqual(model.hotspots, [
            .init(position: SIMD3(0, 0.5, 0.2)),
            .init(position: SIMD3(0, 0.1, -0.2), normal: SIMD3(0, 1, 0)),
        ])

        let vi = try XCTUnwrap(place.translations["vi"])
        XCTAssertEqual(vi.title, "Đầm Cầu Hai")
        XCTAssertEqual(vi.tags, ["sinh thái", "đầm phá"])
        XCTAssertEqual(vi.opening, "05:00–19:00")
        XCTAssertEqual(vi.modelAlt, "Thuyền nan đan tre")
        XCTAssertEqual(vi.hotspotLabels, ["Mũi thuyền", "Đuôi thuyền"])
        XCTAssertTrue(vi.bodyHTML.contains("<table>"), vi.bodyHTML)

        let page = try XCTUnwrap(site.pages.last)
        XCTAssertEqual(page.translations["vi"]?.title, "Liên hệ")
        XCTAssertEqual(page.translations.keys.sorted(), ["vi"], "no English file, so no English page")
        XCTAssertEqual(site.modelReferences.map(\.src), ["models/dua-luoi/dua-luoi.obj", "models/thuyen/thuyen.obj"])
    }

    func testTranslationInheritsWhatItLeavesOut() throws {
        let f = try goodProject()
        let site = try f.load()
        let place = try XCTUnwrap(site.places.first)
        let vi = try XCTUnwrap(place.translations["vi"])
        let en = try XCTUnwrap(place.translations["en"])

        XCTAssertEqual(en.title, "Cau Hai Lagoon")
        XCTAssertEqual(en.summary, vi.summary)
        XCTAssertEqual(en.address, vi.address)
        XCTAssertEqual(en.tags, vi.tags)
        XCTAssertEqual(en.bodyHTML, vi.bodyHTML, "an empty translated body falls back to the default text")
        XCTAssertEqual(en.modelAlt, "Bamboo basket boat")
        XCTAssertEqual(en.hotspotLabels, ["Bow", "Đuôi thuyền"])

        let product = try XCTUnwrap(site.products.first)
        XCTAssertEqual(product.translations["en"]?.title, "Vinh Hung melon")
        XCTAssertEqual(product.translations["en"]?.bodyHTML, "<p>Sweet.</p>\n")
        XCTAssertEqual(product.product, ProductFacts(
            producer: "HTX Nông nghiệp Vinh Hưng", ocop: 4, price: 65000, unit: "kg",
            traceability: .init(origin: "Thôn Lương Viên", batch: "DL-2026-05", harvested: "2026-05-12", certifications: ["VietGAP"]),
            marketplaces: [.init(name: "Postmart", url: "https://postmart.vn/dua-luoi")]))
        XCTAssertEqual(product.model?.src, "models/dua-luoi/dua-luoi.obj")
    }

    func testLoadingIsDeterministic() throws {
        let f = try goodProject()
        XCTAssertEqual(try f.load(), try f.load())
    }

    func testCustomContentDirectory() throws {
        let f = try goodProject()
        try FileManager.default.moveItem(at: f.url("content"), to: f.url("inhalt"))
        let site = try ContentLoader.load(projectRoot: f.root, contentDirectory: f.url("inhalt"))
        XCTAssertEqual(site.places.first?.sourcePath, "inhalt/places/dam-cau-hai/index.md")
        XCTAssertThrowsError(try f.load()) { error in
            XCTAssertEqual((error as? ContentErrors)?.errors.first?.path, "content")
        }
    }
}
