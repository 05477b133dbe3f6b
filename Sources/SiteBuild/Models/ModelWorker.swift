import Foundation

/// Runs `build-site model …` in a child process with a time limit, so that a model that crashes
/// or hangs assimp becomes an error naming the file instead of taking the whole build down.
public struct ModelWorker: Sendable {
    /// The `build-site` executable to run (this program itself in normal use).
    public var executable: URL
    public var timeLimit: TimeInterval
    /// Address-space limit for the child, so an absurd file cannot exhaust the machine.
    public var memoryLimitMB: Int

    public init(executable: URL = ModelWorker.currentExecutable, timeLimit: TimeInterval = 300, memoryLimitMB: Int = 8192) {
        self.executable = executable
        self.timeLimit = timeLimit
        self.memoryLimitMB = memoryLimitMB
    }

    /// A poster as `build-site model` flags.
    static func posterArguments(_ poster: PosterOutput) -> [String] {
        let background = String(format: "#%02x%02x%02x", poster.background.x, poster.background.y, poster.background.z)
        return ["--poster-output", poster.url.path, "--size", "\(poster.width)x\(poster.height)", "--background", background]
            + (poster.cameraOrbit.map { ["--camera-orbit", $0.attributeValue] } ?? [])
            + (poster.lossless ? ["--poster-lossless"] : [])
    }

    public static var currentExecutable: URL {
        let link = URL(fileURLWithPath: "/proc/self/exe")
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: link.path) {
            return URL(fileURLWithPath: resolved)
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    }

    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Converts `input` into `output` in a child process and returns its report.
    /// `arOutput`: also write the plain Scene Viewer copy there; `usdzOutput`: also write the
    /// AR Quick Look file there; `poster`: also render a poster.
    public func convert(input: URL, output: URL, displayName: String, textureRoot: URL,
                        settings: ModelSettings = ModelSettings(), arOutput: URL? = nil, usdzOutput: URL? = nil,
                        poster: PosterOutput? = nil) throws(Failure) -> ModelConversion.Report {
        let scratch = output.deletingLastPathComponent()
        let reportFile = scratch.appendingPathComponent(output.lastPathComponent + ".report.json")
        let errorFile = scratch.appendingPathComponent(output.lastPathComponent + ".stderr")
        defer {
            try? FileManager.default.removeItem(at: reportFile)
            try? FileManager.default.removeItem(at: errorFile)
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["model", input.path, "-o", output.path, "--name", displayName,
                             "--texture-root", textureRoot.path, "--report-json", reportFile.path,
                             "--memory-limit-mb", String(memoryLimitMB), "--quiet", "--in-process"] + settings.arguments
            + (arOutput.map { ["--ar-output", $0.path] } ?? [])
            + (usdzOutput.map { ["--usdz-output", $0.path] } ?? [])
            + (poster.map(Self.posterArguments) ?? [])
        _ = FileManager.default.createFile(atPath: errorFile.path, contents: nil)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try? FileHandle(forWritingTo: errorFile)
        process.standardInput = FileHandle.nullDevice
        // A crash is expected now and then (that is why this is a child); skip Swift's
        // symbolicated backtrace, which takes seconds and is not read.
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        process.environment = environment

        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        do { try process.run() } catch {
            throw Failure(description: "\(displayName): could not start the model worker \(executable.path): \(error.localizedDescription)")
        }
        if finished.wait(timeout: .now() + timeLimit) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
            throw Failure(description: "\(displayName): reading the model took longer than \(Int(timeLimit)) s and was stopped; the file may be damaged or far too large")
        }
        let stderr = (try? String(contentsOf: errorFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        switch process.terminationReason {
        case .uncaughtSignal:
            throw Failure(description: "\(displayName): the 3D importer crashed (signal \(process.terminationStatus)) reading this file; it is probably damaged — re-export it from the modelling program")
        case .exit where process.terminationStatus != 0:
            throw Failure(description: stderr.isEmpty ? "\(displayName): conversion failed (exit \(process.terminationStatus))"
                                            : stderr.replacingOccurrences(of: "error: ", with: ""))
        default:
            break
        }
        guard let data = FileManager.default.contents(atPath: reportFile.path),
              let report = try? JSONDecoder().decode(ModelConversion.Report.self, from: data) else {
            throw Failure(description: "\(displayName): the model worker finished without a report")
        }
        return report
    }
}
