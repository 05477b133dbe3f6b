import CQREncode
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A QR code symbol (the one Swift wrapper over libqrencode), and its rendering as inline SVG.
///
/// Text is encoded as its UTF-8 bytes in 8-bit (byte) mode, case-sensitive, with the smallest
/// version (1–40) that fits. The symbol is copied out of libqrencode, so the value is a plain,
/// immutable Swift struct.
public struct QRCode: Sendable, Equatable {
    /// Error-correction level: about 7 %, 15 %, 25 % and 30 % of the code may be damaged.
    public enum ErrorCorrection: Sendable, CaseIterable {
        case low, medium, quartile, high

        /// The most bytes a version-40 symbol holds in 8-bit mode at this level (ISO/IEC 18004 table 7).
        public var maximumByteCount: Int {
            switch self {
            case .low: return 2953
            case .medium: return 2331
            case .quartile: return 1663
            case .high: return 1273
            }
        }

        var cLevel: QRecLevel {
            switch self {
            case .low: return QR_ECLEVEL_L
            case .medium: return QR_ECLEVEL_M
            case .quartile: return QR_ECLEVEL_Q
            case .high: return QR_ECLEVEL_H
            }
        }
    }

    /// Modules per side, without quiet zone (21 for version 1, +4 per version).
    public let size: Int
    /// The symbol version, 1–40.
    public let version: Int
    public let errorCorrection: ErrorCorrection
    /// Row-major, `size * size`, true = dark.
    private let modules: [Bool]

    /// Encodes `text` (its UTF-8 bytes, 8-bit mode, smallest version that fits).
    public init(text: String, errorCorrection: ErrorCorrection = .medium) throws {
        try self.init(bytes: Array(text.utf8), errorCorrection: errorCorrection)
    }

    /// Encodes exactly `bytes` (may contain NUL) in 8-bit mode, smallest version that fits.
    public init(bytes: [UInt8], errorCorrection: ErrorCorrection = .medium) throws {
        guard !bytes.isEmpty else { throw QRCodeError.emptyInput }
        guard bytes.count <= errorCorrection.maximumByteCount else {
            throw QRCodeError.tooLong(byteCount: bytes.count, maximum: errorCorrection.maximumByteCount,
                                      errorCorrection: errorCorrection)
        }
        errno = 0
        let encoded = bytes.withUnsafeBufferPointer { buffer in
            QRcode_encodeData(Int32(buffer.count), buffer.baseAddress, 0, errorCorrection.cLevel)
        }
        guard let encoded else {
            let code = errno
            if code == ERANGE {
                throw QRCodeError.tooLong(byteCount: bytes.count, maximum: errorCorrection.maximumByteCount,
                                          errorCorrection: errorCorrection)
            }
            throw QRCodeError.encodingFailed(errno: code)
        }
        defer { QRcode_free(encoded) }

        let width = Int(encoded.pointee.width)
        guard width > 0, let data = encoded.pointee.data else { throw QRCodeError.encodingFailed(errno: 0) }
        // libqrencode: one byte per module; bit 0 set = dark. The other bits describe the module's role.
        modules = (0..<(width * width)).map { data[$0] & 1 != 0 }
        size = width
        version = Int(encoded.pointee.version)
        self.errorCorrection = errorCorrection
    }

    /// Whether the module at column `x`, row `y` (0,0 = top left) is dark.
    /// Coordinates outside the symbol are light (they are quiet zone).
    public func isDark(x: Int, y: Int) -> Bool {
        guard x >= 0, y >= 0, x < size, y < size else { return false }
        return modules[y * size + x]
    }

    /// A compact, deterministic inline SVG of the symbol.
    ///
    /// - The viewBox is in module units and includes `quietZone` light modules on every side
    ///   (4 is the minimum the standard asks for; negative values count as 0).
    /// - A white `<rect>` fills the background; all dark modules are ONE black `<path>`, each
    ///   horizontal run of dark modules one `M{x} {y}h{n}v1h-{n}z` rectangle, rows top to
    ///   bottom, runs left to right. `shape-rendering="crispEdges"` on the root keeps edges sharp.
    /// - `width`/`height` (in px) are written only when `moduleSize` is given (values below 1
    ///   count as 1); without them the SVG scales to its container.
    /// - `title`, when given and not empty, becomes `role="img"` plus a `<title>` child
    ///   (XML-escaped) so screen readers announce it.
    public func svg(moduleSize: Int? = nil, quietZone: Int = 4, title: String? = nil) -> String {
        let margin = max(0, quietZone)
        let extent = size + 2 * margin
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(extent) \(extent)\""
        if let moduleSize {
            let pixels = extent * max(1, moduleSize)
            out += " width=\"\(pixels)\" height=\"\(pixels)\""
        }
        out += " shape-rendering=\"crispEdges\""
        let label = title.map(Self.xmlEscaped) ?? ""
        if !label.isEmpty { out += " role=\"img\"" }
        out += ">"
        if !label.isEmpty { out += "<title>\(label)</title>" }
        out += "<rect width=\"\(extent)\" height=\"\(extent)\" fill=\"#fff\"/>"
        // Each row's dark runs as one-unit-wide strokes along the row's middle: an absolute move
        // to the row's first run, then relative moves ("m3 0h2"). About half the bytes of filled
        // rectangles, which matters for a code inlined into every product page.
        out += "<path stroke=\"#000\" d=\""
        for y in 0..<size {
            var x = 0
            var penX: Int?
            while x < size {
                guard isDark(x: x, y: y) else { x += 1; continue }
                let start = x
                while x < size && isDark(x: x, y: y) { x += 1 }
                if let pen = penX {
                    out += "m\(start - pen) 0"
                } else {
                    out += "M\(start + margin) \(y + margin).5"
                }
                out += "h\(x - start)"
                penX = x
            }
        }
        out += "\"/></svg>"
        return out
    }

    /// Escapes text for XML character data and attribute values, dropping characters XML 1.0
    /// does not allow at all (most C0 controls).
    static func xmlEscaped(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            default:
                let v = scalar.value
                if v < 0x20 || v == 0xFFFE || v == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}

/// Why a QR code could not be made.
public enum QRCodeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// Nothing to encode.
    case emptyInput
    /// More bytes than the largest symbol (version 40) holds at this error-correction level.
    case tooLong(byteCount: Int, maximum: Int, errorCorrection: QRCode.ErrorCorrection)
    /// libqrencode returned no symbol for another reason (errno as reported).
    case encodingFailed(errno: Int32)

    public var description: String {
        switch self {
        case .emptyInput:
            return "QR code: cannot encode empty text"
        case .tooLong(let count, let maximum, let level):
            return "QR code: \(count) bytes do not fit; at error correction \(level) a QR code holds at most \(maximum) bytes (use a lower level or shorter text)"
        case .encodingFailed(let code):
            return "QR code: libqrencode failed (errno \(code))"
        }
    }
}
