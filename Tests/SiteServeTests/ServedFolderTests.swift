import Foundation
@testable import SiteServe
import TestSupport
import XCTest

/// Every request path becomes a file inside the served folder, or nothing.
final class ServedFolderTests: XCTestCase {
    var temp: TemporaryDirectory!
    var site: URL!
    var folder: ServedFolder!

    override func setUpWithError() throws {
        temp = try TemporaryDirectory("served-folder")
        site = temp.url.appendingPathComponent("site")
        let fm = FileManager.default
        try fm.createDirectory(at: site.appendingPathComponent("places/dam"), withIntermediateDirectories: true)
        try fm.createDirectory(at: site.appendingPathComponent("empty"), withIntermediateDirectories: true)
        try Data("home".utf8).write(to: site.appendingPathComponent("index.html"))
        try Data("dam".utf8).write(to: site.appendingPathComponent("places/dam/index.html"))
        try Data("đầm".utf8).write(to: site.appendingPathComponent("places/đầm cầu.txt"))
        try Data("secret".utf8).write(to: temp.url.appendingPathComponent("secret.txt"))
        // Links: one to a file outside, one to a folder outside, one to a file inside.
        try fm.createSymbolicLink(atPath: site.appendingPathComponent("outside.txt").path, withDestinationPath: temp.url.appendingPathComponent("secret.txt").path)
        try fm.createSymbolicLink(atPath: site.appendingPathComponent("etc").path, withDestinationPath: "/etc")
        try fm.createSymbolicLink(atPath: site.appendingPathComponent("home.html").path, withDestinationPath: "index.html")
        folder = ServedFolder(site)
    }

    override func tearDown() { temp.remove() }

    func resolved(_ relative: String) -> ServedFolder.Lookup {
        .file(ServedFolder.realPath(site.appendingPathComponent(relative).path)!)
    }

    func testFilesAndFolderIndexes() {
        XCTAssertEqual(folder.lookup("/"), resolved("index.html"))
        XCTAssertEqual(folder.lookup("/places/dam/"), resolved("places/dam/index.html"))
        XCTAssertEqual(folder.lookup("/places/dam/index.html"), resolved("places/dam/index.html"))
        XCTAssertEqual(folder.lookup("/places/%C4%91%E1%BA%A7m%20c%E1%BA%A7u.txt"), resolved("places/đầm cầu.txt"))
        XCTAssertEqual(folder.lookup("/home.html"), resolved("index.html"), "a link that stays inside is followed")
    }

    func testAFolderWithoutItsSlashIsRedirectedAndNeverListed() {
        XCTAssertEqual(folder.lookup("/places/dam"), .redirect("/places/dam/"))
        XCTAssertEqual(folder.lookup("/places/"), .notFound, "no index.html: no listing")
        XCTAssertEqual(folder.lookup("/empty/"), .notFound)
        XCTAssertEqual(folder.lookup("/missing.html"), .notFound)
    }

    func testPathsThatLeaveTheFolderAreRefused() {
        for path in ["/../secret.txt", "/places/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/%2e%2e/etc/passwd",
                     "/places/%2e%2e%2f%2e%2e%2fsecret.txt", "/./index.html", "/..%5csecret.txt", "/places/%00/x"] {
            XCTAssertEqual(folder.lookup(path), .forbidden, path)
        }
        XCTAssertEqual(folder.lookup("/outside.txt"), .forbidden, "a link to a file outside")
        XCTAssertEqual(folder.lookup("/etc/passwd"), .forbidden, "a link to a folder outside")
        XCTAssertEqual(folder.lookup("relative.html"), .notFound)
    }
}
