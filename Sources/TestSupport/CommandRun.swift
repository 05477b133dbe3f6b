import Foundation

/// Runs a program to its end and returns its exit status and output. Both pipes are read as
/// the program writes (reading one to its end first deadlocks once the other fills), and a
/// program that outlives `timeLimit` is killed and reported, so a hang fails one test instead
/// of stalling the whole run.
public enum CommandRun {
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        public var timedOut: Bool
    }

    public static func run(_ executable: URL, _ arguments: [String], in folder: URL? = nil,
                           environment: [String: String] = [:], timeLimit: TimeInterval = 600) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        if let folder { process.currentDirectoryURL = folder }
        process.standardInput = FileHandle.nullDevice
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        let collected = Collected()
        let group = DispatchGroup()
        for (pipe, isError) in [(output, false), (errors, true)] {
            group.enter()
            Thread.detachNewThread {
                let data = pipe.fileHandleForReading.readDataToEndOfFile()
                collected.set(data, isError: isError)
                group.leave()
            }
        }
        try process.run()
        var timedOut = false
        if group.wait(timeout: .now() + timeLimit) == .timedOut {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
            _ = group.wait(timeout: .now() + 10)
        }
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: collected.text(isError: false),
                      stderr: collected.text(isError: true) + (timedOut ? "\n(killed after \(Int(timeLimit)) s)" : ""),
                      timedOut: timedOut)
    }

    /// `build-site` built alongside the tests.
    public static func buildSite(_ arguments: [String], in folder: URL? = nil, timeLimit: TimeInterval = 600) throws -> Result {
        try run(PackagePaths.buildSiteExecutable, arguments, in: folder, timeLimit: timeLimit)
    }

    private final class Collected: @unchecked Sendable {
        private let lock = NSLock()
        private var out = Data(), err = Data()
        func set(_ data: Data, isError: Bool) { lock.withLock { if isError { err = data } else { out = data } } }
        func text(isError: Bool) -> String { lock.withLock { String(decoding: isError ? err : out, as: UTF8.self) } }
    }
}
