import FlyingFox
import FlyingSocks
import Foundation
import SiteBuild

/// `build-site serve`: the authoring loop. Builds the site into a private folder (never the
/// project's `_site/`), serves it, watches content/, models/ and site-templates/, rebuilds
/// after each burst of saves (the model cache and page reuse make that cost what changed) and
/// tells open pages to reload, or shows them what is wrong while the last good site stays up.
public final class ServeSession: @unchecked Sendable {
    public struct Options: Sendable {
        /// The build's options; `outputDirectory` and `baseURL` are set by the session.
        public var build: SiteBuilder.Options
        public var bindAddress: String
        /// 0 takes any free port (the tests do).
        public var port: UInt16
        public var verbose: Bool
        /// Scan for changes instead of inotify (for file systems without it, and to measure).
        public var forcePolling: Bool

        public init(build: SiteBuilder.Options, bindAddress: String = "127.0.0.1", port: UInt16 = 1313,
                    verbose: Bool = false, forcePolling: Bool = false) {
            self.build = build
            self.bindAddress = bindAddress
            self.port = port
            self.verbose = verbose
            self.forcePolling = forcePolling
        }
    }

    public enum Problem: Error, CustomStringConvertible {
        case cannotListen(String, UInt16, String)
        public var description: String {
            switch self {
            case let .cannotListen(address, port, reason):
                "cannot listen on \(address):\(port) (\(reason)); is another build-site serve or hugo server running? Try --port"
            }
        }
    }

    private let options: Options
    private let say: @Sendable (String) -> Void
    private let channel = ReloadChannel()
    private let privateFolder: URL
    private var server: HTTPServer?
    private var builds = 0

    /// `say` receives what the terminal shows.
    public init(options: Options, say: @escaping @Sendable (String) -> Void = { print($0) }) {
        self.options = options
        self.say = say
        privateFolder = FileManager.default.temporaryDirectory
            .appendingPathComponent("build-site-serve-\(getpid())-\(UInt32.random(in: 0 ... .max))")
    }

    /// Binds, builds, serves; then rebuilds on every change until the process ends.
    public func run() throws {
        let port = try listen()
        let shownHost = options.bindAddress == "0.0.0.0" ? (LANAddress.find() ?? "127.0.0.1") : options.bindAddress
        let origin = "http://\(Self.hostForURL(shownHost)):\(port)"
        var build = options.build
        build.outputDirectory = privateFolder.appendingPathComponent("site")
        build.baseURL = URL(string: origin + "/")
        let handler = SiteHandler(folder: ServedFolder(build.outputDirectory), channel: channel, builtOrigin: origin)
        handlerBox.set(handler)

        removeFolderOnExit()
        try FileManager.default.createDirectory(at: build.outputDirectory, withIntermediateDirectories: true)
        rebuild(build, reason: nil, firstWrite: nil)
        say("Serving the site at \(origin)/ (a private copy; _site/ is not touched). Press Ctrl+C to stop.")
        if options.bindAddress == "0.0.0.0" {
            say("On a phone on the same Wi-Fi, open \(origin)/ or scan:")
            if let qr = try? TerminalQR.render(origin + "/") { say(qr) }
            say("The 3D view works over plain http; AR in Safari (Quick Look) and Chrome (WebXR) wants HTTPS — see the README.")
        }

        let root = build.projectRoot
        let watched = [build.contentDirectory, build.templatesDirectory, root.appendingPathComponent("models")]
        let watcher = ChangeWatcher(projectRoot: root, folders: watched, forcePolling: options.forcePolling)
        if options.verbose { say("watching \(watched.map { $0.lastPathComponent + "/" }.joined(separator: ", ")) by \(watcher.method.rawValue)") }
        startKeepAlive()
        while true {
            let burst = watcher.next()
            rebuild(build, reason: burst.paths, firstWrite: burst.firstWrite)
        }
    }

    // MARK: - Building

    private func rebuild(_ build: SiteBuilder.Options, reason: [String]?, firstWrite: Date?) {
        if let reason {
            let shown = reason.prefix(3).joined(separator: ", ") + (reason.count > 3 ? " and \(reason.count - 3) more" : "")
            say("changed: \(shown)")
        }
        let verbose = options.verbose
        let say = self.say
        let started = Date()
        let builder = SiteBuilder(options: build) { line in
            if verbose { say(line) }
        }
        do {
            let summary = try builder.build()
            builds += 1
            channel.siteChanged()
            let sent = Date()
            var line = "built in \(Self.ms(sent.timeIntervalSince(started))) ms (\(summary.pages) pages, \(summary.reusedPages) reused"
            if summary.cachedModels > 0 { line += ", \(summary.cachedModels) models from the cache" }
            line += ")"
            if let firstWrite, verbose {
                line += "; reload sent \(Self.ms(sent.timeIntervalSince(firstWrite))) ms after the save"
            }
            say(line)
            for warning in summary.warnings where verbose { say(warning) }
        } catch {
            let text = "\(error.step) failed:\n\(error.description)"
            channel.buildFailed(text)
            let served = builds > 0 ? "The last good site is still served" : "Nothing is served until the site builds"
            say("error: \(text)\n\(served); fix the file and save it again.")
        }
    }

    static func ms(_ seconds: TimeInterval) -> Int { Int((seconds * 1000).rounded()) }

    // MARK: - Serving

    /// The handler is set once the port (and so the base URL) is known; requests before that
    /// are told the site is being built.
    private let handlerBox = HandlerBox()

    final class HandlerBox: HTTPHandler, @unchecked Sendable {
        private let lock = NSLock()
        private var handler: SiteHandler?
        func set(_ handler: SiteHandler) { lock.withLock { self.handler = handler } }
        func handleRequest(_ request: HTTPRequest) async throws -> HTTPResponse {
            guard let handler = lock.withLock({ handler }) else {
                return HTTPResponse(statusCode: .serviceUnavailable, headers: [HTTPHeader("Retry-After"): "1"], body: Data("The site is being built.\n".utf8))
            }
            return try await handler.handleRequest(request)
        }
    }

    /// Starts the server on its own task and returns the port it listens on.
    private func listen() throws -> UInt16 {
        let address: any SocketAddress
        do {
            address = options.bindAddress.contains(":")
                ? try sockaddr_in6.inet6(ip6: options.bindAddress, port: options.port)
                : try sockaddr_in.inet(ip4: options.bindAddress, port: options.port)
        } catch {
            throw Problem.cannotListen(options.bindAddress, options.port, "not an IP address")
        }
        let server = HTTPServer(address: address, timeout: 30, logger: .disabled, handler: handlerBox)
        self.server = server
        let outcome = Outcome()
        Task {
            do { try await server.run() } catch { outcome.finish(.failure(error)) }
        }
        Task {
            do {
                try await server.waitUntilListening(timeout: 10)
                guard case .ip4(_, let port)? = await server.listeningAddress else {
                    if case .ip6(_, let port)? = await server.listeningAddress { outcome.finish(.success(port)) }
                    return
                }
                outcome.finish(.success(port))
            } catch {
                outcome.finish(.failure(error))
            }
        }
        switch outcome.wait() {
        case .success(let port): return port
        case .failure(let error): throw Problem.cannotListen(options.bindAddress, options.port, "\(error)")
        }
    }

    /// The first of two results (listening, or the server's failure), for a synchronous caller.
    private final class Outcome: @unchecked Sendable {
        private let lock = NSLock()
        private let done = DispatchSemaphore(value: 0)
        private var result: Result<UInt16, any Error>?
        func finish(_ value: Result<UInt16, any Error>) {
            let first = lock.withLock { () -> Bool in
                guard result == nil else { return false }
                result = value
                return true
            }
            if first { done.signal() }
        }
        func wait() -> Result<UInt16, any Error> {
            done.wait()
            return lock.withLock { result! }
        }
    }

    private func startKeepAlive() {
        let channel = self.channel
        Thread.detachNewThread {
            while true {
                Thread.sleep(forTimeInterval: 15)
                channel.keepAlive()
            }
        }
    }

    // MARK: - Ending

    private var signalSources: [any DispatchSourceSignal] = []

    /// Ctrl+C (or a kill) removes the private folder before the process ends.
    private func removeFolderOnExit() {
        let folder = privateFolder
        for number in [SIGINT, SIGTERM, SIGHUP] {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler {
                // The build's background `rm` of a replaced output may still be deleting in
                // there, and a removal that meets a file vanishing under it stops: try again.
                for _ in 0..<20 where FileManager.default.fileExists(atPath: folder.path) {
                    try? FileManager.default.removeItem(at: folder)
                    if FileManager.default.fileExists(atPath: folder.path) { usleep(50_000) }
                }
                exit(0)
            }
            source.resume()
            signalSources.append(source)
        }
    }

    static func hostForURL(_ host: String) -> String { host.contains(":") ? "[\(host)]" : host }
}
