import Foundation

/// Whole-line reads and whole writes on a pipe's file descriptor, with an optional deadline.
struct LineReader {
    let fileDescriptor: Int32
    private var buffer: [UInt8] = []
    /// Where `read` puts bytes; allocated once (a fresh, zeroed 64 KiB per read showed up as
    /// most of a warm worker's time on small models, in page faults and memset).
    private var chunk = [UInt8](repeating: 0, count: 65_536)

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
            let descriptor = fileDescriptor
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
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
