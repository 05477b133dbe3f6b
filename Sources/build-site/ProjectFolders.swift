import ArgumentParser
import Foundation

/// `--project` and `--content`, the same on every command that reads a project.
struct ProjectFolders: ParsableArguments {
    @Option(help: "The project folder (with content/, models/, site-templates/).")
    var project: String = "."
    @Option(help: "The content folder (default: PROJECT/content).")
    var content: String?

    var root: URL { URL(fileURLWithPath: project).standardizedFileURL }

    /// A path given on the command line, relative to the project folder unless absolute.
    func resolve(_ path: String) -> URL { URL(fileURLWithPath: path, relativeTo: root).standardizedFileURL }

    /// `--content` when given (nil: the project's content/).
    var contentFolder: URL? { content.map(resolve) }
}
