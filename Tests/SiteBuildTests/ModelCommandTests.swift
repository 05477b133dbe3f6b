import Foundation
import TestSupport
import XCTest

/// `build-site model A B C -o FOLDER/`: many models through one pool of workers.
final class ModelCommandTests: XCTestCase {
    func run(_ arguments: [String]) throws -> CommandRun.Result {
        try CommandRun.buildSite(arguments)
    }

    func testManyInputsIntoAFolderKeepTheirSubfoldersAndACrashFailsAlone() throws {
        guard let corpus = Corpus.locate() else { throw XCTSkip(Corpus.missingMessage) }
        let temp = try TemporaryDirectory("model-folder")
        defer { temp.remove() }
        let crash = "broken/crash-30d6d0f7c529b3b66b4131700b7a4580cd7082df.ply"
        let inputs = ["glb/Duck.glb", crash, "glb/BoxVertexColors.glb", "obj/spot.obj"].map { corpus.root.appendingPathComponent($0).path }
        let result = try run(["model"] + inputs + ["-o", temp.url.path + "/", "--jobs", "2", "--usdz", "--poster"])
        XCTAssertEqual(result.status, 1, "one model failed")
        XCTAssertTrue(result.stderr.contains("\(inputs[1]): the 3D importer crashed"), result.stderr)
        XCTAssertTrue(result.stdout.contains("3 of 4 models converted (1 failed)"), result.stdout)
        for name in ["glb/Duck", "glb/BoxVertexColors", "obj/spot"] {
            let glb = temp.url.appendingPathComponent(name + ".glb")
            XCTAssertTrue(GLBInspector([UInt8](try Data(contentsOf: glb))).isValid, name)
            XCTAssertTrue(FileManager.default.fileExists(atPath: temp.url.appendingPathComponent(name + ".usdz").path), name)
            XCTAssertTrue(FileManager.default.fileExists(atPath: temp.url.appendingPathComponent(name + ".png").path), name)
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: temp.url.appendingPathComponent("broken").path), "nothing for the crash")
    }

    func testOneFileFlagsAreRefusedForAFolder() throws {
        let model = PackagePaths.root.appendingPathComponent("models/mam-ruoc/hu-mam-ruoc.obj").path
        let result = try run(["model", model, model, "-o", "/tmp/x/", "--usdz-output", "/tmp/x.usdz"])
        XCTAssertNotEqual(result.status, 0)
        XCTAssertTrue(result.stderr.contains("--usdz-output names one model's output"), result.stderr)
        let same = try run(["model", model, model, "-o", "/tmp/model-command-same/"])
        XCTAssertEqual(same.status, 1)
        XCTAssertTrue(same.stderr.contains("would both be written as hu-mam-ruoc.glb"), same.stderr)
    }
}

/// A file that declares absurd counts meets the worker's memory ceiling, not the machine's.
final class ModelMemoryCeilingTests: XCTestCase {
    func testABillionDeclaredVerticesAreRefusedWithoutSwapping() throws {
        let temp = try TemporaryDirectory("memory-ceiling")
        defer { temp.remove() }
        let ply = temp.url.appendingPathComponent("big.ply")
        try Data("""
            ply
            format ascii 1.0
            element vertex 1000000000
            property float x
            property float y
            property float z
            element face 1
            property list uchar int vertex_indices
            end_header
            0 0 0
            1 0 0
            0 1 0
            3 0 1 2

            """.utf8).write(to: ply)
        let result = try CommandRun.buildSite(["model", ply.path, "-o", temp.url.appendingPathComponent("big.glb").path,
                                               "--isolate", "--model-memory", "4096"], timeLimit: 300)
        XCTAssertEqual(result.status, 1, result.stdout + result.stderr)
        XCTAssertTrue(result.stderr.contains("\(ply.path): asks for more memory than a model may use"), result.stderr)
    }
}
