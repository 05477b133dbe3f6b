import Foundation
import SceneImport
import SiteBuild
import SiteContent
import TestSupport
import XCTest

/// The repository's own example (content/, models/, site-templates/) built end to end into a
/// temp folder and checked structurally, as Zola's site tests do.
final class ExampleSiteTests: XCTestCase {
    /// One build shared by the checks below (a build converts every model, which takes a while).
    nonisolated(unsafe) static var built: (output: URL, summary: SiteBuilder.Summary)?
    nonisolated(unsafe) static var temp: TemporaryDirectory?

    func site() throws -> (output: URL, summary: SiteBuilder.Summary) {
        if let built = Self.built { return built }
        let temp = try TemporaryDirectory("example-site")
        Self.temp = temp
        let output = temp.url.appendingPathComponent("_site")
        let summary = try Self.build(into: output)
        Self.built = (output, summary)
        return (output, summary)
    }

    static func build(into output: URL) throws -> SiteBuilder.Summary {
        let options = SiteBuilder.Options(projectRoot: PackagePaths.root, outputDirectory: output,
                                          worker: ModelWorker(executable: PackagePaths.buildSiteExecutable, timeLimit: 300))
        return try SiteBuilder(options: options, log: { _ in }).build()
    }

    override class func tearDown() {
        temp?.remove()
        super.tearDown()
    }

    func pages(_ output: URL, under section: String) -> [String] {
        let folder = output.appendingPathComponent(section)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { FileManager.default.fileExists(atPath: folder.appendingPathComponent("\($0)/index.html").path) }
    }

    func testFivePlacesAndFiveProductsInEachLanguage() throws {
        let (output, _) = try site()
        for prefix in ["", "en/"] {
            XCTAssertGreaterThanOrEqual(pages(output, under: prefix + "places").count, 5, "\(prefix)places")
            XCTAssertGreaterThanOrEqual(pages(output, under: prefix + "products").count, 5, "\(prefix)products")
        }
    }

    func testEverySitemapURLExists() throws {
        let (output, _) = try site()
        let sitemap = try String(contentsOf: output.appendingPathComponent("sitemap.xml"), encoding: .utf8)
        let base = "https://vinhhung.example.vn/"
        let locations = sitemap.matches(of: /<loc>([^<]+)<\/loc>/).map { String($0.1) }
        XCTAssertGreaterThan(locations.count, 20)
        for location in locations {
            XCTAssertTrue(location.hasPrefix(base), location)
            var path = String(location.dropFirst(base.count))
            if path.isEmpty || path.hasSuffix("/") { path += "index.html" }
            XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent(path).path), "sitemap lists \(location)")
        }
        XCTAssertTrue(sitemap.contains("hreflang=\"en\""))
    }

    func testEveryModelPageHasItsGLBAndAnARViewerPage() throws {
        let (output, summary) = try site()
        XCTAssertGreaterThanOrEqual(summary.models.count, 5)
        var modelPages = 0
        for section in ["places", "products", "en/places", "en/products"] {
            for slug in pages(output, under: section) {
                let html = try String(contentsOf: output.appendingPathComponent("\(section)/\(slug)/index.html"), encoding: .utf8)
                guard html.contains("<model-viewer") else { continue }
                modelPages += 1
                let sources = html.matches(of: /<model-viewer[^>]*\ssrc="([^"]+)"/).map { String($0.1) }
                XCTAssertEqual(sources.count, 1, "\(section)/\(slug)")
                for src in sources {
                    XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent(String(src.dropFirst())).path), src)
                }
                for attribute in ["alt=", " ar ", "ar-modes=\"webxr scene-viewer quick-look\"", "camera-controls", "intent://arvr.google.com/scene-viewer"] {
                    XCTAssertTrue(html.contains(attribute), "\(section)/\(slug) lacks \(attribute)")
                }
                let usdz = try XCTUnwrap(html.firstMatch(of: /ios-src="([^"]+\.usdz)"/).map { String($0.1) }, "\(section)/\(slug) ios-src")
                XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent(String(usdz.dropFirst())).path), usdz)
                // Quick Look opens from an anchor with rel="ar" whose first child is the image.
                let quickLookLinks = html.matches(of: /<a\b[^>]*\brel="ar"[^>]*\bhref="([^"]+)"[^>]*>\s*<img\b/).map { String($0.1) }
                XCTAssertFalse(quickLookLinks.isEmpty, "\(section)/\(slug) has the no-JS Quick Look link")
                for link in quickLookLinks { XCTAssertEqual(link, usdz + "#allowsContentScaling=0") }
                XCTAssertTrue(FileManager.default.fileExists(atPath: output.appendingPathComponent("\(section)/\(slug)/ar/index.html").path),
                              "\(section)/\(slug) has an AR-viewer page")
            }
        }
        XCTAssertGreaterThanOrEqual(modelPages, 10)
    }

    func testEveryGLBIsValidAndKeepsTheSourceTriangleCount() throws {
        let (output, summary) = try site()
        for row in summary.models {
            let glb = output.appendingPathComponent(row.output)
            XCTAssertEqual(GLBInspector([UInt8](try Data(contentsOf: glb))).issues, [], row.source)
            // assimp 5.2 cannot read meshopt-compressed files; the AR copy holds the same scene in plain floats.
            let arFiles = try FileManager.default.contentsOfDirectory(atPath: glb.deletingLastPathComponent().path)
                .filter { $0.hasPrefix(glb.lastPathComponent.split(separator: ".")[0] + ".ar.") }
            XCTAssertEqual(arFiles.count, 1, "\(row.source) has its Scene Viewer copy")
            let arGLB = glb.deletingLastPathComponent().appendingPathComponent(arFiles.first ?? glb.lastPathComponent)
            XCTAssertEqual(GLBInspector([UInt8](try Data(contentsOf: arGLB))).issues, [], row.source + " (AR)")
            if KhronosValidator.isAvailable {
                for file in [glb, arGLB] {
                    let verdict = try KhronosValidator.validate(file)
                    XCTAssertEqual(verdict.errors, 0, "Khronos glTF-Validator on \(file.lastPathComponent): \(verdict.summary)")
                }
            }
            let source = try SceneImporter.importFile(at: PackagePaths.root.appendingPathComponent(row.source))
            XCTAssertEqual(source.warnings, [], "the example's own models import cleanly: \(row.source)")
            let reread = try SceneImporter.importFile(at: arGLB)
            XCTAssertEqual(reread.scene.drawnTriangleCount, source.scene.drawnTriangleCount, row.source)
            XCTAssertEqual(row.triangles, source.scene.drawnTriangleCount, row.source)
        }
    }

    func testModelsStandAtTheirRealWorldSize() throws {
        let (_, summary) = try site()
        let content = try ContentLoader.load(projectRoot: PackagePaths.root)
        var checked = 0
        for reference in content.modelReferences {
            let row = try XCTUnwrap(summary.models.first { $0.source == reference.src }, reference.src)
            // height wins, then width, then length (the same rule as the placement pass).
            let (axis, metres): (Int, Double?) = reference.height != nil ? (1, reference.height)
                : reference.width != nil ? (0, reference.width) : (2, reference.length)
            guard let metres else { continue }
            XCTAssertEqual(Double(row.size[axis]), metres, accuracy: metres * 0.01, "\(reference.src) size \(row.size)")
            checked += 1
        }
        XCTAssertGreaterThanOrEqual(checked, 5)
    }

    func testTwoBuildsAreByteIdentical() throws {
        let (output, _) = try site()
        let temp = try TemporaryDirectory("example-again")
        defer { temp.remove() }
        let again = temp.url.appendingPathComponent("_site")
        _ = try Self.build(into: again)
        let first = Snapshot.files(output), second = Snapshot.files(again)
        XCTAssertEqual(first.keys.sorted(), second.keys.sorted())
        for (path, data) in first where second[path] != data { XCTFail("\(path) differs between two builds") }
    }
}
