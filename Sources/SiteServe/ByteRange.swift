import Foundation

/// One `Range: bytes=…` request (RFC 9110 §14.1.2) against a file of `length` bytes. Safari asks
/// for ranges of a .usdz before Quick Look opens it; model-viewer's loader may too.
enum ByteRange: Equatable {
    /// No usable Range header (absent, another unit, or several ranges): send the whole file.
    case whole
    case part(Range<Int>)
    /// Asked for bytes the file does not have: 416 with `Content-Range: bytes */length`.
    case unsatisfiable

    init(header: String?, length: Int) {
        guard let header = header?.trimmingCharacters(in: .whitespaces), header.lowercased().hasPrefix("bytes=") else {
            self = .whole
            return
        }
        let spec = header.dropFirst("bytes=".count).trimmingCharacters(in: .whitespaces)
        // Several ranges would need multipart/byteranges; sending the whole file is allowed instead.
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else {
            self = .whole
            return
        }
        let first = spec[..<dash].trimmingCharacters(in: .whitespaces)
        let last = spec[spec.index(after: dash)...].trimmingCharacters(in: .whitespaces)
        switch (Int(first), Int(last)) {
        case let (start?, end?) where start >= 0 && end >= start:
            self = start < length ? .part(start ..< min(end + 1, length)) : .unsatisfiable
        case let (start?, nil) where last.isEmpty && start >= 0:
            self = start < length ? .part(start ..< length) : .unsatisfiable
        case let (nil, suffix?) where first.isEmpty && suffix > 0:
            self = length > 0 ? .part(max(0, length - suffix) ..< length) : .unsatisfiable
        case (nil, 0?) where first.isEmpty:
            self = .unsatisfiable
        default:
            self = .whole  // malformed: ignored, as servers do
        }
    }
}
