import Foundation
import SiteBuild
import TestSupport
import XCTest

/// A small project written into a temp folder: the repository's own templates, a site.yml,
/// and whatever entries and models a test adds.
struct FixtureProject {
    let temp: TemporaryDirectory
    var root: URL { temp.url }
    var output: URL { root.appendingPathComponent("_site") }

    init() throws {
        temp = try TemporaryDirectory("site-fixture")
        try FileManager.default.copyItem(at: PackagePaths.root.appendingPathComponent("site-templates"),
                                         to: root.appendingPathComponent("site-templates"))
        try write("content/site.yml", """
        title: { vi: "Xã Thử", en: "Test Commune" }
        description: { vi: "Trang thử", en: "A test site" }
        baseURL: https://test.example.vn/
        languages: [vi, en]
        """)
    }

    func write(_ path: String, _ text: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
    }

    func copyCorpusFile(_ corpusPath: String, to path: String) throws {
        guard let corpus = Corpus.locate() else { throw XCTSkip(Corpus.missingMessage) }
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: corpus.root.appendingPathComponent(corpusPath), to: url)
    }

    /// A place page showing `model`.
    func addPlace(_ slug: String, model: String? = nil, summary: String = "Một nơi để thử.") throws {
        try write("content/places/\(slug).md", """
        ---
        title: Nơi \(slug)
        summary: \(summary)
        \(model.map { "model: { src: \($0), alt: Mô hình thử }" } ?? "")
        ---
        Nội dung.
        """)
        try write("content/places/\(slug).en.md", """
        ---
        title: Place \(slug)
        summary: A place to test.
        ---
        Body.
        """)
    }

    func builder(keepGoing: Bool = false, output: URL? = nil, cache: URL? = nil, jobs: Int = 2) -> SiteBuilder {
        let options = SiteBuilder.Options(projectRoot: root, outputDirectory: output ?? self.output, keepGoing: keepGoing,
                                          worker: ModelWorker(executable: PackagePaths.buildSiteExecutable, timeLimit: 120, count: jobs),
                                          cacheDirectory: cache)
        return SiteBuilder(options: options, log: { _ in })
    }

    /// Copies one of the example's model folders (models/NAME) into the project.
    func copyExampleModel(_ name: String) throws {
        let target = root.appendingPathComponent("models/\(name)")
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: PackagePaths.root.appendingPathComponent("models/\(name)"), to: target)
    }

    func remove() { temp.remove() }
}
