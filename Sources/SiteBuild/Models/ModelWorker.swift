import Foundation

/// How model workers are started: `build-site worker` child processes that each convert many
/// models, one at a time, so that a model which crashes or hangs assimp becomes an error naming
/// the file instead of taking the whole build down (`ModelWorkerPool` runs them).
public struct ModelWorker: Sendable {
    /// The `build-site` executable to run (this program itself in normal use).
    public var executable: URL
    /// Seconds one job may take; past it the worker is killed and replaced.
    public var timeLimit: TimeInterval
    /// Address-space limit for each worker, so an absurd file cannot exhaust the machine.
    public var memoryLimitMB: Int
    /// How many workers run at once (`--jobs`).
    public var count: Int
    /// Added to the workers' environment (the tests enable test-only jobs with it).
    public var environment: [String: String]

    /// `memoryLimitMB` nil: `defaultMemoryLimitMB(workers:)`.
    public init(executable: URL = ModelWorker.currentExecutable, timeLimit: TimeInterval = 300, memoryLimitMB: Int? = nil,
                count: Int = ProcessInfo.processInfo.activeProcessorCount, environment: [String: String] = [:]) {
        self.executable = executable
        self.timeLimit = timeLimit
        self.count = max(1, count)
        self.memoryLimitMB = memoryLimitMB ?? Self.defaultMemoryLimitMB(workers: max(1, count))
        self.environment = environment
    }

    /// Each worker's share of three quarters of the machine's memory, between 2 and 8 GiB: all
    /// workers at their limit together still leave the machine room, so one absurd model ends
    /// its own worker ("far too large") instead of making the machine swap.
    public static func defaultMemoryLimitMB(workers: Int, physicalMemory: UInt64 = ProcessInfo.processInfo.physicalMemory) -> Int {
        let share = Int(physicalMemory / 1_048_576) * 3 / 4 / max(1, workers)
        return min(8192, max(2048, share))
    }

    public static var currentExecutable: URL {
        let link = URL(fileURLWithPath: "/proc/self/exe")
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: link.path) {
            return URL(fileURLWithPath: resolved)
        }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    }

    /// The subcommand a worker runs (hidden from `build-site --help`).
    public static let subcommand = "worker"

    public struct Failure: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// What a worker answers for one job: one line of JSON on its protocol pipe.
    public enum Answer: Codable, Sendable, Equatable {
        case converted(ModelConversion.Report)
        case failed(String)
    }

    /// The worker side: reads jobs, one JSON line each, from `input` and writes one `Answer`
    /// line each to `output`, until `input` closes. Nothing else may write to `output`: the
    /// caller points standard output elsewhere first, since C libraries print where they like.
    public static func serve(input: FileHandle, output: FileHandle) {
        let decoder = JSONDecoder()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var lines = LineReader(fileDescriptor: input.fileDescriptor)
        while let line = lines.next() {
            let answer: Answer
            do {
                let job = try decoder.decode(ModelJob.self, from: Data(line))
                do { answer = .converted(try job.run()) } catch { answer = .failed(error.description) }
            } catch {
                answer = .failed("the model worker could not read its job (\(error))")
            }
            var bytes = [UInt8]((try? encoder.encode(answer)) ?? Data(#"{"failed":{"_0":"the model worker could not encode its answer"}}"#.utf8))
            bytes.append(UInt8(ascii: "\n"))
            guard FileDescriptorIO.writeAll(output.fileDescriptor, bytes) else { return }
        }
    }
}
