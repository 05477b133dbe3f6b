import Foundation
import TestSupport
import XCTest

/// models/ is the committed output of `make-example-models`; the generator must reproduce it
/// byte for byte, or the two have drifted apart.
final class ExampleModelsTests: XCTestCase {
    func testGeneratorReproducesTheCommittedModels() throws {
        let generator = PackagePaths.products.appendingPathComponent("make-example-models")
        guard FileManager.default.isExecutableFile(atPath: generator.path) else {
            return XCTFail("make-example-models was not built next to the tests (\(generator.path))")
        }
        let temp = try TemporaryDirectory("regenerated-models")
        defer { temp.remove() }
        let process = Process()
        process.executableURL = generator
        process.arguments = [temp.url.path]
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationStatus, 0)

        let committed = Snapshot.files(PackagePaths.root.appendingPathComponent("models")).filter { !$0.key.hasSuffix("README.md") }
        let regenerated = Snapshot.files(temp.url)
        XCTAssertGreaterThanOrEqual(committed.count, 6)
        XCTAssertEqual(committed.keys.sorted(), regenerated.keys.sorted())
        for (path, data) in committed where regenerated[path] != data { XCTFail("models\(path) differs from the generator's output") }
    }
}
