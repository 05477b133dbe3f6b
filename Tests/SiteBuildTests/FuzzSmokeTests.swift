import Foundation
import SiteBuild
import TestSupport
import XCTest

/// Short fixed-seed runs of the two fuzzers (bench/fuzz-models, bench/fuzz-content; the full
/// runs of 1,000 mutants each are benchmarks): damaged models and content never crash or hang
/// build-site, never get published invalid, and every content refusal says where.
final class FuzzSmokeTests: XCTestCase {
    func runFuzzer(_ name: String, _ arguments: [String]) throws -> CommandRun.Result {
        let script = PackagePaths.root.appendingPathComponent("bench/" + name)
        let result = try CommandRun.run(URL(fileURLWithPath: "/usr/bin/env"), ["python3", script.path] + arguments,
                                        environment: ["BUILD_SITE": PackagePaths.buildSiteExecutable.path], timeLimit: 900)
        print(result.stdout.split(separator: "\n").map { "\(name): \($0)" }.joined(separator: "\n"))
        return result
    }

    func testFiftyModelMutants() throws {
        guard Corpus.locate() != nil else { throw XCTSkip(Corpus.missingMessage) }
        guard KhronosValidator.isAvailable else { throw XCTSkip(KhronosValidator.missingMessage) }
        let keep = try TemporaryDirectory("fuzz-keep")
        defer { keep.remove() }
        let result = try runFuzzer("fuzz-models", ["--count", "50", "--seed", "1", "--jobs", "2", "--keep", keep.url.path])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("50 mutants of"), result.stdout)
        XCTAssertTrue(result.stdout.contains("crashes of the build 0, hangs 0, published invalid 0, unclear refusals 0"), result.stdout)
    }

    func testFiftyContentMutants() throws {
        let result = try runFuzzer("fuzz-content", ["--count", "50", "--seed", "1"])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("50 content mutants"), result.stdout)
        XCTAssertNotNil(result.stdout.firstMatch(of: /crashes 0, hangs 0, refusals at path:line (\d+) of \1 \(100%\), failed builds that touched _site\/ 0/),
                        result.stdout)
    }

    /// Mutants that crash the importer (kept from the fuzzer, Tests/Fixtures/fuzz/): still
    /// refused in one line naming the file, in a worker, never taking build-site down.
    func testKeptImporterCrashesAreRefusedCleanly() throws {
        let folder = PackagePaths.root.appendingPathComponent("Tests/Fixtures/fuzz")
        let mutants = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("mutant-") }.sorted()
        XCTAssertGreaterThanOrEqual(mutants.count, 2)
        let temp = try TemporaryDirectory("fuzz-fixtures")
        defer { temp.remove() }
        for name in mutants {
            let path = folder.appendingPathComponent(name).path
            let result = try CommandRun.buildSite(["model", path, "-o", temp.url.appendingPathComponent(name + ".glb").path, "--isolate"],
                                                  timeLimit: 300)
            XCTAssertEqual(result.status, 1, "\(name): \(result.stderr)")
            let lines = result.stderr.split(separator: "\n")
            XCTAssertEqual(lines.count, 1, result.stderr)
            XCTAssertTrue(lines.first?.hasPrefix("error: \(path): ") ?? false, result.stderr)
        }
    }
}
