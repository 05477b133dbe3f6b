import Foundation
@testable import SiteServe
import TestSupport
import XCTest

/// Saves become one burst of changed paths, by inotify and by polling alike.
final class ChangeWatcherTests: XCTestCase {
    func checkBursts(forcePolling: Bool) throws {
        let temp = try TemporaryDirectory("watcher")
        defer { temp.remove() }
        let content = temp.url.appendingPathComponent("content")
        try FileManager.default.createDirectory(at: content.appendingPathComponent("places"), withIntermediateDirectories: true)
        try Data("a".utf8).write(to: content.appendingPathComponent("places/a.md"))
        let watcher = ChangeWatcher(projectRoot: temp.url, folders: [content], quietPeriod: 0.2, pollInterval: 0.05,
                                    forcePolling: forcePolling)
        XCTAssertEqual(watcher.method, forcePolling ? .polling : .inotify)

        // Three saves in a burst (and an editor's swap file) give one burst.
        let writer = Thread {
            Thread.sleep(forTimeInterval: 0.1)
            try? Data("b".utf8).write(to: content.appendingPathComponent("places/a.md"))
            try? Data("c".utf8).write(to: content.appendingPathComponent("places/b.md"))
            try? Data("x".utf8).write(to: content.appendingPathComponent("places/.a.md.swp"))
            try? Data("d".utf8).write(to: content.appendingPathComponent("site.yml"))
        }
        writer.start()
        let burst = watcher.next()
        XCTAssertEqual(burst.paths, ["content/places/a.md", "content/places/b.md", "content/site.yml"])
        XCTAssertLessThan(Date().timeIntervalSince(burst.firstWrite), 5)

        // A new folder and the file saved in it.
        let later = Thread {
            Thread.sleep(forTimeInterval: 0.1)
            try? FileManager.default.createDirectory(at: content.appendingPathComponent("products"), withIntermediateDirectories: true)
            try? Data("e".utf8).write(to: content.appendingPathComponent("products/dua.md"))
        }
        later.start()
        let second = watcher.next()
        XCTAssertTrue(second.paths.contains("content/products/dua.md"), "\(second.paths)")
    }

    func testInotify() throws { try checkBursts(forcePolling: false) }
    func testPolling() throws { try checkBursts(forcePolling: true) }
}
