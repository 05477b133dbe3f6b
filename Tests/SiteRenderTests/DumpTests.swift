import Foundation
import XCTest
@testable import SiteRender

/// `SITE_RENDER_DUMP=/tmp/x swift test --filter DumpTests` writes the fixture site there, to look at.
final class DumpTests: XCTestCase {
    func testDumpWhenAsked() throws {
        guard let target = ProcessInfo.processInfo.environment["SITE_RENDER_DUMP"] else { return }
        for file in try SiteRenderer(templatesDirectory: Fixture.templates).render(Fixture.input()) {
            let url = URL(fileURLWithPath: target).appendingPathComponent(file.path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(file.bytes).write(to: url)
        }
    }
}
