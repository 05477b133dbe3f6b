import ArgumentParser
import Foundation
import SiteContent

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check content/ (front matter, translations, model and photo paths) without building.")

    @Option(help: "The project folder (with content/, models/, site-templates/).")
    var project: String = "."
    @Option(help: "The content folder (default: PROJECT/content).")
    var content: String?

    func run() throws {
        let root = URL(fileURLWithPath: project).standardizedFileURL
        do {
            let loaded = try ContentLoader.load(projectRoot: root, contentDirectory: content.map { URL(fileURLWithPath: $0, relativeTo: root) })
            print("content is fine: \(loaded.places.count) places, \(loaded.products.count) products, \(loaded.pages.count) pages, \(loaded.modelReferences.count) models")
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
