import FlyingFox
import FlyingSocks
import Foundation

/// Server-Sent Events to every open page: `reload` after a good rebuild, `failed` with the
/// build's `path:line: what is wrong` text after a bad one. Chosen over WebSocket because the
/// browser's `EventSource` reconnects by itself when `serve` is restarted, and a test reads the
/// stream with a plain socket.
///
/// Each event carries the number of the site's last good build; a page that reconnects and
/// hears another number than the one it was loaded with reloads, so a rebuild that happened
/// while it was away is not missed.
final class ReloadChannel: @unchecked Sendable {
    private let lock = NSLock()
    private var listeners: [Int: AsyncStream<[UInt8]>.Continuation] = [:]
    private var nextListener = 0
    private(set) var generation = 0
    private var failure: String?

    var listenerCount: Int { lock.withLock { listeners.count } }

    /// A new page listening: it first hears the current state.
    func listen() -> AsyncStream<[UInt8]> {
        let (stream, continuation) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingNewest(16))
        let greeting = lock.withLock { () -> [UInt8] in
            let id = nextListener
            nextListener += 1
            listeners[id] = continuation
            continuation.onTermination = { [weak self] _ in self?.forget(id) }
            var text = "retry: 1000\n\n" + Self.event("hello", "\(generation)")
            if let failure { text += Self.event("failed", failure) }
            return Array(text.utf8)
        }
        continuation.yield(greeting)
        return stream
    }

    /// A rebuild succeeded: open pages reload (and lose any error overlay).
    func siteChanged() {
        let message = lock.withLock { () -> String in
            generation += 1
            failure = nil
            return Self.event("reload", "\(generation)")
        }
        send(message)
    }

    /// A rebuild failed: open pages show `text` over the last good page.
    func buildFailed(_ text: String) {
        lock.withLock { failure = text }
        send(Self.event("failed", text))
    }

    /// A comment line now and then, so a page that went away is noticed (its write fails).
    func keepAlive() { send(": keep-alive\n\n") }

    func closeAll() {
        let all = lock.withLock { () -> [AsyncStream<[UInt8]>.Continuation] in
            defer { listeners.removeAll() }
            return Array(listeners.values)
        }
        for continuation in all { continuation.finish() }
    }

    private func send(_ text: String) {
        let bytes = Array(text.utf8)
        let all = lock.withLock { Array(listeners) }
        for (id, continuation) in all {
            if case .terminated = continuation.yield(bytes) { forget(id) }
        }
    }

    private func forget(_ id: Int) { _ = lock.withLock { listeners.removeValue(forKey: id) } }

    /// One SSE event; every line of `data` becomes its own `data:` line.
    static func event(_ name: String, _ data: String) -> String {
        // By bytes: in Swift "\r\n" is one Character, which splitting on "\n" would not cut.
        let plain = data.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        let lines = plain.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { "data: " + String(decoding: $0, as: UTF8.self) }
        return "event: \(name)\n" + lines.joined(separator: "\n") + "\n\n"
    }
}

/// An `AsyncStream` of byte chunks as the byte sequence FlyingFox streams a body from
/// (sent with chunked transfer encoding, each event as it comes).
struct EventStreamBytes: AsyncBufferedSequence {
    typealias Element = UInt8
    let chunks: AsyncStream<[UInt8]>

    func makeAsyncIterator() -> Iterator { Iterator(chunks: chunks.makeAsyncIterator()) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        var chunks: AsyncStream<[UInt8]>.Iterator
        var pending: ArraySlice<UInt8> = []

        mutating func next() async -> UInt8? {
            await nextBuffer(suggested: 1)?.first
        }

        mutating func nextBuffer(suggested count: Int) async -> ArraySlice<UInt8>? {
            while pending.isEmpty {
                guard let chunk = await chunks.next() else { return nil }
                pending = chunk[...]
            }
            let taken = pending.prefix(Swift.max(1, count))
            pending = pending.dropFirst(taken.count)
            return taken
        }
    }
}
