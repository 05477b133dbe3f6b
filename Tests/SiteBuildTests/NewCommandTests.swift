import Foundation
import SiteBuild
import TestSupport
import XCTest

/// `build-site new`: what it writes passes `check` and builds, and it never overwrites.
final class NewCommandTests: XCTestCase {
    private func run(_ arguments: [String], in folder: URL) throws -> CommandRun.Result {
        try CommandRun.buildSite(arguments, in: folder)
    }

    func testNewEntriesPassCheckAndBuild() throws {
        let project = try TemporaryDirectory("new-command")
        defer { project.remove() }
        try FileManager.default.createDirectory(at: project.url.appendingPathComponent("content"), withIntermediateDirectories: true)
        try Data("""
            title: { vi: "Xã Thử", en: "Test Commune" }
            baseURL: https://thu.example.vn/
            languages: [vi, en]

            """.utf8).write(to: project.url.appendingPathComponent("content/site.yml"))

        let place = try run(["new", "place", "Đầm Chuồn"], in: project.url)
        XCTAssertEqual(place.status, 0, place.stderr)
        XCTAssertTrue(place.stdout.contains("content/places/dam-chuon.md"), place.stdout)
        XCTAssertTrue(place.stdout.contains("content/places/dam-chuon.en.md"), place.stdout)
        XCTAssertEqual(try run(["new", "product", "dua-luoi"], in: project.url).status, 0)
        XCTAssertEqual(try run(["new", "page", "Giới thiệu"], in: project.url).status, 0)

        let check = try run(["check"], in: project.url)
        XCTAssertEqual(check.status, 0, check.stderr)
        XCTAssertTrue(check.stdout.contains("1 places, 1 products, 1 pages"), check.stdout)

        let templates = PackagePaths.root.appendingPathComponent("site-templates").path
        let build = try run(["build", "--templates", templates, "--no-cache"], in: project.url)
        XCTAssertEqual(build.status, 0, build.stderr)
        let page = try String(contentsOf: project.url.appendingPathComponent("_site/places/dam-chuon/index.html"), encoding: .utf8)
        XCTAssertTrue(page.contains("<h1>Đầm Chuồn</h1>") || page.contains(">Đầm Chuồn</h1>"), "the title is the one given")
        XCTAssertTrue(FileManager.default.fileExists(atPath: project.url.appendingPathComponent("_site/en/products/dua-luoi/index.html").path))

        // Twice: refused, the file as it was, a message naming it.
        let before = try Data(contentsOf: project.url.appendingPathComponent("content/places/dam-chuon.md"))
        let again = try run(["new", "place", "Đầm Chuồn"], in: project.url)
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("dam-chuon.md already exists"), again.stderr)
        XCTAssertEqual(try Data(contentsOf: project.url.appendingPathComponent("content/places/dam-chuon.md")), before)

        let noSite = try TemporaryDirectory("new-command-empty")
        defer { noSite.remove() }
        let orphan = try run(["new", "place", "x"], in: noSite.url)
        XCTAssertEqual(orphan.status, 1)
        XCTAssertTrue(orphan.stderr.contains("site.yml"), orphan.stderr)
    }

    /// `new site DIR`: a project that passes check and builds, with its model converted.
    func testNewSiteBuildsAsItIs() throws {
        let parent = try TemporaryDirectory("new-site")
        defer { parent.remove() }
        let made = try run(["new", "site", "xa-moi"], in: parent.url)
        XCTAssertEqual(made.status, 0, made.stderr)
        let project = parent.url.appendingPathComponent("xa-moi")
        for path in ["content/site.yml", "content/places/dinh-lang.en.md", "models/hop-qua/hop-qua.mtl", "site-templates/layout.mustache", ".gitignore"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: project.appendingPathComponent(path).path), path)
        }
        let check = try run(["check"], in: project)
        XCTAssertEqual(check.status, 0, check.stderr)
        XCTAssertTrue(check.stdout.contains("1 places, 1 products, 0 pages, 1 models"), check.stdout)
        let build = try run(["build", "--cache-dir", parent.url.appendingPathComponent("cache").path], in: project)
        XCTAssertEqual(build.status, 0, build.stderr)
        let product = try String(contentsOf: project.appendingPathComponent("_site/products/hop-qua/index.html"), encoding: .utf8)
        XCTAssertTrue(product.contains("<model-viewer"), "the product shows its model")
        let models = try FileManager.default.contentsOfDirectory(atPath: project.appendingPathComponent("_site/assets/models").path)
        let glb = try XCTUnwrap(models.first { $0.hasSuffix(".glb") && !$0.contains(".ar.") })
        let inspected = GLBInspector([UInt8](try Data(contentsOf: project.appendingPathComponent("_site/assets/models/" + glb))))
        XCTAssertTrue(inspected.isValid, "\(inspected.issues)")
        XCTAssertTrue(models.contains { $0.hasSuffix(".usdz") })

        // Into a folder that has something in it: refused, nothing touched.
        let place = project.appendingPathComponent("content/places/dinh-lang.md")
        try Data("---\ntitle: Đình của tôi\n---\n".utf8).write(to: place)
        let again = try run(["new", "site", "xa-moi"], in: parent.url)
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.stderr.contains("is not empty"), again.stderr)
        XCTAssertEqual(try String(contentsOf: place, encoding: .utf8), "---\ntitle: Đình của tôi\n---\n")
    }

    func testDefaultTemplatesAreTheCheckoutsOrANamedError() throws {
        let found = try StarterSite.defaultTemplates(executable: PackagePaths.buildSiteExecutable)
        XCTAssertEqual(found.standardizedFileURL.path, PackagePaths.root.appendingPathComponent("site-templates").standardizedFileURL.path)
        let lonely = try TemporaryDirectory("no-templates")
        defer { lonely.remove() }
        XCTAssertThrowsError(try StarterSite.defaultTemplates(executable: lonely.url.appendingPathComponent("bin/build-site"))) { error in
            XCTAssertTrue("\(error)".contains("--templates"), "\(error)")
        }
    }
}
