import ArgumentParser
import Foundation
import SiteContent

/// `build-site new place|product|page NAME`: a new entry to fill in, as `hugo new` gives one.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Start a new place, product or page: build-site new place \"Đầm Cầu Hai\" (or a slug: dam-cau-hai).",
        discussion: """
            Writes content/<kind>s/<slug>.md with the title set and every other field as a \
            commented example, and one <slug>.<language>.md per other language of site.yml. \
            Never overwrites a file.
            """)

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case place, product, page
        var entryKind: Entry.Kind { self == .place ? .place : self == .product ? .product : .page }
    }

    @Argument(help: "place, product or page.")
    var kind: Kind
    @Argument(help: "A title (\"Đầm Cầu Hai\": the file name is folded from it) or a slug (dam-cau-hai).")
    var name: String
    @Option(help: "The project folder (with content/, models/, site-templates/).")
    var project: String = "."
    @Option(help: "The content folder (default: PROJECT/content).")
    var content: String?

    func run() throws {
        let root = URL(fileURLWithPath: project).standardizedFileURL
        let contentFolder = content.map { URL(fileURLWithPath: $0, relativeTo: root).standardizedFileURL }
            ?? root.appendingPathComponent("content")
        do {
            let scaffold = try EntryScaffold(kind: kind.entryKind, name: name)
            let languages = try EntryScaffold.languages(projectRoot: root, contentFolder: contentFolder)
            for path in try scaffold.write(into: contentFolder, languages: languages) {
                print("wrote \(contentFolder.appendingPathComponent(path).path)")
            }
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
