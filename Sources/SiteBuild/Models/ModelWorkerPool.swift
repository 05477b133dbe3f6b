import Foundation

/// Up to `worker.count` long-lived worker processes, each converting many models over a pipe,
/// so a build pays process start-up once per core rather than once per model while keeping
/// every model's crash or hang away from the build. A worker that crashes or overruns the time
/// limit is killed, its job reported as that model's error, and a fresh worker takes the next job.
public final class ModelWorkerPool: @unchecked Sendable {
    public let worker: ModelWorker
    private let lock = NSLock()
    private var idle: [WorkerProcess] = []
    private let slots: DispatchSemaphore
    private var startedCount = 0
    private let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    public init(_ worker: ModelWorker) {
        self.worker = worker
        slots = DispatchSemaphore(value: worker.count)
        // A worker that dies while we write its next job must be an error, not our death.
        signal(SIGPIPE, SIG_IGN)
    }

    deinit { shutDown() }

    /// How many worker processes were started so far (replacements included).
    public var workersStarted: Int { lock.withLock { startedCount } }

    /// Runs `job` on an idle worker (starting one when none is idle) and returns its report;
    /// blocks while all `worker.count` workers are busy. Safe to call from many threads.
    public func run(_ job: ModelJob) throws(ModelWorker.Failure) -> ModelConversion.Report {
        slots.wait()
        defer { slots.signal() }
        let name = job.displayName
        let process: WorkerProcess
        if let warm = lock.withLock({ idle.popLast() }) {
            process = warm
        } else {
            do { process = try WorkerProcess(worker) } catch {
                throw ModelWorker.Failure(description: "\(name): could not start the model worker \(worker.executable.path): \(error.localizedDescription)")
            }
            lock.withLock { startedCount += 1 }
        }
        let line: Data
        do { line = try encoder.encode(job) } catch {
            lock.withLock { idle.append(process) }
            throw ModelWorker.Failure(description: "\(name): could not describe the job to the worker (\(error))")
        }
        switch process.exchange(line, deadline: .now() + worker.timeLimit) {
        case .answer(let bytes):
            lock.withLock { idle.append(process) }
            switch try? JSONDecoder().decode(ModelWorker.Answer.self, from: Data(bytes)) {
            case .converted(let report): return report
            case .failed(let message): throw ModelWorker.Failure(description: message.replacingOccurrences(of: "error: ", with: ""))
            case nil: throw ModelWorker.Failure(description: "\(name): the model worker answered something unreadable")
            }
        case .timedOut:
            process.kill()
            throw ModelWorker.Failure(description: "\(name): reading the model took longer than \(Int(worker.timeLimit)) s and was stopped; the file may be damaged or far too large")
        case .ended(let reason):
            throw ModelWorker.Failure(description: "\(name): \(reason)")
        }
    }

    /// Lets every idle worker finish (closing its job pipe) and waits for it.
    public func shutDown() {
        let stopping = lock.withLock { () -> [WorkerProcess] in
            defer { idle.removeAll() }
            return idle
        }
        for process in stopping { process.stop() }
    }
}

/// One running `build-site worker`: jobs go to its standard input, answers come from its
/// standard output, one JSON line each; its standard error is discarded (assimp's chatter).
final class WorkerProcess {
    private let process = Process()
    private let jobs = Pipe()
    private let answers = Pipe()
    private var reader: LineReader
    private let exited = DispatchSemaphore(value: 0)
    private var hasExited = false

    init(_ worker: ModelWorker) throws {
        process.executableURL = worker.executable
        process.arguments = [ModelWorker.subcommand, "--memory-limit-mb", String(worker.memoryLimitMB)]
        process.standardInput = jobs
        process.standardOutput = answers
        process.standardError = FileHandle.nullDevice
        // A crash is expected now and then (that is why this is a child); skip Swift's
        // symbolicated backtrace, which takes seconds and is not read.
        var environment = ProcessInfo.processInfo.environment
        environment["SWIFT_BACKTRACE"] = "enable=no"
        environment.merge(worker.environment) { $1 }
        process.environment = environment
        reader = LineReader(fileDescriptor: answers.fileHandleForReading.fileDescriptor)
        let exited = self.exited
        process.terminationHandler = { _ in exited.signal() }
        try process.run()
    }

    enum Outcome {
        case answer([UInt8])
        case timedOut
        /// The worker is gone; why, in words for the model's error.
        case ended(String)
    }

    func exchange(_ job: Data, deadline: DispatchTime) -> Outcome {
        var bytes = [UInt8](job)
        bytes.append(UInt8(ascii: "\n"))
        let sent = FileDescriptorIO.writeAll(jobs.fileHandleForWriting.fileDescriptor, bytes)
        switch sent ? reader.next(deadline: deadline) : .closed {
        case .line(let answer): return .answer(answer)
        case .timedOut: return .timedOut
        case .closed: return .ended(endReason())
        }
    }

    /// Waits for the worker that closed its pipe and says how it ended.
    private func endReason() -> String {
        if !waitForExit(seconds: 10) { kill() }
        guard hasExited else { return "the model worker closed its output and did not end; it was killed" }
        switch process.terminationReason {
        case .uncaughtSignal:
            return "the 3D importer crashed (signal \(process.terminationStatus)) reading this file; it is probably damaged — re-export it from the modelling program"
        case .exit:
            return "the model worker stopped unexpectedly (exit \(process.terminationStatus)); the model may be far too large for the memory limit"
        @unknown default:
            return "the model worker stopped unexpectedly"
        }
    }

    func kill() {
        guard !hasExited else { return }
        Foundation.kill(process.processIdentifier, SIGKILL)
        // SIGKILL cannot be caught, so the end comes at once; still, never wait without a limit
        // (a lost exit notice would hang the whole build here).
        _ = waitForExit(seconds: 30)
    }

    /// No more jobs: the worker reads end-of-file and exits.
    func stop() {
        try? jobs.fileHandleForWriting.close()
        if !waitForExit(seconds: 10) { kill() }
    }

    /// True once the process has ended (the termination handler's signal is taken only once).
    private func waitForExit(seconds: Double) -> Bool {
        guard !hasExited else { return true }
        guard exited.wait(timeout: .now() + seconds) == .success else { return false }
        hasExited = true
        return true
    }
}
