import SceneModel
import XCTest
@testable import SiteContent

/// `sharing:` in site.yml and `model.cameraOrbit` in front matter.
final class SharingAndCameraTests: XCTestCase {
    func testSharingDefaultsWhenAbsent() throws {
        let f = try Fixture(site: "title: Vinh Hưng\nbaseURL: https://x.example/\nlanguages: [vi]\n")
        XCTAssertEqual(try f.load().config.sharing, SharingConfig())
    }

    func testSharingColoursAndFont() throws {
        let f = try Fixture(site: """
            title: Vinh Hưng
            baseURL: https://x.example/
            languages: [vi]
            sharing: { background: "#FED", textColor: "#102030", font: fonts/Title.ttf }
            """)
        try f.write("fonts/Title.ttf", "not checked here, only that it exists")
        let sharing = try f.load().config.sharing
        XCTAssertEqual(sharing.background, RGBColor(red: 0xFF, green: 0xEE, blue: 0xDD))
        XCTAssertEqual(sharing.textColor.hex, "#102030")
        XCTAssertEqual(sharing.font, "fonts/Title.ttf")
    }

    func testSharingMistakesNameTheLine() throws {
        let f = try Fixture(site: """
            title: Vinh Hưng
            baseURL: https://x.example/
            languages: [vi]
            sharing:
              background: purple
              font: ../outside.ttf
            """)
        let errors = f.errors().map(\.description)
        XCTAssertEqual(errors, [
            "content/site.yml:5: 'sharing.background' must be a colour like \"#f6f1e7\" (in quotes: # starts a comment in YAML), got \"purple\"",
            "content/site.yml:6: 'sharing.font' \"../outside.ttf\" must not contain '..': a font file must be inside the project folder, like site-templates/fonts/Title.ttf",
        ], errors.joined(separator: "\n"))
    }

    func testMissingFontFile() throws {
        let f = try Fixture(site: "title: V\nbaseURL: https://x.example/\nlanguages: [vi]\nsharing: { font: fonts/None.ttf }\n")
        let errors = f.errors().map(\.description)
        XCTAssertEqual(errors.count, 1, errors.joined(separator: "\n"))
        XCTAssertTrue(errors[0].hasPrefix("content/site.yml:4: 'sharing.font' 'fonts/None.ttf' was not found"), errors[0])
    }

    func testHexColours() {
        XCTAssertEqual(RGBColor(hex: "#f7f2e8"), RGBColor(red: 0xF7, green: 0xF2, blue: 0xE8))
        XCTAssertEqual(RGBColor(hex: "#abc")?.hex, "#aabbcc")
        for bad in ["f7f2e8", "#f7f2e", "#ggg", "#f7f2e8ff", ""] { XCTAssertNil(RGBColor(hex: bad), bad) }
    }

    func testCameraOrbitIsRead() throws {
        let f = try Fixture()
        try f.write("models/x.obj", "v 0 0 0\n")
        try f.write("content/places/p.md", "---\ntitle: P\nmodel: { src: models/x.obj, cameraOrbit: \"-20deg 80deg 2.5m\" }\n---\n")
        let model = try XCTUnwrap(try f.load().places.first?.model)
        let orbit = try XCTUnwrap(model.cameraOrbit)
        XCTAssertEqual(orbit.theta, -20 * .pi / 180, accuracy: 1e-6)
        XCTAssertEqual(orbit.phi, 80 * .pi / 180, accuracy: 1e-6)
        XCTAssertEqual(orbit.radius, .absolute(2.5))
        XCTAssertEqual(orbit.attributeValue, "-20deg 80deg 2.5m")
    }

    func testBadCameraOrbitNamesTheLine() throws {
        let f = try Fixture()
        try f.write("models/x.obj", "v 0 0 0\n")
        try f.write("content/places/p.md", "---\ntitle: P\nmodel:\n  src: models/x.obj\n  cameraOrbit: 30deg sideways\n---\n")
        let errors = f.errors().map(\.description)
        XCTAssertEqual(errors.count, 1, errors.joined(separator: "\n"))
        XCTAssertTrue(errors[0].hasPrefix("content/places/p.md:5: 'model.cameraOrbit' is not valid: camera-orbit \"30deg sideways\": \"sideways\" is not an angle"),
                      errors[0])
    }

    func testTranslationCannotMoveTheCamera() throws {
        let f = try Fixture(site: "title: V\nbaseURL: https://x.example/\nlanguages: [vi, en]\n")
        try f.write("models/x.obj", "v 0 0 0\n")
        try f.write("content/places/p.md", "---\ntitle: P\nmodel: { src: models/x.obj, cameraOrbit: 0deg 75deg 105% }\n---\n")
        try f.write("content/places/p.en.md", "---\ntitle: P\nmodel: { cameraOrbit: 90deg 75deg 105% }\n---\n")
        let errors = f.errors().map(\.description)
        XCTAssertEqual(errors.count, 1, errors.joined(separator: "\n"))
        XCTAssertTrue(errors[0].hasPrefix("content/places/p.en.md:3: 'model.cameraOrbit' differs from content/places/p.md"), errors[0])
    }
}

final class MapConfigTests: XCTestCase {
    func testMapSettingsAreCheckedWithTheirLines() throws {
        let f = try Fixture(site: """
            title: V
            baseURL: https://x.example/
            languages: [vi]
            map:
              script: leaflet.js
              tiles: http://tiles.example/{z}/{x}.png
              attribution: © OSM
            """)
        let errors = f.errors().map(\.description)
        XCTAssertEqual(errors.count, 1, errors.joined(separator: "\n"))
        XCTAssertTrue(errors[0].hasPrefix("content/site.yml:6: 'map.tiles' must be a tile address with {z}, {x} and {y}"), errors[0])
    }

    func testDefaultsAreOpenStreetMapAndPinnedLeaflet() throws {
        let f = try Fixture(site: "title: V\nbaseURL: https://x.example/\nlanguages: [vi]\n")
        let map = try f.load().config.map
        XCTAssertEqual(map, MapConfig())
        XCTAssertTrue(map.script.contains("leaflet@1.9.4"))
    }
}
