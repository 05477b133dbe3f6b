import Foundation
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Debian's headless Chromium, driven for the acceptance checks.
///
/// Console errors are read over the DevTools protocol rather than from `--enable-logging=stderr`:
/// the stderr log shows console messages and uncaught exceptions but not failed resource loads
/// (a missing image logs nothing there). A small Python helper, `scripts/browser/cdp_check.py`
/// (shared with the poster calibration), launches Chromium with `--remote-debugging-pipe`, opens
/// each page in a fresh tab and records Runtime.exceptionThrown, console.error/assert, error-level
/// Log entries ("Failed to load resource: …"), Network failures and HTTP ≥ 400 for the page's own
/// origin, and requests to any other origin. Every other host is made unresolvable, so nothing
/// leaves the machine.
enum HeadlessChromium {
    static var executable: URL? {
        let path = ProcessInfo.processInfo.environment["SMARTVILLAGE_CHROMIUM"] ?? "/usr/bin/chromium"
        return FileManager.default.isExecutableFile(atPath: path) ? URL(fileURLWithPath: path) : nil
    }

    static let missingMessage = "headless Chromium (/usr/bin/chromium, Debian package chromium) is not installed; "
        + "the browser tests need it (or set SMARTVILLAGE_CHROMIUM to a Chromium binary)"

    static let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--use-angle=swiftshader", "--enable-unsafe-swiftshader",
                        "--no-first-run", "--no-default-browser-check", "--disable-extensions", "--disable-sync",
                        "--disable-background-networking", "--disable-component-update", "--mute-audio", "--hide-scrollbars",
                        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]

    struct PageRequest: Encodable {
        var url: String
        var screenshot: String?
        var dom: Bool = false
        /// A JavaScript expression evaluated once the page has settled; its value (a Promise's, awaited)
        /// comes back as a string.
        var evaluate: String?
        /// This page's viewport, when it differs from the run's.
        var width: Int?
        var height: Int?
        /// Press Tab this many times at the end and record what had focus after each press.
        var tabs: Int?
    }

    struct PageResult: Decodable {
        var url: String
        var errors: [String]
        var failedRequests: [String]
        var externalRequests: [String]
        var screenshot: String?
        var dom: String?
        var evaluated: String?
        /// After each Tab press: "tag|slot|href|text" of the focused element ("body" for none).
        var focusOrder: [String]?
        var seconds: Double?
        var problems: [String] { errors + failedRequests.map { "failed request: \($0)" } }
    }

    enum Failure: Error, CustomStringConvertible {
        case helper(String)
        var description: String { switch self { case let .helper(why): return "Chromium check failed: \(why)" } }
    }

    private struct Config: Encodable {
        var chromium: String
        var profile: String
        var origin: String
        var log: String
        var width: Int
        var height: Int
        var pageTimeout: Double
        var pages: [PageRequest]
    }

    private struct Output: Decodable {
        var pages: [PageResult]
        var fatal: String?
    }

    /// Loads every page, `parallel` Chromium instances at a time (pages dealt round-robin), and
    /// returns one result per page in the order asked.
    static func check(_ pages: [PageRequest], origin: String, workFolder: URL, parallel: Int = 2,
                      width: Int = 390, height: Int = 844, pageTimeout: Double = 20,
                      timeLimit: TimeInterval = 600) throws -> [PageResult] {
        guard let chromium = executable else { throw Failure.helper(missingMessage) }
        guard let python = StaticServer.python else { throw Failure.helper("python3 is not on PATH") }
        try FileManager.default.createDirectory(at: workFolder, withIntermediateDirectories: true)
        let script = PackagePaths.root.appendingPathComponent("scripts/browser/cdp_check.py")

        let groups = max(1, min(parallel, pages.count))
        var runs: [(process: Process, output: URL, log: URL, indices: [Int])] = []
        for group in 0..<groups {
            let indices = Array(stride(from: group, to: pages.count, by: groups))
            let config = Config(chromium: chromium.path, profile: workFolder.appendingPathComponent("profile-\(group)").path,
                                origin: origin, log: workFolder.appendingPathComponent("chromium-\(group).log").path,
                                width: width, height: height, pageTimeout: pageTimeout, pages: indices.map { pages[$0] })
            let configURL = workFolder.appendingPathComponent("config-\(group).json")
            try JSONEncoder().encode(config).write(to: configURL)
            let output = workFolder.appendingPathComponent("result-\(group).json")
            let log = workFolder.appendingPathComponent("helper-\(group).log")
            _ = FileManager.default.createFile(atPath: log.path, contents: nil)
            let process = Process()
            process.executableURL = python
            process.arguments = [script.path, configURL.path, output.path]
            process.standardInput = FileHandle.nullDevice
            process.standardOutput = try FileHandle(forWritingTo: log)
            process.standardError = try FileHandle(forWritingTo: log)
            try process.run()
            runs.append((process, output, log, indices))
        }
        try waitForAll(runs.map(\.process), timeLimit: timeLimit)

        var results = [PageResult?](repeating: nil, count: pages.count)
        for run in runs {
            let helperLog = (try? String(contentsOf: run.log, encoding: .utf8)) ?? ""
            guard let data = try? Data(contentsOf: run.output) else {
                throw Failure.helper("the helper wrote no result (exit \(run.process.terminationStatus)): \(helperLog)")
            }
            let output = try JSONDecoder().decode(Output.self, from: data)
            if let fatal = output.fatal { throw Failure.helper("\(fatal) \(helperLog)") }
            for (index, result) in zip(run.indices, output.pages) { results[index] = result }
        }
        return try results.enumerated().map { index, result in
            guard let result else { throw Failure.helper("no result for \(pages[index].url)") }
            return result
        }
    }

    /// `chromium --dump-dom URL`: the DOM after scripts ran (virtual time lets deferred work finish).
    static func dumpDOM(_ url: String, workFolder: URL, timeLimit: TimeInterval = 60) throws -> String {
        guard let chromium = executable else { throw Failure.helper(missingMessage) }
        let folder = workFolder.appendingPathComponent("dump-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let out = folder.appendingPathComponent("dom.html"), err = folder.appendingPathComponent("stderr.log")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = chromium
        process.arguments = flags + ["--virtual-time-budget=5000", "--user-data-dir=" + folder.appendingPathComponent("profile").path,
                                     "--dump-dom", url]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        try waitForAll([process], timeLimit: timeLimit)
        let dom = try String(contentsOf: out, encoding: .utf8)
        if process.terminationStatus != 0 || dom.isEmpty {
            let log = (try? String(contentsOf: err, encoding: .utf8)) ?? ""
            throw Failure.helper("chromium --dump-dom \(url) exited \(process.terminationStatus): \(log.suffix(2000))")
        }
        return dom
    }

    private static func waitForAll(_ processes: [Process], timeLimit: TimeInterval) throws {
        let deadline = Date().addingTimeInterval(timeLimit)
        while processes.contains(where: \.isRunning) {
            if Date() > deadline {
                for process in processes where process.isRunning { process.terminate() }
                for process in processes { process.waitUntilExit() }
                throw Failure.helper("Chromium did not finish within \(Int(timeLimit)) s")
            }
            usleep(50_000)
        }
        for process in processes { process.waitUntilExit() }
    }
}
