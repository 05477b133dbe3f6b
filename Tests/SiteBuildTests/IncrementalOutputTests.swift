import Foundation
import XCTest

/// A rebuild rewrites only what changed: unchanged files are hard links to the previous
/// output's (same inode), changed ones are new files, and the old tree is removed in the
/// background after the swap.
final class IncrementalOutputTests: XCTestCase {
    func inode(_ url: URL) throws -> UInt64 {
        var status = stat()
        guard stat(url.path, &status) == 0 else { throw CocoaError(.fileNoSuchFile) }
        return UInt64(status.st_ino)
    }

    func testUnchangedFilesAreNotRewrittenAndTheOldTreeGoes() throws {
        let project = try FixtureProject()
        defer { project.remove() }
        try project.addPlace("cho")
        try project.addPlace("dam")
        _ = try project.builder().build()
        let unchanged = project.output.appendingPathComponent("places/dam/index.html")
        let edited = project.output.appendingPathComponent("places/cho/index.html")
        let before = (unchanged: try inode(unchanged), edited: try inode(edited))

        try project.addPlace("cho", summary: "Một tóm tắt mới.")
        _ = try project.builder().build()
        XCTAssertEqual(try inode(unchanged), before.unchanged, "an unchanged page is the same file, not rewritten")
        XCTAssertNotEqual(try inode(edited), before.edited, "the edited page is a new file")
        XCTAssertTrue(try String(contentsOf: edited, encoding: .utf8).contains("Một tóm tắt mới."))

        // The previous tree was set aside and is being removed by a background process.
        let deadline = Date().addingTimeInterval(30)
        var leftovers: [String] = []
        repeat {
            leftovers = try FileManager.default.contentsOfDirectory(atPath: project.root.path).filter { $0.hasPrefix("._site") }
            if leftovers.isEmpty { break }
            Thread.sleep(forTimeInterval: 0.05)
        } while Date() < deadline
        XCTAssertEqual(leftovers, [], "the old output is removed")
    }

    func testARebuildReusesUnchangedPagesAndRepairsAHandEditedOne() throws {
        let project = try FixtureProject()
        defer { project.remove() }
        try project.addPlace("cho")
        try project.addPlace("dam")
        let cache = project.root.appendingPathComponent(".build-site-cache")
        let first = try project.builder(cache: cache).build()
        XCTAssertEqual(first.reusedPages, 0)
        let page = project.output.appendingPathComponent("places/dam/index.html")
        let good = try Data(contentsOf: page)

        let outputFolder = try inode(project.output)
        let second = try project.builder(cache: cache).build()
        XCTAssertGreaterThan(second.reusedPages, 4, "nothing changed: pages come from the previous build")
        XCTAssertTrue(second.outputUnchanged, "and nothing is written: the output stays as it is")
        XCTAssertEqual(try inode(project.output), outputFolder, "the same folder, not a copy swapped in")
        XCTAssertEqual(try Data(contentsOf: page), good)

        // Keys that no longer match (as after an update of build-site): every page is rendered
        // again, the bytes are the same so the output stays as it is, and the memo gets the new
        // keys for the next build.
        let memoFile = cache.appendingPathComponent("pages.txt")
        let staleKeys = try String(contentsOf: memoFile, encoding: .utf8).split(separator: "\n").map { line in
            let parts = line.split(separator: " ", maxSplits: 2)
            return parts.count == 3 && parts[1].count == 64 ? "\(parts[0]) \(String(repeating: "0", count: 64)) \(parts[2])" : String(line)
        }.joined(separator: "\n")
        try Data(staleKeys.utf8).write(to: memoFile)
        let staleMemo = try project.builder(cache: cache).build()
        XCTAssertEqual(staleMemo.reusedPages, 0)
        XCTAssertTrue(staleMemo.outputUnchanged)
        XCTAssertEqual(try project.builder(cache: cache).build().reusedPages, second.reusedPages, "the memo was renewed")

        // A file changed by hand in _site/ is not trusted: it is rendered again.
        try Data("tampered".utf8).write(to: page)
        let third = try project.builder(cache: cache).build()
        XCTAssertEqual(third.reusedPages, second.reusedPages - 1)
        XCTAssertFalse(third.outputUnchanged)
        XCTAssertEqual(try Data(contentsOf: page), good)

        // A body edit renders that entry's page again, with the new text.
        try project.write("content/places/cho.md", """
        ---
        title: Nơi cho
        summary: Một nơi để thử.
        ---
        Một đoạn văn khác hẳn.
        """)
        let fourth = try project.builder(cache: cache).build()
        let choPages = Snapshot.files(project.output).keys.filter { $0.contains("/cho/") }.count
        XCTAssertEqual(fourth.reusedPages, second.reusedPages - choPages, "all of cho's pages (\(choPages)), no other")
        XCTAssertTrue(try String(contentsOf: project.output.appendingPathComponent("places/cho/index.html"), encoding: .utf8)
            .contains("Một đoạn văn khác hẳn."))
    }
}
