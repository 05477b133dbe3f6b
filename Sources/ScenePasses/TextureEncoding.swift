/// What the texture pass can learn from an encoded image's header without decoding it.
///
/// Decoding a 4096² PNG costs tens of milliseconds and 64 MiB; most textures need no change, and
/// the header alone (size, and for PNG whether an alpha channel exists at all) is enough to know.
struct EncodedImageInfo: Sendable, Equatable {
    enum Container: Sendable, Equatable { case png, jpeg }

    var container: Container
    var width: Int
    var height: Int
    /// False when the file cannot hold non-opaque pixels (JPEG; PNG grey/RGB/palette without tRNS).
    /// True only says an alpha channel exists; whether it is used needs the pixels.
    var mayHaveAlpha: Bool

    /// nil when the bytes are neither a PNG nor a baseline/progressive JPEG with a readable frame header.
    init?(_ bytes: [UInt8]) {
        if let png = Self.png(bytes) {
            self = png
        } else if let jpeg = Self.jpeg(bytes) {
            self = jpeg
        } else {
            return nil
        }
    }

    private init(container: Container, width: Int, height: Int, mayHaveAlpha: Bool) {
        self.container = container
        self.width = width
        self.height = height
        self.mayHaveAlpha = mayHaveAlpha
    }

    private static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// IHDR gives size and colour type; a tRNS chunk (before IDAT, by the PNG rules) adds alpha
    /// to the types that have no alpha channel of their own.
    private static func png(_ b: [UInt8]) -> EncodedImageInfo? {
        guard b.count >= 33, b.starts(with: pngSignature), Array(b[12..<16]) == Array("IHDR".utf8) else { return nil }
        let width = Int(be32(b, 16)), height = Int(be32(b, 20))
        let colourType = b[25]
        guard width > 0, height > 0 else { return nil }
        var alpha = colourType == 4 || colourType == 6
        if !alpha {
            // Walk the chunks: length (4) type (4) data (length) CRC (4).
            var offset = 8
            while offset + 8 <= b.count {
                let length = Int(be32(b, offset))
                let type = String(decoding: b[(offset + 4)..<(offset + 8)], as: UTF8.self)
                if type == "tRNS" { alpha = true; break }
                if type == "IDAT" || type == "IEND" { break }
                offset += 12 + length
            }
        }
        return EncodedImageInfo(container: .png, width: width, height: height, mayHaveAlpha: alpha)
    }

    /// Walks the marker segments up to the first start-of-frame (SOF0…SOF15 except DHT, JPG, DAC).
    private static func jpeg(_ b: [UInt8]) -> EncodedImageInfo? {
        guard b.count >= 4, b[0] == 0xFF, b[1] == 0xD8 else { return nil }
        var offset = 2
        while offset + 4 <= b.count {
            guard b[offset] == 0xFF else { return nil }
            let marker = b[offset + 1]
            if marker == 0xFF { offset += 1; continue }  // fill byte
            if marker == 0x01 || (0xD0...0xD7).contains(marker) { offset += 2; continue }  // no length
            if marker == 0xD9 || marker == 0xDA { return nil }  // end of image / scan before any frame
            let length = Int(b[offset + 2]) << 8 | Int(b[offset + 3])
            let isFrame = (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
            if isFrame {
                guard offset + 9 <= b.count else { return nil }
                let height = Int(b[offset + 5]) << 8 | Int(b[offset + 6])
                let width = Int(b[offset + 7]) << 8 | Int(b[offset + 8])
                guard width > 0, height > 0 else { return nil }
                return EncodedImageInfo(container: .jpeg, width: width, height: height, mayHaveAlpha: false)
            }
            offset += 2 + length
        }
        return nil
    }

    private static func be32(_ b: [UInt8], _ i: Int) -> UInt32 {
        UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
    }
}

/// How materials use one image. An image can serve several slots (and several materials).
public struct TextureUsage: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let baseColor = TextureUsage(rawValue: 1 << 0)
    public static let emissive = TextureUsage(rawValue: 1 << 1)
    public static let metallicRoughness = TextureUsage(rawValue: 1 << 2)
    public static let occlusion = TextureUsage(rawValue: 1 << 3)
    public static let normal = TextureUsage(rawValue: 1 << 4)
    /// Base colour whose alpha a MASK or BLEND material reads; for OPAQUE materials glTF ignores alpha.
    public static let alphaSource = TextureUsage(rawValue: 1 << 5)

    /// Colour textures hold sRGB-encoded light and are filtered in linear light; everything
    /// else is data and is filtered as stored. Used both ways, the image is treated as data:
    /// averaging data through the sRGB curve would corrupt it, while averaging colour as stored
    /// only darkens it slightly.
    public var isColour: Bool {
        !isDisjoint(with: [.baseColor, .emissive]) && isDisjoint(with: [.metallicRoughness, .occlusion, .normal])
    }

    public var description: String {
        let names: [(TextureUsage, String)] = [
            (.baseColor, "base colour"), (.alphaSource, "alpha"), (.emissive, "emissive"),
            (.metallicRoughness, "metallic-roughness"), (.occlusion, "occlusion"), (.normal, "normal"),
        ]
        let parts = names.filter { contains($0.0) }.map(\.1)
        return parts.isEmpty ? "unused" : parts.joined(separator: "+")
    }
}
