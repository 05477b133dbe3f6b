import ArgumentParser
import Foundation
import SiteBuild
import SiteServe

/// `build-site serve`: build, serve on http://127.0.0.1:1313/, rebuild and reload on every save.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Build the site, serve it on http://127.0.0.1:1313/ and rebuild it whenever a file changes.",
        discussion: """
            Open pages reload by themselves after each save; a change that does not build shows \
            its error over the page while the last good site stays served. The site is built \
            into a private folder: _site/ is not touched. --lan serves it to phones on the same \
            Wi-Fi and prints a QR code of its address.
            """)

    @OptionGroup var folders: ProjectFolders
    @Option(help: "The templates folder (default: PROJECT/site-templates).")
    var templates: String?
    @Option(help: "The port to listen on (0: any free port).")
    var port: UInt16 = 1313
    @Option(help: "The address to listen on (0.0.0.0: every network of this machine).")
    var bind: String = "127.0.0.1"
    @Flag(help: "Serve to the local network (as --bind 0.0.0.0) and print the address and its QR code for a phone.")
    var lan = false
    @Flag(help: "Print each build's steps, its warnings, and how long after a save the reload was sent.")
    var verbose = false
    @Flag(help: "Look for changes by scanning the folders instead of inotify.")
    var poll = false
    @Option(name: .customLong("model-memory"), help: "Memory limit of each model worker in MB (default: its share of three quarters of this machine's memory, 2048–8192).")
    var modelMemory: Int?
    @Option(name: .shortAndLong, help: "Models converted at once (default: one per core).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(name: .customLong("cache-dir"), help: "Where converted models are kept between builds (default: PROJECT/.build-site-cache).")
    var cacheDir: String?

    func validate() throws {
        guard jobs > 0 else { throw ValidationError("--jobs must be a positive whole number") }
        if let modelMemory, modelMemory < 256 { throw ValidationError("--model-memory is in MB and must be at least 256, got \(modelMemory)") }
    }

    func run() throws {
        let root = folders.root
        let build = SiteBuilder.Options(
            projectRoot: root,
            contentDirectory: folders.contentFolder,
            templatesDirectory: templates.map(folders.resolve),
            verbose: verbose,
            worker: ModelWorker(memoryLimitMB: modelMemory, count: jobs),
            cacheDirectory: folders.resolve(cacheDir ?? SiteBuilder.Options.cacheFolderName))
        let options = ServeSession.Options(build: build, bindAddress: lan ? "0.0.0.0" : bind, port: port,
                                           verbose: verbose, forcePolling: poll)
        do {
            // Unbuffered, also into a pipe: whoever reads it sees each line as it happens.
            try ServeSession(options: options, say: { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) }).run()
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
