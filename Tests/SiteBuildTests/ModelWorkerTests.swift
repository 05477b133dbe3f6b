import Foundation
import SceneModel
@testable import SiteBuild
import TestSupport
import XCTest

/// Warm workers: many jobs per process, and a model that crashes or hangs a worker — or a worker
/// killed from outside — is an error naming that model while the pool goes on with a fresh one.
final class ModelWorkerTests: XCTestCase {
    func pool(timeLimit: TimeInterval = 120, count: Int = 1) throws -> ModelWorkerPool {
        let executable = PackagePaths.buildSiteExecutable
        guard FileManager.default.isExecutableFile(atPath: executable.path) else {
            XCTFail("build-site was not built next to the tests (\(executable.path))")
            throw XCTSkip("no build-site executable")
        }
        return ModelWorkerPool(ModelWorker(executable: executable, timeLimit: timeLimit, count: count,
                                           environment: [ModelJob.testJobsVariable: "1"]))
    }

    func duckJob(_ corpus: Corpus, to output: URL) -> ModelJob {
        ModelJob(input: corpus.root.appendingPathComponent("glb/Duck.glb"), displayName: "glb/Duck.glb", textureRoot: corpus.root,
                 outputs: .init(glb: output))
    }

    /// A test-only job that sleeps a minute, named like a model.
    func slowJob(_ corpus: Corpus, in temp: TemporaryDirectory) -> ModelJob {
        var job = duckJob(corpus, to: temp.url.appendingPathComponent("slow.glb"))
        job.displayName = "models/slow.obj"
        job.testOnlySleepSeconds = 60
        return job
    }

    func testEveryBrokenCorpusModelFailsCleanlyAndTheWorkerIsReplaced() throws {
        guard let corpus = Corpus.locate() else { throw XCTSkip(Corpus.missingMessage) }
        let pool = try pool()
        defer { pool.shutDown() }
        let temp = try TemporaryDirectory("broken")
        defer { temp.remove() }
        XCTAssertTrue(corpus.broken.contains { $0.path.contains("crash-") }, "the corpus has the crashing file")
        for (index, entry) in corpus.broken.enumerated() {
            let output = temp.url.appendingPathComponent("\(index).glb")
            let job = ModelJob(input: entry.url, displayName: entry.path, textureRoot: corpus.root, outputs: .init(glb: output))
            XCTAssertThrowsError(try pool.run(job), entry.path) { error in
                let message = "\(error)"
                XCTAssertTrue(message.hasPrefix(entry.path + ":"), "names the file: \(message)")
                XCTAssertFalse(message.contains("Backtrac") || message.contains("Fatal error"), "no trace: \(message)")
                if entry.path.contains("crash-") { XCTAssertTrue(message.contains("crashed"), message) }
            }
            XCTAssertFalse(FileManager.default.fileExists(atPath: output.path), "\(entry.path): no output left behind")
        }
        // Only the crash needed a new process; the clean refusals kept their worker warm.
        XCTAssertEqual(pool.workersStarted, 2, "one worker, replaced once after the crash")
        let report = try pool.run(duckJob(corpus, to: temp.url.appendingPathComponent("duck.glb")))
        XCTAssertEqual(report.triangles, 4212, "the replacement worker converts")
    }

    func testOneWarmWorkerConvertsManyModels() throws {
        guard let corpus = Corpus.locate() else { throw XCTSkip(Corpus.missingMessage) }
        let pool = try pool()
        defer { pool.shutDown() }
        let temp = try TemporaryDirectory("warm")
        defer { temp.remove() }
        let sources = ["glb/Duck.glb", "gltf/BoxTextured/BoxTextured.gltf", "obj/spot.obj"]
        for (index, path) in sources.enumerated() where FileManager.default.fileExists(atPath: corpus.root.appendingPathComponent(path).path) {
            let output = temp.url.appendingPathComponent("\(index).glb")
            let report = try pool.run(ModelJob(input: corpus.root.appendingPathComponent(path), displayName: path,
                                               textureRoot: corpus.root, outputs: .init(glb: output, usdz: temp.url.appendingPathComponent("\(index).usdz"))))
            XCTAssertEqual(report.written.glb, output, "the report says where the .glb went")
            XCTAssertNotNil(report.written.usdz)
            XCTAssertNil(report.written.poster, "no poster was asked for")
            XCTAssertTrue(GLBInspector([UInt8](try Data(contentsOf: output))).isValid, path)
        }
        XCTAssertEqual(pool.workersStarted, 1, "every job went to the same warm process")
    }

    func testAHangingJobIsStoppedAtTheTimeLimitAndTheNextJobRuns() throws {
        guard let corpus = Corpus.locate() else { throw XCTSkip(Corpus.missingMessage) }
        let pool = try pool(timeLimit: 2)
        defer { pool.shutDown() }
        let temp = try TemporaryDirectory("hang")
        defer { temp.remove() }
        let started = Date()
        XCTAssertThrowsError(try pool.run(slowJob(corpus, in: temp))) { error in
            XCTAssertTrue("\(error)".hasPrefix("models/slow.obj: "), "\(error)")
            XCTAssertTrue("\(error)".contains("longer than 2 s"), "\(error)")
        }
        XCTAssertLessThan(Date().timeIntervalSince(started), 30, "stopped at the limit, not after the sleep")
        XCTAssertNoThrow(try pool.run(duckJob(corpus, to: temp.url.appendingPathComponent("duck.glb"))))
        XCTAssertEqual(pool.workersStarted, 2)
    }

    func testAWorkerKilledMidJobIsReportedAndReplaced() throws {
        guard let corpus = Corpus.locate() else { throw XCTSkip(Corpus.missingMessage) }
        let pool = try pool(count: 2)
        defer { pool.shutDown() }
        let temp = try TemporaryDirectory("killed")
        defer { temp.remove() }
        let slow = slowJob(corpus, in: temp)
        // Kill the busy worker from outside while its job runs.
        DispatchQueue.global().asyncAfter(deadline: .now() + 1.5) {
            for pid in WorkerProcesses.children() { kill(pid, SIGKILL) }
        }
        XCTAssertThrowsError(try pool.run(slow)) { error in
            XCTAssertTrue("\(error)".hasPrefix("models/slow.obj: "), "\(error)")
            XCTAssertTrue("\(error)".contains("signal 9"), "\(error)")
        }
        let report = try pool.run(duckJob(corpus, to: temp.url.appendingPathComponent("duck.glb")))
        XCTAssertEqual(report.triangles, 4212)
    }

    func testTestOnlyJobsAreRefusedByAnOrdinaryWorker() throws {
        guard let corpus = Corpus.locate() else { throw XCTSkip(Corpus.missingMessage) }
        let pool = ModelWorkerPool(ModelWorker(executable: PackagePaths.buildSiteExecutable, timeLimit: 30, count: 1))
        defer { pool.shutDown() }
        let temp = try TemporaryDirectory("refused")
        defer { temp.remove() }
        var job = duckJob(corpus, to: temp.url.appendingPathComponent("x.glb"))
        job.testOnlySleepSeconds = 0
        XCTAssertThrowsError(try pool.run(job)) { XCTAssertTrue("\($0)".contains("test-only jobs are disabled"), "\($0)") }
    }

    func testJobAndReportRoundTripThroughJSONUnchanged() throws {
        var settings = ModelSettings()
        settings.maxTriangles = 5000
        settings.compression = .quantize
        settings.height = 0.42
        settings.up = .z
        settings.cameraOrbit = try CameraOrbit(parsing: "30deg 70deg 110%")
        let folder = URL(fileURLWithPath: "/tmp/out folder/ảnh")
        let job = ModelJob(input: URL(fileURLWithPath: "/p/models/nón lá.obj"), displayName: "models/nón lá.obj",
                           textureRoot: URL(fileURLWithPath: "/p"), settings: settings,
                           outputs: .init(glb: folder.appendingPathComponent("a.glb"), arGLB: folder.appendingPathComponent("a.ar.glb"),
                                          usdz: folder.appendingPathComponent("a.usdz"),
                                          poster: PosterOutput(url: folder.appendingPathComponent("a.png"), width: 640, height: 480,
                                                               cameraOrbit: settings.cameraOrbit, background: SIMD3(1, 2, 3), lossless: true)))
        XCTAssertEqual(try JSONDecoder().decode(ModelJob.self, from: JSONEncoder().encode(job)), job)

        let report = ModelConversion.Report(
            source: "models/nón lá.obj", trianglesBefore: 10, verticesBefore: 12, triangles: 8, vertices: 9, materials: 1, textures: 2,
            bytesIn: 100, bytesOut: 50, arBytesOut: 70, usesMeshopt: true, usdzBytesOut: 80, usdzNotes: ["note"],
            posterBytesOut: 90, posterMilliseconds: 12, milliseconds: 34, size: [0.5, 0.25, 0.125],
            placement: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0.1, 0.2, 0.3, 1], warnings: ["w"],
            filesRead: ["/p/models/a.mtl"], filesMissing: ["/p/models/missing.png"], written: job.outputs)
        for answer in [ModelWorker.Answer.converted(report), .failed("models/x.obj: wrong")] {
            XCTAssertEqual(try JSONDecoder().decode(ModelWorker.Answer.self, from: JSONEncoder().encode(answer)), answer)
        }
    }
}

/// The `build-site worker` processes this test process started.
enum WorkerProcesses {
    static func children() -> [pid_t] {
        let me = getpid()
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { Int32($0) }.filter { pid in
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return false }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 2, Int32(fields[1]) == me else { return false }
            let command = (try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8)) ?? ""
            return command.split(separator: "\0").dropFirst().first == Substring(ModelWorker.subcommand)
        }
    }
}

/// Each worker's memory limit by default: its share of three quarters of the machine, 2–8 GiB.
final class ModelMemoryLimitTests: XCTestCase {
    func testTheDefaultShareIsClamped() {
        let gib: UInt64 = 1 << 30
        XCTAssertEqual(ModelWorker.defaultMemoryLimitMB(workers: 2, physicalMemory: 24 * gib), 8192)
        XCTAssertEqual(ModelWorker.defaultMemoryLimitMB(workers: 2, physicalMemory: 16 * gib), 6144)
        XCTAssertEqual(ModelWorker.defaultMemoryLimitMB(workers: 4, physicalMemory: 4 * gib), 2048)
        XCTAssertEqual(ModelWorker(memoryLimitMB: 3000, count: 2).memoryLimitMB, 3000)
    }
}
