/// Windows BMP, written by hand (small format, no Debian library worth a dependency).
///
/// Supports uncompressed files: 1/4/8-bit paletted and 24-bit BI_RGB, 16/32-bit BI_RGB and
/// BI_BITFIELDS, bottom-up (positive height) and top-down (negative height), with the
/// OS/2 core header or the Windows info/V4/V5 headers. RLE, JPEG and PNG payloads throw.
public enum BMPCodec {
    public static func decode(_ bytes: [UInt8]) throws -> RGBAImage {
        let r = ByteReader(bytes, format: "BMP")
        try r.require(0, 18, "the file header")
        guard bytes[0] == 0x42, bytes[1] == 0x4D else {
            throw ImagingError("BMP: missing the \"BM\" signature")
        }
        let dataOffset = try r.u32(10)
        let headerSize = try r.u32(14)
        try r.require(14, headerSize, "the \(headerSize)-byte bitmap header")

        let width: Int, rawHeight: Int, bitsPerPixel: Int, compression: Int, colorsUsed: Int
        let paletteEntryBytes: Int
        if headerSize == 12 {
            // OS/2 BITMAPCOREHEADER: 16-bit sizes, 3-byte palette entries.
            width = try r.u16(18)
            rawHeight = try r.u16(20)
            bitsPerPixel = try r.u16(24)
            compression = 0
            colorsUsed = 0
            paletteEntryBytes = 3
        } else if headerSize >= 40 {
            width = try r.i32(18)
            rawHeight = try r.i32(22)
            bitsPerPixel = try r.u16(28)
            compression = try r.u32(30)
            colorsUsed = try r.u32(46)
            paletteEntryBytes = 4
        } else {
            throw ImagingError("BMP: unsupported bitmap header size \(headerSize)")
        }
        // A negative height means rows are stored top-down.
        let topDown = rawHeight < 0
        let height = abs(rawHeight)
        try ImageLimits.check(width: width, height: height, format: "BMP")

        let decodePixel: (Int) throws -> SIMD4<UInt8>  // from the pixel's bits (or index)
        let usesAlphaChannel: Bool
        switch (compression, bitsPerPixel) {
        case (0, 1), (0, 4), (0, 8):
            // Writers often store fewer entries than 2^bits (the core header has no count at
            // all), so read only the entries that fit before the pixel data.
            let paletteStart = 14 + headerSize
            let declared = colorsUsed == 0 ? 1 << bitsPerPixel : min(colorsUsed, 1 << bitsPerPixel)
            let room = (dataOffset - paletteStart) / paletteEntryBytes
            let palette = try readPalette(r, at: paletteStart, entryBytes: paletteEntryBytes,
                                          count: room > 0 ? min(declared, room) : declared)
            decodePixel = { index in
                guard index < palette.count else {
                    throw ImagingError("BMP: colour index \(index) is outside the \(palette.count)-entry palette")
                }
                return palette[index]
            }
            usesAlphaChannel = false
        case (0, 24):
            decodePixel = { v in SIMD4(UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF), 255) }
            usesAlphaChannel = false
        case (0, 16):
            let masks = Masks(red: 0x7C00, green: 0x03E0, blue: 0x001F, alpha: 0)
            decodePixel = { masks.apply($0) }
            usesAlphaChannel = false
        case (0, 32):
            // Windows ignores this byte in BI_RGB, but many writers store real alpha in it.
            let masks = Masks(red: 0xFF_0000, green: 0xFF00, blue: 0xFF, alpha: 0xFF00_0000)
            decodePixel = { masks.apply($0) }
            usesAlphaChannel = true
        case (3, 16), (3, 32):
            // Masks follow a 40-byte header, or are part of the V2+ headers (alpha from V3 on).
            let red = try r.u32(54), green = try r.u32(58), blue = try r.u32(62)
            let alpha = headerSize >= 56 ? try r.u32(66) : 0
            let masks = Masks(red: red, green: green, blue: blue, alpha: alpha)
            decodePixel = { masks.apply($0) }
            usesAlphaChannel = alpha != 0
        default:
            let name = [1: "RLE8", 2: "RLE4", 4: "JPEG", 5: "PNG"][compression] ?? "type \(compression)"
            throw ImagingError("BMP: \(bitsPerPixel)-bit images with \(name) compression are not supported")
        }

        // Rows are padded to 4 bytes; the last row's padding may be missing in the wild.
        let rowStride = (bitsPerPixel * width + 31) / 32 * 4
        let rowBytes = (bitsPerPixel * width + 7) / 8
        try r.require(dataOffset, rowStride * (height - 1) + rowBytes, "\(width)x\(height) pixels")

        var pixels = [UInt8](repeating: 0, count: width * height * 4)
        for fileRow in 0..<height {
            let y = topDown ? fileRow : height - 1 - fileRow
            let rowStart = dataOffset + fileRow * rowStride
            for x in 0..<width {
                let value = readBits(bytes, rowStart: rowStart, x: x, bits: bitsPerPixel)
                let p = try decodePixel(value)
                let i = (y * width + x) * 4
                pixels[i] = p.x
                pixels[i + 1] = p.y
                pixels[i + 2] = p.z
                pixels[i + 3] = p.w
            }
        }
        // A 32-bit file whose alpha is 0 everywhere almost surely does not use alpha at all.
        if usesAlphaChannel, stride(from: 3, to: pixels.count, by: 4).allSatisfy({ pixels[$0] == 0 }) {
            for i in stride(from: 3, to: pixels.count, by: 4) { pixels[i] = 255 }
        }
        return RGBAImage(width: width, height: height, pixels: pixels)
    }

    /// Palette entries are B, G, R (, reserved); the reserved byte is not alpha.
    private static func readPalette(_ r: ByteReader, at offset: Int, entryBytes: Int, count: Int) throws -> [SIMD4<UInt8>] {
        try r.require(offset, count * entryBytes, "a \(count)-colour palette")
        return (0..<count).map { i in
            let o = offset + i * entryBytes
            return SIMD4(r.bytes[o + 2], r.bytes[o + 1], r.bytes[o], 255)
        }
    }

    /// The x-th pixel of a row as an integer: an index for <= 8 bits (most significant bits
    /// first), a little-endian value for 16/32 bits, and 0xRRGGBB for 24-bit BGR triples.
    private static func readBits(_ b: [UInt8], rowStart: Int, x: Int, bits: Int) -> Int {
        switch bits {
        case 1, 4, 8:
            let bit = x * bits
            let shift = 8 - bits - bit % 8
            return Int(b[rowStart + bit / 8]) >> shift & ((1 << bits) - 1)
        case 16:
            let o = rowStart + x * 2
            return Int(b[o]) | Int(b[o + 1]) << 8
        case 24:
            let o = rowStart + x * 3
            return Int(b[o + 2]) << 16 | Int(b[o + 1]) << 8 | Int(b[o])
        default:
            let o = rowStart + x * 4
            return Int(b[o]) | Int(b[o + 1]) << 8 | Int(b[o + 2]) << 16 | Int(b[o + 3]) << 24
        }
    }

    /// Channel bit masks of 16/32-bit pixels; each channel is scaled to the full 0...255 range.
    struct Masks {
        let red: Channel, green: Channel, blue: Channel, alpha: Channel?

        init(red: Int, green: Int, blue: Int, alpha: Int) {
            self.red = Channel(mask: red)
            self.green = Channel(mask: green)
            self.blue = Channel(mask: blue)
            self.alpha = alpha == 0 ? nil : Channel(mask: alpha)
        }

        func apply(_ v: Int) -> SIMD4<UInt8> {
            SIMD4(red.value(v), green.value(v), blue.value(v), alpha?.value(v) ?? 255)
        }

        struct Channel {
            let mask: Int, shift: Int, max: Int

            init(mask: Int) {
                self.mask = mask
                shift = mask == 0 ? 0 : mask.trailingZeroBitCount
                max = mask >> shift
            }

            func value(_ v: Int) -> UInt8 {
                guard max > 0 else { return 0 }
                return UInt8((((v & mask) >> shift) * 255 + max / 2) / max)  // rounded: 5-bit 16 -> 132
            }
        }
    }
}
