import Foundation
import Imaging
import SceneImport
import SiteBuild
import TestSupport
import XCTest

/// The model cache (`ModelCache`): a rebuild takes unchanged models from it without starting a
/// worker, and anything a model depends on — its source, its .mtl, its textures, a texture that
/// was missing, its settings — converts it again. Damaged entries are rebuilt, unused ones pruned.
final class ModelCacheTests: XCTestCase {
    var project: FixtureProject!
    var cache: URL { project.root.appendingPathComponent(".build-site-cache") }

    override func setUpWithError() throws {
        project = try FixtureProject()
        try project.copyExampleModel("gio-tre")
        try project.addPlace("gio", model: "models/gio-tre/gio-tre.obj")
    }

    override func tearDown() { project?.remove() }

    func build(cache: URL? = nil, output: URL? = nil) throws -> SiteBuilder.Summary {
        try project.builder(output: output, cache: cache ?? self.cache).build()
    }

    /// Every file of the output, by path.
    func snapshot(_ folder: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for path in SiteFiles.files(under: folder) { files[path] = try Data(contentsOf: folder.appendingPathComponent(path)) }
        return files
    }

    var entries: [String] { (try? FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent("models").path)) ?? [] }

    func testARebuildTakesTheModelFromTheCacheAndWritesTheSameBytes() throws {
        let first = try build()
        XCTAssertEqual(first.cachedModels, 0)
        XCTAssertEqual(entries.count, 1)
        let converted = try snapshot(project.output)
        let second = try build()
        XCTAssertEqual(second.cachedModels, 1, "nothing changed: no worker should run")
        XCTAssertTrue(second.models.allSatisfy(\.cached))
        XCTAssertEqual(try snapshot(project.output), converted, "cached and converted builds are byte-identical")
        // And without the cache at all.
        let uncached = project.root.appendingPathComponent("uncached")
        let third = try project.builder(output: uncached, cache: nil).build()
        XCTAssertEqual(third.cachedModels, 0)
        XCTAssertEqual(try snapshot(uncached), converted)
    }

    func testEditingATextureOrTheMTLConvertsAgain() throws {
        _ = try build()
        let texture = project.root.appendingPathComponent("models/gio-tre/gio-tre-nan.png")
        var image = try PNGCodec.decode([UInt8](try Data(contentsOf: texture)))
        image.pixels[0] = image.pixels[0] &+ 40
        try Data(try PNGCodec.encode(image)).write(to: texture)
        XCTAssertEqual(try build().cachedModels, 0, "a texture the model reads changed")
        XCTAssertEqual(try build().cachedModels, 1)

        let mtl = project.root.appendingPathComponent("models/gio-tre/gio-tre.mtl")
        let text = try String(contentsOf: mtl, encoding: .utf8)
        try text.replacingOccurrences(of: "Kd 0.6431 0.4784 0.2588", with: "Kd 0.5 0.4 0.2").write(to: mtl, atomically: true, encoding: .utf8)
        XCTAssertEqual(try build().cachedModels, 0, "the .mtl changed")
        XCTAssertEqual(entries.count, 1, "the earlier version's entry is pruned")
    }

    func testATextureThatWasMissingAndThenAppearsConvertsAgain() throws {
        let texture = project.root.appendingPathComponent("models/gio-tre/gio-tre-nan.png")
        let saved = project.root.appendingPathComponent("saved.png")
        try FileManager.default.moveItem(at: texture, to: saved)
        let first = try build()
        XCTAssertTrue(first.warnings.contains { $0.contains("gio-tre-nan.png") }, "the missing texture is reported: \(first.warnings)")
        XCTAssertEqual(try build().cachedModels, 1)
        try FileManager.default.moveItem(at: saved, to: texture)
        XCTAssertEqual(try build().cachedModels, 0, "the texture is there now")
    }

    func testChangingSettingsIsANewKey() throws {
        _ = try build()
        let siteYAML = project.root.appendingPathComponent("content/site.yml")
        let yaml = try String(contentsOf: siteYAML, encoding: .utf8)
        try (yaml + "\nmodels:\n  maxTextureSize: 256\n").write(to: siteYAML, atomically: true, encoding: .utf8)
        let summary = try build()
        XCTAssertEqual(summary.cachedModels, 0)
        XCTAssertGreaterThanOrEqual(summary.prunedCacheEntries, 1)
        XCTAssertEqual(entries.count, 1, "the entry of the old settings is pruned")
    }

    func testADamagedEntryIsConvertedAgainAndNeverPublished() throws {
        _ = try build()
        let converted = try snapshot(project.output)
        let entry = cache.appendingPathComponent("models").appendingPathComponent(try XCTUnwrap(entries.first))
        let glb = entry.appendingPathComponent("model.glb")
        let bytes = try Data(contentsOf: glb)
        try bytes.prefix(bytes.count / 2).write(to: glb)  // truncated
        let summary = try build()
        XCTAssertEqual(summary.cachedModels, 0, "the truncated entry must not be used")
        XCTAssertEqual(try snapshot(project.output), converted)
        XCTAssertEqual(try build().cachedModels, 1, "the entry was written anew")

        try Data("{ not json".utf8).write(to: cache.appendingPathComponent("models/\(entries[0])/entry.json"))
        XCTAssertEqual(try build().cachedModels, 0)
        XCTAssertEqual(try snapshot(project.output), converted)
    }

    func testEntriesNothingUsesArePruned() throws {
        _ = try build()
        XCTAssertEqual(entries.count, 1)
        try FileManager.default.removeItem(at: project.root.appendingPathComponent("content/places"))
        try project.addPlace("plain", model: nil)
        let summary = try build()
        XCTAssertGreaterThanOrEqual(summary.prunedCacheEntries, 1)
        XCTAssertEqual(entries, [])
        XCTAssertEqual(imageEntries, [], "its poster, thumbnails and cards go too")
    }

    var imageEntries: Set<String> {
        Set(((try? FileManager.default.contentsOfDirectory(atPath: cache.appendingPathComponent("images").path)) ?? []))
    }

    /// Posters, thumbnails and sharing cards are cached too: editing an entry's title keeps the
    /// model and its poster images and redraws only that language's card.
    func testATitleEditRedrawsOnlyItsSharingCard() throws {
        _ = try build()
        let before = imageEntries
        XCTAssertEqual(before.count, 1 + 2 + 2, "one poster set, a card per language for the entry and for the site")
        let page = project.root.appendingPathComponent("content/places/gio.md")
        let text = try String(contentsOf: page, encoding: .utf8)
        try text.replacingOccurrences(of: "title: Nơi gio", with: "title: Giỏ tre").write(to: page, atomically: true, encoding: .utf8)
        let summary = try build()
        XCTAssertEqual(summary.cachedModels, 1)
        let after = imageEntries
        XCTAssertEqual(before.subtracting(after).count, 1, "the old Vietnamese card is pruned")
        XCTAssertEqual(after.subtracting(before).count, 1, "one new card is drawn")
    }

    func testNoCacheWritesNoCache() throws {
        let summary = try project.builder(cache: nil).build()
        XCTAssertEqual(summary.cachedModels, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: cache.path))
    }
}

extension ModelCacheTests {
    /// What the cache keys a model by: the import reports the .obj, the .mtl assimp opened and
    /// the texture our loader read, and a texture that is not there.
    func testTheImportReportsEveryFileItReadAndWhatWasMissing() throws {
        let model = project.root.appendingPathComponent("models/gio-tre/gio-tre.obj")
        let result = try SceneImporter.importFile(at: model)
        XCTAssertEqual(result.filesRead.map { URL(fileURLWithPath: $0).lastPathComponent }, ["gio-tre.obj", "gio-tre.mtl", "gio-tre-nan.png"])
        try FileManager.default.removeItem(at: project.root.appendingPathComponent("models/gio-tre/gio-tre-nan.png"))
        let without = try SceneImporter.importFile(at: model)
        XCTAssertFalse(without.filesRead.contains { $0.hasSuffix("gio-tre-nan.png") })
        XCTAssertTrue(without.filesMissing.contains { $0.hasSuffix("models/gio-tre/gio-tre-nan.png") }, "\(without.filesMissing)")
    }
}
