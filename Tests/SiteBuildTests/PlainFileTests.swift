import Foundation
import XCTest
@testable import SiteBuild

final class PlainFileTests: XCTestCase {
    private var folder: URL!

    override func setUpWithError() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("plain-file-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(at: folder) }

    func testWritesNewFileWithAllBytes() throws {
        let path = folder.appendingPathComponent("page.html").path
        let bytes = [UInt8]((0..<300_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        try PlainFile.write(bytes, to: path)
        XCTAssertEqual(FileManager.default.contents(atPath: path).map { [UInt8]($0) }, bytes)
    }

    /// A staged name may already be a hard link to the previous output's file: writing there must
    /// replace the name, never change the linked file.
    func testReplacesAnExistingNameWithoutWritingThroughItsLink() throws {
        let previous = folder.appendingPathComponent("previous.html").path
        let staged = folder.appendingPathComponent("staged.html").path
        try PlainFile.write(Array("old page".utf8), to: previous)
        XCTAssertEqual(link(previous, staged), 0)
        try PlainFile.write(Array("new".utf8), to: staged)
        XCTAssertEqual(FileManager.default.contents(atPath: staged), Data("new".utf8))
        XCTAssertEqual(FileManager.default.contents(atPath: previous), Data("old page".utf8))
    }

    func testMissingFolderIsAnErrorNamingThePath() throws {
        let path = folder.appendingPathComponent("no-such-folder/page.html").path
        XCTAssertThrowsError(try PlainFile.write([1, 2, 3], to: path)) { error in
            XCTAssertTrue(String(describing: error).contains(path), "\(error)")
            XCTAssertTrue(String(describing: error).contains("No such file"), "\(error)")
            XCTAssertEqual(error.localizedDescription, String(describing: error), "build messages use localizedDescription")
        }
    }

    func testReplaceSwapsInWholeFileAndLeavesNoTemporaryFile() throws {
        let url = folder.appendingPathComponent("model.glb")
        try PlainFile.replace(Array("first".utf8), at: url)
        try PlainFile.replace(Array("second, longer".utf8), at: url)
        XCTAssertEqual(FileManager.default.contents(atPath: url.path), Data("second, longer".utf8))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["model.glb"])
    }

    /// The rename is the step that can fail late (here: a folder sits at the target's name): the
    /// error names the target, what was there stays, and the temporary file is cleaned up.
    func testFailedReplaceKeepsWhatWasThereAndCleansUp() throws {
        let target = folder.appendingPathComponent("model.glb")
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: false)
        XCTAssertThrowsError(try PlainFile.replace([1, 2, 3], at: target)) { error in
            XCTAssertTrue(String(describing: error).contains(target.path), "\(error)")
        }
        var isFolder: ObjCBool = false
        XCTAssertTrue(FileManager.default.fileExists(atPath: target.path, isDirectory: &isFolder) && isFolder.boolValue)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["model.glb"])
    }
}
