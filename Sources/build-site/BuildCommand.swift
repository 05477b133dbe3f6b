import ArgumentParser
import Foundation
import SiteBuild

struct BuildCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "build", abstract: "Build the whole site (the default).")

    @OptionGroup var folders: ProjectFolders
    @Option(help: "The templates folder (default: PROJECT/site-templates).")
    var templates: String?
    @Option(help: "Where the site is written (default: PROJECT/_site). Replaced only when the build succeeds.")
    var output: String?
    @Option(name: .customLong("base-url"), help: "Absolute URL the site is served from (overrides baseURL in site.yml).")
    var baseURL: String?
    @Flag(name: .customLong("keep-going"), help: "When a model fails, report it and build the rest (its pages show no 3D).")
    var keepGoing = false
    @Flag(help: "Print every warning and step detail.")
    var verbose = false
    @Option(name: .customLong("model-timeout"), help: "Seconds one model may take before it is stopped.")
    var modelTimeout: Double = 300
    @Option(name: .customLong("model-memory"), help: "Memory limit of each model worker in MB (default: its share of three quarters of this machine's memory, 2048–8192).")
    var modelMemory: Int?
    @Option(name: .shortAndLong, help: "Models converted at once, each by a worker process (default: one per core).")
    var jobs: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(name: .customLong("cache-dir"), help: "Where converted models are kept between builds (default: PROJECT/.build-site-cache).")
    var cacheDir: String?
    @Flag(name: .customLong("no-cache"), help: "Convert every model, neither reading nor writing the cache.")
    var noCache = false

    func validate() throws {
        guard jobs > 0 else { throw ValidationError("--jobs must be a positive whole number") }
        if let modelMemory, modelMemory < 256 { throw ValidationError("--model-memory is in MB and must be at least 256, got \(modelMemory)") }
    }

    func run() throws {
        let root = folders.root
        var base: URL?
        if let baseURL {
            guard let url = URL(string: baseURL), ["http", "https"].contains(url.scheme ?? ""), url.host != nil else {
                throw ValidationError("--base-url must be an absolute http(s) URL, got '\(baseURL)'")
            }
            base = url
        }
        let options = SiteBuilder.Options(
            projectRoot: root,
            contentDirectory: folders.contentFolder,
            templatesDirectory: templates.map(folders.resolve),
            outputDirectory: output.map(folders.resolve),
            baseURL: base, keepGoing: keepGoing, verbose: verbose,
            worker: ModelWorker(timeLimit: modelTimeout, memoryLimitMB: modelMemory, count: jobs),
            cacheDirectory: noCache ? nil
                : folders.resolve(cacheDir ?? SiteBuilder.Options.cacheFolderName))
        let verbose = self.verbose
        let builder = SiteBuilder(options: options) { line in
            if verbose || !line.contains(": warning: ") { print(line) }
        }
        do {
            let summary = try builder.build()
            print(SummaryTable.render(summary, verbose: verbose))
            if !summary.failedModels.isEmpty { throw ExitCode(1) }
        } catch let failure as SiteBuilder.Failure {
            FileHandle.standardError.write(Data("error: \(failure.step) failed:\n\(failure.description)\nThe previous output was left as it was.\n".utf8))
            throw ExitCode(1)
        }
    }
}
