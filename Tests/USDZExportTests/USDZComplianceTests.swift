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
        let temp = try TemporaryDirectory("usdz-corpus")
        defer { temp.remove() }
        var files: [(path: String, url: URL)] = []
        var largest = (size: 0, path: "")
        for (index, entry) in corpus.good.enumerated() {
            var scene: Scene
            do { scene = try SceneImporter.importFile(at: entry.url).scene } catch {
                XCTFail("\(entry.path) should import: \(error)")
                continue
            }
            try ScenePasses.optimize(&scene, .default)
            let bytes = try USDZWriter.usdz(scene)
            if bytes.count > largest.size { largest = (bytes.count, entry.path) }

            let zip = try ZipReader(bytes)
            XCTAssertEqual(zip.entries.first?.name, "model.usdc", entry.path)
            XCTAssertTrue(zip.entries.allSatisfy { $0.dataOffset % 64 == 0 && $0.method == 0 }, entry.path)
            let crate = try CrateReader(zip.entries[0].data)
            assertBounds(crate, scene.bounds, entry.path)

            // USDZ_KEEP_DIR keeps the packages for a look in usdview or Quick Look.
            let keep = ProcessInfo.processInfo.environment["USDZ_KEEP_DIR"].map { URL(fileURLWithPath: $0) }
            let url = (keep ?? temp.url).appendingPathComponent("\(index)-\(entry.url.deletingPathExtension().lastPathComponent).usdz")
            try Data(bytes).write(to: url)
            files.append((entry.path, url))
        }
        // The checker starts Python per file; run a few at once.
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
        print("usdz-check: \(passed)/\(files.count) corpus models pass; largest .usdz \(largest.size) bytes (\(largest.path))")
    }

    private func assertBounds(_ crate: CrateReader, _ expected: Bounds, _ label: String, file: StaticString = #filePath, line: UInt = #line) {
        guard let got = crate.worldPointBounds() else { return XCTFail("\(label): no points", file: file, line: line) }
        print("BOUNDS", label, got.min, got.max)
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
