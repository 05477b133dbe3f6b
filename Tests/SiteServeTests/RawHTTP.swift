import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A plain-socket HTTP/1.1 client for the serve tests: it sends the request line exactly as
/// written (no client-side normalization of `..`), which URLSession and curl would not.
final class RawHTTP {
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: [UInt8]
        var text: String { String(decoding: body, as: UTF8.self) }
    }

    private let descriptor: Int32
    private var received: [UInt8] = []

    init(port: UInt16, timeout seconds: Int = 20) throws {
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { throw POSIXError(.EIO) }
        var timeout = timeval(tv_sec: seconds, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(port.bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { close(descriptor); throw POSIXError(.ECONNREFUSED) }
    }

    deinit { close(descriptor) }

    func send(_ path: String, headers: [String: String] = [:], port: UInt16, keepOpen: Bool = false) {
        var request = "GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        if !keepOpen { request += "Connection: close\r\n" }
        request += "\r\n"
        let bytes = Array(request.utf8)
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    /// Reads until the server closes (or the time limit).
    func readAll() -> [UInt8] {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            received += chunk[..<count]
        }
        return received
    }

    /// Reads an event stream until an event containing `text` has fully arrived after byte
    /// `offset`; returns everything from `offset` to that event's end (and moves `offset`
    /// there), or nil after `seconds`.
    func waitFor(_ text: String, after offset: inout Int, seconds: TimeInterval) -> String? {
        let needle = Array(text.utf8), blankLine = Array("\n\n".utf8)
        let deadline = Date().addingTimeInterval(seconds)
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            if let start = Self.find(needle, in: received, from: offset),
               let end = Self.find(blankLine, in: received, from: start + needle.count) {
                let event = String(decoding: received[offset ..< end + 2], as: UTF8.self)
                offset = end + 2
                return event
            }
            if Date() > deadline { return nil }
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 { received += chunk[..<count] } else if count == 0 { return nil }
        }
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard needle.count <= haystack.count, start <= haystack.count - needle.count else { return nil }
        for index in start ... haystack.count - needle.count where haystack[index ..< index + needle.count].elementsEqual(needle) {
            return index
        }
        return nil
    }

    static func get(_ path: String, port: UInt16, headers: [String: String] = [:]) throws -> Response {
        let client = try RawHTTP(port: port)
        client.send(path, headers: headers, port: port)
        return parse(client.readAll())
    }

    static func parse(_ bytes: [UInt8]) -> Response {
        let split = find(Array("\r\n\r\n".utf8), in: bytes, from: 0) ?? bytes.count
        let head = String(decoding: bytes[..<split], as: UTF8.self).components(separatedBy: "\r\n")
        let status = head.first.flatMap { Int($0.split(separator: " ").dropFirst().first ?? "") } ?? 0
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Response(status: status, headers: headers, body: Array(bytes[min(bytes.count, split + 4)...]))
    }
}
