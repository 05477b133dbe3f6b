import XCTest
@testable import SiteContent

/// `model: src:` must name a readable file inside the project, whatever the text or the links say.
final class ModelPathTests: XCTestCase {
    private func modelError(_ src: String, prepare: (Fixture) throws -> Void = { _ in },
                            file: StaticString = #filePath, line: UInt = #line) throws -> ContentError? {
        let f = try Fixture()
        try prepare(f)
        try f.write("content/places/a.md", "---\ntitle: A\nmodel:\n  src: \(src)\n  height: 1\n---\n")
        let error = single(f.errors(), "content/places/a.md", file: file, line: line)
        XCTAssertEqual(error?.line, 4, file: file, line: line)
        return error
    }

    func testParentDirectoryPathIsRefused() throws {
        let error = try modelError("../../etc/passwd")
        XCTAssertTrue(error?.message.hasPrefix("'model.src' \"../../etc/passwd\" must not contain '..'") ?? false, "\(String(describing: error))")
    }

    func testAbsolutePathIsRefused() throws {
        let error = try modelError("/etc/passwd")
        XCTAssertTrue(error?.message.hasPrefix("'model.src' \"/etc/passwd\" must be relative to the project root, not an absolute path") ?? false,
                      "\(String(describing: error))")
        XCTAssertTrue(try modelError("C:/models/x.obj")?.message.contains("absolute path") ?? false)
        XCTAssertTrue(try modelError("models\\x.obj")?.message.contains("\"models\\\\x.obj\" must use '/' between folder names") ?? false)
        XCTAssertTrue(try modelError("https://example.com/x.glb")?.message.contains("not a web address") ?? false)
    }

    func testSymlinkPointingOutOfTheProjectIsRefused() throws {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("outside-\(UUID().uuidString).obj")
        try Data("v 0 0 0\n".utf8).write(to: outside)
        defer { try? FileManager.default.removeItem(at: outside) }

        let error = try modelError("models/evil.obj") { try $0.symlink("models/evil.obj", to: outside.path) }
        XCTAssertTrue(error?.message.contains("through a symbolic link") ?? false, "\(String(describing: error))")
        XCTAssertTrue(error?.message.contains("outside the project") ?? false)
    }

    func testSymlinkedFolderPointingOutOfTheProjectIsRefused() throws {
        let outside = FileManager.default.temporaryDirectory.appendingPathComponent("outside-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: outside, withIntermediateDirectories: true)
        try Data("v 0 0 0\n".utf8).write(to: outside.appendingPathComponent("x.obj"))
        defer { try? FileManager.default.removeItem(at: outside) }

        let error = try modelError("models/shared/x.obj") { try $0.symlink("models/shared", to: outside.path) }
        XCTAssertTrue(error?.message.contains("outside the project") ?? false, "\(String(describing: error))")
    }

    func testSymlinkInsideTheProjectIsAccepted() throws {
        let f = try Fixture()
        try f.write("models/real/x.obj", "v 0 0 0\n")
        try f.symlink("models/alias.obj", to: "real/x.obj")
        try f.write("content/places/a.md", "---\ntitle: A\nmodel: models/alias.obj\n---\n")
        XCTAssertEqual(try f.load().places.first?.model?.src, "models/alias.obj")
    }

    func testMissingFileAndDirectoryAreRefused() throws {
        let missing = try modelError("models/khong-co.obj")
        XCTAssertEqual(missing?.message,
                       "'model.src' 'models/khong-co.obj' was not found; expected a model file at that path (check the spelling and the folder)")
        let folder = try modelError("models/thuyen") { try $0.mkdir("models/thuyen") }
        XCTAssertTrue(folder?.message.contains("is a folder") ?? false, "\(String(describing: folder))")
        let dangling = try modelError("models/gone.obj") { try $0.symlink("models/gone.obj", to: "nowhere.obj") }
        XCTAssertTrue(dangling?.message.contains("symbolic link to something that does not exist") ?? false)
    }

    func testPlainStringModelIsReportedAsModel() throws {
        let f = try Fixture()
        try f.write("content/places/a.md", "---\ntitle: A\nmodel: ../x.obj\n---\n")
        let error = single(f.errors(), "content/places/a.md")
        XCTAssertEqual(error?.line, 3)
        XCTAssertTrue(error?.message.hasPrefix("'model' \"../x.obj\" must not contain '..'") ?? false, "\(String(describing: error))")
    }

    func testPhotoOutsideTheProjectIsRefused() throws {
        let f = try Fixture()
        try f.write("content/places/a.md", "---\ntitle: A\nphotos: [ok.jpg, ../../../../../../etc/hosts]\n---\n")
        try f.write("content/places/ok.jpg", Data([0xFF, 0xD8]))
        let error = single(f.errors(), "content/places/a.md")
        XCTAssertEqual(error?.line, 3)
        XCTAssertTrue(error?.message.contains("points outside the project folder") ?? false, "\(String(describing: error))")
    }
}
