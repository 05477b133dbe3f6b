import Foundation
import SiteBuild
import TestSupport
import XCTest

/// Bad input: a clear message naming the file (and line), a failed build, and the previous
/// output left exactly as it was.
final class BuildFailureTests: XCTestCase {
    /// Builds once successfully, then breaks the project with `damage` and builds again.
    func assertFailsKeepingOutput(_ damage: (FixtureProject) throws -> Void, mentions expected: [String],
                                  file: StaticString = #filePath, line: UInt = #line) throws {
        let project = try FixtureProject()
        defer { project.remove() }
        try project.addPlace("ok", model: nil)
        _ = try project.builder().build()
        let marker = project.output.appendingPathComponent("marker-from-last-build")
        try Data("keep me".utf8).write(to: marker)
        let before = Snapshot.files(project.output)

        try damage(project)
        XCTAssertThrowsError(try project.builder().build(), file: file, line: line) { error in
            for text in expected { XCTAssertTrue("\(error)".contains(text), "'\(text)' in: \(error)", file: file, line: line) }
        }
        XCTAssertEqual(Snapshot.files(project.output), before, "previous output untouched", file: file, line: line)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: project.root.path).filter { $0.hasPrefix("._site") }
        XCTAssertEqual(leftovers, [], "no staging folder left behind", file: file, line: line)
    }

    func testMalformedYAMLNamesFileAndLine() throws {
        try assertFailsKeepingOutput({ try $0.write("content/places/bad.md", "---\ntitle: [unclosed\n---\nx\n") },
                                     mentions: ["content/places/bad.md:"])
    }

    func testWrongTypeNamesTheKeyLine() throws {
        try assertFailsKeepingOutput({
            try $0.write("content/products/p.md", "---\ntitle: Dưa\nprice: rẻ lắm\n---\nx\n")
        }, mentions: ["content/products/p.md:3:", "price"])
    }

    func testUnknownLanguageIsAnError() throws {
        try assertFailsKeepingOutput({ try $0.write("content/places/ok.fr.md", "---\ntitle: Lieu\n---\nx\n") },
                                     mentions: ["content/places/ok.fr.md"])
    }

    func testModelOutsideTheProjectIsRefused() throws {
        try assertFailsKeepingOutput({ try $0.addPlace("escape", model: "../../etc/passwd") },
                                     mentions: ["content/places/escape.md:"])
    }

    func testMissingModelIsAnError() throws {
        try assertFailsKeepingOutput({ try $0.addPlace("gone", model: "models/none.obj") },
                                     mentions: ["content/places/gone.md:", "models/none.obj"])
    }

    func testCrashingModelStopsTheBuildWithoutKeepGoing() throws {
        try assertFailsKeepingOutput({ project in
            try project.copyCorpusFile("broken/crash-30d6d0f7c529b3b66b4131700b7a4580cd7082df.ply", to: "models/crash.ply")
            try project.addPlace("crash", model: "models/crash.ply")
        }, mentions: ["models/crash.ply:", "crashed"])
    }

    func testKeepGoingBuildsTheRestAndShowsThePageWithout3D() throws {
        let project = try FixtureProject()
        defer { project.remove() }
        try project.copyCorpusFile("broken/crash-30d6d0f7c529b3b66b4131700b7a4580cd7082df.ply", to: "models/crash.ply")
        try project.copyCorpusFile("glb/Duck.glb", to: "models/duck.glb")
        try project.copyCorpusFile("glb/BoxVertexColors.glb", to: "models/box.glb")
        try project.addPlace("box", model: "models/box.glb")
        try project.addPlace("crash", model: "models/crash.ply")
        try project.addPlace("duck", model: "models/duck.glb")
        // One worker: the crash kills it mid-job, and a replacement converts the model after it.
        let summary = try project.builder(keepGoing: true, jobs: 1).build()
        XCTAssertEqual(summary.failedModels.count, 1)
        XCTAssertTrue(summary.failedModels[0].hasPrefix("models/crash.ply:"))
        XCTAssertTrue(summary.failedModels[0].contains("crashed"), summary.failedModels[0])
        XCTAssertEqual(Set(summary.models.map(\.source)), ["models/box.glb", "models/duck.glb"])
        // Every other model's outputs are complete: web and AR .glb, .usdz, poster.
        let published = Snapshot.files(project.output).keys
        for stem in ["box", "duck"] {
            for kind in ["", ".ar", ".poster"] {
                for type in kind == ".poster" ? ["png", "webp", "avif"] : kind == ".ar" ? ["glb"] : ["glb", "usdz"] {
                    let pattern = try Regex("^/assets/models/\(stem)\(kind)\\.[0-9a-f]{10}\\.\(type)$")
                    XCTAssertEqual(published.filter { $0.wholeMatch(of: pattern) != nil }.count, 1, "\(stem)\(kind).\(type): \(published.sorted())")
                }
            }
            let page = try String(contentsOf: project.output.appendingPathComponent("places/\(stem)/index.html"), encoding: .utf8)
            XCTAssertTrue(page.contains("class=\"viewer-poster\"><picture><source type=\"image/avif\""), "\(stem) has its poster")
        }
        let crashPage = try String(contentsOf: project.output.appendingPathComponent("places/crash/index.html"), encoding: .utf8)
        XCTAssertFalse(crashPage.contains("<model-viewer"))
        let duckPage = try String(contentsOf: project.output.appendingPathComponent("places/duck/index.html"), encoding: .utf8)
        XCTAssertTrue(duckPage.contains("<model-viewer"))
    }
}

enum Snapshot {
    /// Every file under `root` with its bytes, for before/after comparisons.
    static func files(_ root: URL) -> [String: Data] {
        var out: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)
        while let url = enumerator?.nextObject() as? URL {
            if let data = try? Data(contentsOf: url), !url.hasDirectoryPath {
                out[String(url.path.dropFirst(root.path.count))] = data
            }
        }
        return out
    }
}
