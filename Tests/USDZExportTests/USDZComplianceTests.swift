import Foundation
import SceneImport
import SceneModel
import ScenePasses
import TestSupport
import XCTest
@testable import USDZExport

/// The acceptance check: every package passes usdz-check with 0 errors and 0 failed checks, and
/// its points (through the xforms, read back from the Crate bytes) fill the Scene's bounds.
final class USDZComplianceTests: XCTestCase {
    func testCubePassesUSDZCheck() throws {
        let temp = try TemporaryDirectory("usdz-cube")
        defer { temp.remove() }
        for (name, scene) in [("plain", SceneFixtures.cubeScene()),
                              ("textured", SceneFixtures.cubeScene(image: Image(name: "tex", format: .png, data: USDZPackageTests.pngBytes)))] {
            let file = temp.url.appendingPathComponent("\(name).usdz")
            try Data(USDZWriter.usdz(scene)).write(to: file)
            let outcome = try USDZCheck.run(file)
            XCTAssertTrue(outcome.passed, "\(name): \(outcome.output)")
            XCTAssertTrue(outcome.output.contains("errors=0 failedChecks=0"), outcome.output)
        }
    }

    func testEveryGoodCorpusModelPassesUSDZCheckAndKeepsItsBounds() throws {
        guard let corpus = Corpus.locate() else { throw XCTSkip(Corpus.missingMessage) }
        XCTAssertGreaterThanOrEqual(corpus.good.count, 40, "the manifest lists the intact models")
        try checkModels(corpus.good.map { ($0.path, $0.url) }, label: "corpus")
    }

    /// The example commune's models (models/*/), as the site build converts them.
    func testEveryExampleModelPassesUSDZCheck() throws {
        let models = PackagePaths.root.appendingPathComponent("models")
        let folders = (try? FileManager.default.contentsOfDirectory(at: models, includingPropertiesForKeys: nil)) ?? []
        let extensions: Set<String> = ["obj", "ply", "stl", "dae", "fbx", "glb", "gltf", "3ds"]
        var files: [(String, URL)] = []
        for folder in folders.sorted(by: { $0.path < $1.path }) {
            for file in ((try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)) ?? [])
                .sorted(by: { $0.path < $1.path }) where extensions.contains(file.pathExtension.lowercased()) {
                files.append((folder.lastPathComponent + "/" + file.lastPathComponent, file))
            }
        }
        XCTAssertFalse(files.isEmpty, "models/ holds the example commune's models")
        try checkModels(files, label: "example")
    }

    /// Import, optimize as the site build does, write, check layout and bounds here, then run
    /// usdz-check on all packages (a few Python processes at once).
    private func checkModels(_ models: [(path: String, url: URL)], label: String) throws {
        let temp = try TemporaryDirectory("usdz-\(label)")
        defer { temp.remove() }
        // USDZ_KEEP_DIR keeps the packages for a look in usdview or Quick Look.
        let keep = ProcessInfo.processInfo.environment["USDZ_KEEP_DIR"].map { URL(fileURLWithPath: $0) }
        var files: [(path: String, url: URL)] = []
        var largest = (size: 0, path: "")
        for (index, model) in models.enumerated() {
            var scene: Scene
            do { scene = try SceneImporter.importFile(at: model.url).scene } catch {
                XCTFail("\(model.path) should import: \(error)")
                continue
            }
            try ScenePasses.optimize(&scene, .default)
            let bytes = try USDZWriter.usdz(scene)
            if bytes.count > largest.size { largest = (bytes.count, model.path) }

            let zip = try ZipReader(bytes)
            XCTAssertEqual(zip.entries.first?.name, "model.usdc", model.path)
            XCTAssertTrue(zip.entries.allSatisfy { $0.dataOffset % 64 == 0 && $0.method == 0 }, model.path)
            let crate = try CrateReader(zip.entries[0].data)
            assertBounds(crate, scene.bounds, model.path)

            let url = (keep ?? temp.url).appendingPathComponent("\(label)-\(index)-\(model.url.deletingPathExtension().lastPathComponent).usdz")
            try Data(bytes).write(to: url)
            files.append((model.path, url))
        }
        let urls = files.map(\.url)
        let outcomes = UnsafeOutcomes(count: urls.count)
        DispatchQueue.concurrentPerform(iterations: urls.count) { i in
            outcomes.set(i, Result { try USDZCheck.run(urls[i]) })
        }
        var passed = 0
        for (i, file) in files.enumerated() {
            let outcome = try outcomes.get(i).get()
            XCTAssertTrue(outcome.passed, "\(file.path): \(outcome.output)")
            if outcome.passed { passed += 1 }
        }
        print("usdz-check: \(passed)/\(files.count) \(label) models pass; largest .usdz \(largest.size) bytes (\(largest.path))")
    }

    private func assertBounds(_ crate: CrateReader, _ expected: Bounds, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let got = crate.worldPointBounds() else { return XCTFail("\(label): no points", file: file, line: line) }
        let size = Double(max(expected.size.x, expected.size.y, expected.size.z))
        let tolerance = max(size * 0.01, 1e-6)
        for axis in 0..<3 {
            XCTAssertEqual(got.min[axis], Double(expected.min[axis]), accuracy: tolerance, "\(label): min[\(axis)]", file: file, line: line)
            XCTAssertEqual(got.max[axis], Double(expected.max[axis]), accuracy: tolerance, "\(label): max[\(axis)]", file: file, line: line)
        }
    }
}

/// Results written from `concurrentPerform`, one slot per index.
private final class UnsafeOutcomes: @unchecked Sendable {
    private var slots: [Result<USDZCheck.Outcome, Error>?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ r: Result<USDZCheck.Outcome, Error>) { lock.withLock { slots[i] = r } }
    func get(_ i: Int) -> Result<USDZCheck.Outcome, Error> { lock.withLock { slots[i]! } }
}
