import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A folder served on 127.0.0.1 at a free port by `python3 -m http.server` (port 0: the kernel
/// picks the port and the server prints it). Call `stop()` when done (tests do it in a defer).
final class StaticServer {
    let root: URL
    let port: Int
    /// "http://127.0.0.1:PORT" (no trailing slash).
    let origin: String
    /// The server's request log (python's http.server writes one line per request to stderr).
    let logFile: URL
    private let process: Process

    enum Failure: Error, CustomStringConvertible {
        case noPython
        case didNotStart(String)
        var description: String {
            switch self {
            case .noPython: return "python3 is not on PATH; the browser tests serve the site with python3 -m http.server"
            case let .didNotStart(why): return "the static server did not start: \(why)"
            }
        }
    }

    static var python: URL? {
        for folder in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let candidate = URL(fileURLWithPath: String(folder)).appendingPathComponent("python3")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        return nil
    }

    init(root: URL, logFile: URL) throws {
        guard let python = Self.python else { throw Failure.noPython }
        self.root = root
        self.logFile = logFile
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let process = Process()
        process.executableURL = python
        process.arguments = ["-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", root.path]
        let stdout = Pipe()
        process.standardOutput = stdout
        process.standardError = try FileHandle(forWritingTo: logFile)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        self.process = process

        // "Serving HTTP on 127.0.0.1 port 40123 (http://127.0.0.1:40123/) ..."
        var printed = ""
        var port: Int?
        let deadline = Date().addingTimeInterval(15)
        let reader = stdout.fileHandleForReading
        while port == nil, Date() < deadline, process.isRunning {
            var poller = pollfd(fd: reader.fileDescriptor, events: Int16(POLLIN), revents: 0)
            guard poll(&poller, 1, 200) > 0 else { continue }
            let chunk = reader.availableData
            if chunk.isEmpty { break }
            printed += String(decoding: chunk, as: UTF8.self)
            port = printed.firstMatch(of: /port (\d+)/).flatMap { Int($0.1) }
        }
        guard let port else {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            let log = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
            throw Failure.didNotStart("stdout: \(printed) stderr: \(log)")
        }
        self.port = port
        self.origin = "http://127.0.0.1:\(port)"
        // Wait until it answers a request, not only until it printed its port.
        let answerBy = Date().addingTimeInterval(10)
        while Self.status(port: port, path: "/") == nil {
            guard Date() < answerBy, process.isRunning else {
                stop()
                throw Failure.didNotStart("nothing answers on port \(port)")
            }
            usleep(50_000)
        }
    }

    deinit { stop() }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    /// The HTTP status of GET `path`, or nil when nothing answers (a plain socket; no URLSession).
    static func status(port: Int, path: String) -> Int? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var timeout = timeval(tv_sec: 2, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return nil }
        let request = Array("GET \(path) HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        guard send(fd, request, request.count, 0) == request.count else { return nil }
        var buffer = [UInt8](repeating: 0, count: 64)
        let received = recv(fd, &buffer, buffer.count, 0)
        guard received > 12 else { return nil }
        // "HTTP/1.0 200 OK"
        let line = String(decoding: buffer[0..<received], as: UTF8.self)
        return line.split(separator: " ").dropFirst().first.flatMap { Int($0) }
    }

    /// Request-log lines with a 4xx/5xx status (what the server could not serve).
    var failedRequestsInLog: [String] {
        let log = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
        return log.split(separator: "\n").filter { $0.contains("\" 4") || $0.contains("\" 5") }.map(String.init)
    }
}
