import ArgumentParser
import Foundation
import SiteBuild
import SiteContent

/// `build-site new place|product|page NAME`: a new entry to fill in, as `hugo new` gives one.
struct NewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "Start a new place, product or page (build-site new place \"Đầm Cầu Hai\"), or a new site (build-site new site DIR).",
        discussion: """
            place, product, page: writes content/<kind>s/<slug>.md with the title set and every \
            other field as a commented example, and one <slug>.<language>.md per other language \
            of site.yml. site: writes a project that builds as it is (site.yml, a place, a product \
            with a small 3D model, the default site-templates) into a new or empty folder. \
            Never overwrites a file.
            """)

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case place, product, page, site
        var entryKind: Entry.Kind { self == .place ? .place : self == .product ? .product : .page }
    }

    @Argument(help: "place, product, page or site.")
    var kind: Kind
    @Argument(help: "A title (\"Đầm Cầu Hai\": the file name is folded from it) or a slug (dam-cau-hai); for site, the new folder.")
    var name: String
    @Option(help: "For site: the templates to copy (default: the site-templates of build-site's own checkout).")
    var templates: String?
    @OptionGroup var folders: ProjectFolders

    func run() throws {
        let root = folders.root
        let contentFolder = folders.contentFolder
            ?? root.appendingPathComponent("content")
        do {
            if kind == .site {
                let folder = URL(fileURLWithPath: name).standardizedFileURL
                let source = try templates.map { URL(fileURLWithPath: $0).standardizedFileURL } ?? StarterSite.defaultTemplates()
                let written = try StarterSite.write(into: folder, templates: source)
                print("wrote \(written.count) files into \(folder.path); next: cd \(name) && build-site")
                return
            }
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
