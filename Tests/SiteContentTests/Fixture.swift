import Foundation
import XCTest
@testable import SiteContent

/// A site project written into a fresh temp folder, removed when the test ends.
final class Fixture {
    let root: URL

    static let siteYML = """
        title: { vi: "Vinh Hưng – Làng quê thông minh", en: "Vinh Hung – Smart Village" }
        description: { vi: "Du lịch", en: "Tourism" }
        baseURL: https://vinhhung.example.vn
        languages: [vi, en]
        models:
          maxTextureSize: 2048
          compression: meshopt

        """

    init(site: String? = Fixture.siteYML) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("SiteContentTests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        if let site { try write("content/site.yml", site) }
    }

    deinit { try? FileManager.default.removeItem(at: root) }

    func url(_ relative: String) -> URL { root.appendingPathComponent(relative) }

    func write(_ relative: String, _ text: String) throws {
        try write(relative, Data(text.utf8))
    }

    func write(_ relative: String, _ data: Data) throws {
        let url = url(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func mkdir(_ relative: String) throws {
        try FileManager.default.createDirectory(at: url(relative), withIntermediateDirectories: true)
    }

    func symlink(_ relative: String, to destination: String) throws {
        let url = url(relative)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: url.path, withDestinationPath: destination)
    }

    func load() throws -> SiteContent {
        try ContentLoader.load(projectRoot: root)
    }

    /// The errors of a load that must fail; fails the test when it succeeds.
    func errors(file: StaticString = #filePath, line: UInt = #line) -> [ContentError] {
        do {
            _ = try load()
            XCTFail("expected the content to be rejected", file: file, line: line)
            return []
        } catch let errors as ContentErrors {
            return errors.errors
        } catch {
            XCTFail("expected ContentErrors, got \(error)", file: file, line: line)
            return []
        }
    }
}

/// The one error about `path`; fails when there is not exactly one.
func single(_ errors: [ContentError], _ path: String, file: StaticString = #filePath, line: UInt = #line) -> ContentError? {
    let matching = errors.filter { $0.path == path }
    XCTAssertEqual(matching.count, 1, "errors for \(path): \(errors.map(\.description))", file: file, line: line)
    return matching.first
}
