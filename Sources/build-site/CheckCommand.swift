import ArgumentParser
import Foundation
import SiteContent

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check content/ (front matter, translations, model and photo paths) without building.")

    @OptionGroup var folders: ProjectFolders

    func run() throws {
        let root = folders.root
        do {
            let loaded = try ContentLoader.load(projectRoot: root, contentDirectory: folders.contentFolder)
            print("content is fine: \(loaded.places.count) places, \(loaded.products.count) products, \(loaded.pages.count) pages, \(loaded.modelReferences.count) models")
        } catch {
            FileHandle.standardError.write(Data("\(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
