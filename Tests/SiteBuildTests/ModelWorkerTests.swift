import Foundation
import SiteBuild
import TestSupport
import XCTest

/// Damaged models — including one that crashes assimp itself — give a clean error naming the
/// file, because each conversion runs in a child process.
final class ModelWorkerTests: XCTestCase {
    func worker() throws -> ModelWorker {
        let executable = PackagePaths.buildSiteExecutable
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            XCTFail("build-site was not built next to the tests (\(executable.path))")
            throw XCTSkip("no build-site executable")
        }
        return ModelWorker(executable: executable, timeLimit: 120)
    }

    func testEveryBrokenCorpusModelFailsCleanly() throws {
        guard let corpus = Corpus.locate() else { throw XCTSkip(Corpus.missingMessage) }
        let worker = try worker()
        let temp = try TemporaryDirectory("broken")
        defer { temp.remove() }
        XCTAssertTrue(corpus.broken.contains { $0.path.contains("crash-") }, "the corpus has the crashing file")
        for (index, entry) in corpus.broken.enumerated() {
            XCTAssertThrowsError(try worker.convert(input: entry.url, output: temp.url.appendingPathComponent("\(index).glb"),
                                                    displayName: entry.path, textureRoot: corpus.root), entry.path) { error in
                let message = "\(error)"
                XCTAssertTrue(message.hasPrefix(entry.path + ":"), "names the file: \(message)")
                XCTAssertFalse(message.contains("Backtrac") || message.contains("Fatal error"), "no trace: \(message)")
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: temp.url.appendingPathComponent("\(index).glb").path),
                           "\(entry.path): no output left behind")
        }
    }

    func testAGoodModelConvertsThroughTheWorker() throws {
        guard let corpus = Corpus.locate() else { throw XCTSkip(Corpus.missingMessage) }
        let temp = try TemporaryDirectory("worker")
        defer { temp.remove() }
        let output = temp.url.appendingPathComponent("duck.glb")
        let report = try worker().convert(input: corpus.root.appendingPathComponent("glb/Duck.glb"), output: output,
                                          displayName: "glb/Duck.glb", textureRoot: corpus.root)
        XCTAssertEqual(report.triangles, 4212)
        XCTAssertEqual(report.textures, 1)
        XCTAssertTrue(GLBInspector([UInt8](try Data(contentsOf: output))).isValid)
    }

    func testAHangingModelIsStoppedAtTheTimeLimit() throws {
        // A stand-in worker that never finishes: the limit must still end it.
        let temp = try TemporaryDirectory("hang")
        defer { temp.remove() }
        let script = temp.url.appendingPathComponent("hang.sh")
        try Data("#!/bin/sh\nexec sleep 30\n".utf8).write(to: script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
        let worker = ModelWorker(executable: script, timeLimit: 1)
        XCTAssertThrowsError(try worker.convert(input: script, output: temp.url.appendingPathComponent("x.glb"),
                                                displayName: "models/slow.obj", textureRoot: temp.url)) { error in
            XCTAssertTrue("\(error)".hasPrefix("models/slow.obj: "), "\(error)")
            XCTAssertTrue("\(error)".contains("longer than 1 s"), "\(error)")
        }
    }
}
