import Foundation
import SiteContent
import SiteRender

/// The site build: an explicit, ordered list of named steps (as Zola's `Site::build` and
/// Publish's pipeline), each timed and reported as `[i/n] step … ms`.
public struct SiteBuilder {
    public struct Options: Sendable {
        public var projectRoot: URL
        public var contentDirectory: URL
        public var templatesDirectory: URL
        public var outputDirectory: URL
        /// Overrides `baseURL` in site.yml (a preview or staging deploy).
        public var baseURL: URL?
        /// Build the rest of the site when a model fails; its pages are shown without 3D.
        public var keepGoing: Bool
        public var verbose: Bool
        public var worker: ModelWorker
        /// Converted models kept between builds (`ModelCache`); nil converts every model every time.
        public var cacheDirectory: URL?

        /// The default cache folder, beside content/ and models/.
        public static let cacheFolderName = ".build-site-cache"

        public init(projectRoot: URL, contentDirectory: URL? = nil, templatesDirectory: URL? = nil, outputDirectory: URL? = nil,
                    baseURL: URL? = nil, keepGoing: Bool = false, verbose: Bool = false, worker: ModelWorker = ModelWorker(),
                    cacheDirectory: URL? = nil) {
            self.cacheDirectory = cacheDirectory
            self.projectRoot = projectRoot.standardizedFileURL
            self.contentDirectory = contentDirectory ?? projectRoot.appendingPathComponent("content")
            self.templatesDirectory = templatesDirectory ?? projectRoot.appendingPathComponent("site-templates")
            self.outputDirectory = outputDirectory ?? projectRoot.appendingPathComponent("_site")
            self.baseURL = baseURL
            self.keepGoing = keepGoing
            self.verbose = verbose
            self.worker = worker
        }
    }

    public struct StepTiming: Sendable { public var name: String; public var milliseconds: Int }

    public struct Summary: Sendable {
        public var steps: [StepTiming] = []
        public var models: [ModelRow] = []
        public var pages = 0
        public var files = 0
        public var warnings: [String] = []
        /// Models that failed while `keepGoing` let the build finish.
        public var failedModels: [String] = []
        /// Models taken from the cache instead of converted, and cache entries removed as unused.
        public var cachedModels = 0
        public var prunedCacheEntries = 0
        /// Pages taken from the previous build because nothing they show changed.
        public var reusedPages = 0
        /// Nothing differed from the previous output, which was left untouched.
        public var outputUnchanged = false
    }

    public struct ModelRow: Sendable {
        public var source: String
        public var output: String
        public var bytesIn: Int
        public var bytesOut: Int
        public var arBytesOut: Int?
        public var usdzBytesOut: Int?
        /// The published poster as WebP (set by the poster step).
        public var posterBytes: Int?
        public var trianglesBefore: Int
        public var triangles: Int
        /// Metres: width, height, length.
        public var size: [Float]
        public var milliseconds: Int
        /// Taken from the cache (`milliseconds` is then the original conversion's).
        public var cached = false
    }

    /// Why a build stopped; `description` is what the user reads.
    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var step: String
        public var messages: [String]
        public var description: String { messages.joined(separator: "\n") }
    }

    let options: Options
    let log: @Sendable (String) -> Void

    public init(options: Options, log: @escaping @Sendable (String) -> Void = { print($0) }) {
        self.options = options
        self.log = log
    }

    /// Builds the site; on any failure the previous output folder is left untouched.
    public func build() throws(Failure) -> Summary {
        var state = BuildState(options: options)
        let steps = BuildStep.all
        do {
            for (number, step) in steps.enumerated() {
                let started = DispatchTime.now()
                try step.run(&state, log)
                let ms = Int((DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1_000_000)
                state.summary.steps.append(StepTiming(name: step.name, milliseconds: ms))
                log("[\(number + 1)/\(steps.count)] \(step.name) … \(ms) ms")
            }
        } catch {
            state.staging?.discard()
            throw error
        }
        return state.summary
    }
}
