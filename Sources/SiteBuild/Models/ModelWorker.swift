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

    public init(executable: URL = ModelWorker.currentExecutable, timeLimit: TimeInterval = 300, memoryLimitMB: Int = 8192,
                count: Int = ProcessInfo.processInfo.activeProcessorCount, environment: [String: String] = [:]) {
        self.executable = executable
        self.timeLimit = timeLimit
        self.memoryLimitMB = memoryLimitMB
        self.count = max(1, count)
        self.environment = environment
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

/// Whole-line reads and whole writes on a pipe's file descriptor, with an optional deadline.
struct LineReader {
    let fileDescriptor: Int32
    private var buffer: [UInt8] = []

    init(fileDescriptor: Int32) { self.fileDescriptor = fileDescriptor }

    enum Outcome { case line([UInt8]), closed, timedOut }

    /// The next line without its newline, or nil when the pipe closes.
    mutating func next() -> [UInt8]? {
        if case let .line(line) = next(deadline: nil) { return line }
        return nil
    }

    mutating func next(deadline: DispatchTime?) -> Outcome {
        while true {
            if let newline = buffer.firstIndex(of: UInt8(ascii: "\n")) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                return .line(line)
            }
            if let deadline {
                let now = DispatchTime.now().uptimeNanoseconds
                guard deadline.uptimeNanoseconds > now else { return .timedOut }
                var poller = pollfd(fd: fileDescriptor, events: Int16(POLLIN), revents: 0)
                let milliseconds = Int32(min(UInt64(Int32.max), (deadline.uptimeNanoseconds - now + 999_999) / 1_000_000))
                let ready = poll(&poller, 1, milliseconds)
                if ready < 0 && errno == EINTR { continue }
                if ready == 0 { continue } // re-check the deadline
            }
            var chunk = [UInt8](repeating: 0, count: 65_536)
            let count = chunk.withUnsafeMutableBytes { read(fileDescriptor, $0.baseAddress, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return .closed }
            buffer.append(contentsOf: chunk[..<count])
        }
    }
}

enum FileDescriptorIO {
    /// Writes every byte, retrying short writes; false when the other end is gone.
    static func writeAll(_ fileDescriptor: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(fileDescriptor, $0.baseAddress! + offset, $0.count - offset) }
            if written < 0 && errno == EINTR { continue }
            guard written > 0 else { return false }
            offset += written
        }
        return true
    }
}
