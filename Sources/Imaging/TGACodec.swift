/// Truevision TGA, written by hand: Debian has no TGA library, and many older models
/// (Collada, 3DS, OBJ) still ship TGA textures.
///
/// Supports image types 1, 2, 3 and their RLE forms 9, 10, 11 (colour-mapped, truecolour,
/// greyscale), 8/15/16/24/32 bits per pixel, both vertical origins and the rarely used
/// right-to-left bit. Every read is bounds-checked.
public enum TGACodec {
    public static func decode(_ bytes: [UInt8]) throws -> RGBAImage {
        let reader = ByteReader(bytes, format: "TGA")
        try reader.require(0, 18, "the 18-byte header")
        let header = try Header(reader)
        try ImageLimits.check(width: header.width, height: header.height, format: "TGA")

        var offset = 18 + header.idLength
        var palette: [SIMD4<UInt8>] = []
        if header.colorMapType == 1 {
            // A colour map may be present even in truecolour files; it must still be skipped.
            let entryBytes = (header.colorMapEntryBits + 7) / 8
            let mapBytes = header.colorMapLength * entryBytes
            try reader.require(offset, mapBytes, "the colour map")
            if header.kind == .colorMapped {
                let entryFormat = try PixelFormat.truecolor(bits: header.colorMapEntryBits,
                                                            alphaBits: header.alphaBits)
                palette.reserveCapacity(header.colorMapLength)
                for i in 0..<header.colorMapLength {
                    palette.append(entryFormat.read(bytes, offset + i * entryBytes))
                }
            }
            offset += mapBytes
        }

        let format: PixelFormat
        switch header.kind {
        case .colorMapped:
            guard header.bitsPerPixel == 8 || header.bitsPerPixel == 16 else {
                throw ImagingError("TGA: colour-mapped images need 8 or 16-bit indices, not \(header.bitsPerPixel)")
            }
            format = .index(bits: header.bitsPerPixel)
        case .truecolor:
            format = try .truecolor(bits: header.bitsPerPixel, alphaBits: header.alphaBits)
        case .grey:
            guard header.bitsPerPixel == 8 || header.bitsPerPixel == 16 else {
                throw ImagingError("TGA: greyscale images need 8 or 16 bits per pixel, not \(header.bitsPerPixel)")
            }
            format = .grey(bits: header.bitsPerPixel)
        }

        let resolve: (SIMD4<UInt8>) throws -> SIMD4<UInt8>
        if header.kind == .colorMapped {
            // The map holds entries colorMapFirst, colorMapFirst + 1, ...; stored indices are absolute.
            let first = header.colorMapFirst
            resolve = { raw in
                let index = Int(raw.x) | Int(raw.y) << 8
                guard index >= first, index - first < palette.count else {
                    throw ImagingError("TGA: colour index \(index) is outside the colour map (\(first)..<\(first + palette.count))")
                }
                return palette[index - first]
            }
        } else {
            resolve = { $0 }
        }

        let pixelBytes = format.bytesPerPixel
        let total = header.width * header.height
        // Check the data can hold the pixels before allocating them: a packet (at least
        // 1 + pixelBytes bytes) yields at most 128 pixels, so a tiny file cannot claim 1 GiB.
        if header.isRLE {
            let packets = (bytes.count - offset + pixelBytes) / (1 + pixelBytes)
            guard total <= packets * 128 else {
                throw ImagingError("TGA: file is truncated (\(bytes.count - offset) bytes of RLE data cannot hold \(header.width)x\(header.height) pixels)")
            }
        } else {
            try reader.require(offset, total * pixelBytes, "\(header.width)x\(header.height) pixels")
        }

        var writer = Writer(header: header)
        if header.isRLE {
            // Packets: a header byte, then one pixel repeated (high bit set) or n raw pixels.
            // Packets may cross row boundaries, so they are decoded into the flat pixel stream.
            var n = 0
            while n < total {
                let packet = try reader.u8(offset)
                offset += 1
                let count = min((packet & 0x7F) + 1, total - n)
                if packet & 0x80 != 0 {
                    try reader.require(offset, pixelBytes, "an RLE run")
                    let pixel = try resolve(format.read(bytes, offset))
                    offset += pixelBytes
                    for _ in 0..<count {
                        writer.put(pixel, at: n)
                        n += 1
                    }
                } else {
                    try reader.require(offset, count * pixelBytes, "an RLE raw packet")
                    for _ in 0..<count {
                        writer.put(try resolve(format.read(bytes, offset)), at: n)
                        offset += pixelBytes
                        n += 1
                    }
                }
            }
        } else {
            for n in 0..<total {
                writer.put(try resolve(format.read(bytes, offset)), at: n)
                offset += pixelBytes
            }
        }

        var image = RGBAImage(width: header.width, height: header.height, pixels: writer.pixels)
        // Many writers emit 32-bit files whose alpha bytes are all 0 and whose descriptor says
        // "no alpha bits"; honouring those zeros would make the texture invisible.
        let storesAlphaByte = format.hasAlphaByte
            || (header.kind == .colorMapped && header.colorMapEntryBits == 32)
        if header.alphaBits == 0, storesAlphaByte,
           stride(from: 3, to: image.pixels.count, by: 4).allSatisfy({ image.pixels[$0] == 0 }) {
            for i in stride(from: 3, to: image.pixels.count, by: 4) { image.pixels[i] = 255 }
        }
        return image
    }

    // MARK: - Header

    enum Kind { case colorMapped, truecolor, grey }

    struct Header {
        var idLength: Int
        var colorMapType: Int
        var kind: Kind
        var isRLE: Bool
        var colorMapFirst: Int
        var colorMapLength: Int
        var colorMapEntryBits: Int
        var width: Int
        var height: Int
        var bitsPerPixel: Int
        var alphaBits: Int
        var topToBottom: Bool
        var rightToLeft: Bool

        init(_ r: ByteReader) throws {
            idLength = try r.u8(0)
            colorMapType = try r.u8(1)
            let imageType = try r.u8(2)
            guard colorMapType <= 1 else {
                throw ImagingError("TGA: colour map type \(colorMapType) is not 0 or 1 (not a TGA file?)")
            }
            switch imageType & ~8 {
            case 1: kind = .colorMapped
            case 2: kind = .truecolor
            case 3: kind = .grey
            default: throw ImagingError("TGA: image type \(imageType) is not supported (only 1, 2, 3, 9, 10, 11)")
            }
            isRLE = imageType & 8 != 0
            if kind == .colorMapped && colorMapType != 1 {
                throw ImagingError("TGA: colour-mapped image without a colour map")
            }
            colorMapFirst = try r.u16(3)
            colorMapLength = try r.u16(5)
            colorMapEntryBits = try r.u8(7)
            width = try r.u16(12)
            height = try r.u16(14)
            bitsPerPixel = try r.u8(16)
            let descriptor = try r.u8(17)
            alphaBits = descriptor & 0x0F
            rightToLeft = descriptor & 0x10 != 0
            topToBottom = descriptor & 0x20 != 0
        }
    }

    // MARK: - Pixels

    /// How one stored pixel (or colour-map entry) becomes RGBA.
    enum PixelFormat {
        case truecolor15or16(alpha: Bool)  // little-endian A1 R5 G5 B5
        case bgr
        case bgra
        case grey(bits: Int)               // 8: Y, 16: Y then A
        case index(bits: Int)              // returned raw in x (low byte) and y (high byte)

        static func truecolor(bits: Int, alphaBits: Int) throws -> PixelFormat {
            switch bits {
            case 15: return .truecolor15or16(alpha: false)
            // The top bit is alpha only when the descriptor says there is one alpha bit.
            case 16: return .truecolor15or16(alpha: alphaBits > 0)
            case 24: return .bgr
            case 32: return .bgra
            default: throw ImagingError("TGA: \(bits) bits per colour is not supported (15, 16, 24 or 32)")
            }
        }

        var bytesPerPixel: Int {
            switch self {
            case .truecolor15or16: return 2
            case .bgr: return 3
            case .bgra: return 4
            case .grey(let bits), .index(let bits): return bits / 8
            }
        }

        /// Formats with a whole byte of alpha, which writers sometimes fill with zeros.
        var hasAlphaByte: Bool {
            switch self {
            case .bgra, .grey(bits: 16): return true
            default: return false
            }
        }

        /// Callers check bounds first (one require per run instead of one per byte).
        func read(_ b: [UInt8], _ o: Int) -> SIMD4<UInt8> {
            switch self {
            case .truecolor15or16(let alpha):
                let v = Int(b[o]) | Int(b[o + 1]) << 8
                return SIMD4(expand5(v >> 10), expand5(v >> 5), expand5(v),
                             alpha ? (v & 0x8000 != 0 ? 255 : 0) : 255)
            case .bgr:
                return SIMD4(b[o + 2], b[o + 1], b[o], 255)
            case .bgra:
                return SIMD4(b[o + 2], b[o + 1], b[o], b[o + 3])
            case .grey(let bits):
                return SIMD4(b[o], b[o], b[o], bits == 16 ? b[o + 1] : 255)
            case .index(let bits):
                return SIMD4(b[o], bits == 16 ? b[o + 1] : 0, 0, 0)
            }
        }

        /// 5-bit channel to 8 bits, spreading the top bits into the low ones so 31 -> 255.
        private func expand5(_ v: Int) -> UInt8 {
            let c = v & 0x1F
            return UInt8(c << 3 | c >> 2)
        }
    }

    /// Places the n-th stored pixel according to the origin bits.
    struct Writer {
        let width: Int
        let height: Int
        let topToBottom: Bool
        let rightToLeft: Bool
        var pixels: [UInt8]

        init(header: Header) {
            width = header.width
            height = header.height
            topToBottom = header.topToBottom
            rightToLeft = header.rightToLeft
            pixels = [UInt8](repeating: 0, count: header.width * header.height * 4)
        }

        mutating func put(_ p: SIMD4<UInt8>, at n: Int) {
            let row = n / width, column = n % width
            // TGA's default origin is bottom-left: the first stored row is the bottom one.
            let y = topToBottom ? row : height - 1 - row
            let x = rightToLeft ? width - 1 - column : column
            let i = (y * width + x) * 4
            pixels[i] = p.x
            pixels[i + 1] = p.y
            pixels[i + 2] = p.z
            pixels[i + 3] = p.w
        }
    }
}
