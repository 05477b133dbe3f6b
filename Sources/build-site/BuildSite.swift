import ArgumentParser
import Foundation

/// `build-site`: the thin command-line front. It only maps flags onto SiteBuild's options.
@main
struct BuildSite: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build-site",
        abstract: "Build the commune's 3D/AR site from content/ and models/ into _site/.",
        subcommands: [BuildCommand.self, ServeCommand.self, ModelCommand.self, CheckCommand.self, NewCommand.self, WorkerCommand.self],
        defaultSubcommand: BuildCommand.self)
}
