import Foundation

/// One model conversion, complete: what to read, how to prepare it and where each output goes.
/// The site build and `build-site model` both describe their work as jobs; a job crosses into a
/// worker process as one line of JSON and `ModelConversion.Report` comes back the same way, so
/// neither side re-derives what the other decided (`ModelWorkerPool`).
public struct ModelJob: Codable, Sendable, Equatable {
    public var input: URL
    /// The model's name in messages (the site build passes the project-relative path).
    public var displayName: String
    /// Textures are read only from inside this folder (default: the model's folder).
    public var textureRoot: URL?
    public var settings: ModelSettings
    public var outputs: ModelConversion.Outputs
    /// Lets the tests give a worker a job that hangs; workers refuse it unless started with
    /// `ModelJob.testJobsVariable` set, so no content can ask for it.
    public var testOnlySleepSeconds: Double?

    /// Set to `1` in a worker's environment to let it run `testOnlySleepSeconds` jobs.
    public static let testJobsVariable = "BUILD_SITE_TEST_JOBS"

    public init(input: URL, displayName: String? = nil, textureRoot: URL? = nil, settings: ModelSettings = ModelSettings(),
                outputs: ModelConversion.Outputs, testOnlySleepSeconds: Double? = nil) {
        self.input = input
        self.displayName = displayName ?? input.path
        self.textureRoot = textureRoot
        self.settings = settings
        self.outputs = outputs
        self.testOnlySleepSeconds = testOnlySleepSeconds
    }

    /// The importer options this job asks for.
    var importOptions: ModelConversion.Options {
        ModelConversion.Options(displayName: displayName, textureRoot: textureRoot)
    }

    /// Runs the job in this process (a worker does this for every job it is sent).
    public func run() throws(ModelConversion.Failure) -> ModelConversion.Report {
        if let seconds = testOnlySleepSeconds {
            guard ProcessInfo.processInfo.environment[Self.testJobsVariable] == "1" else {
                throw ModelConversion.Failure(description: "\(displayName): test-only jobs are disabled in this worker")
            }
            Thread.sleep(forTimeInterval: seconds)
        }
        return try ModelConversion.convert(input: input, outputs: outputs, settings: settings, options: importOptions)
    }
}
