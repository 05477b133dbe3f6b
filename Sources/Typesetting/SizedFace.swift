import CFreeType

/// Horizontal metrics and ink extent of one glyph at one pixel size.
struct GlyphMetrics: Sendable, Equatable {
    /// Pen advance in 26.6 fixed point (1/64 pixel), as FT_Load_Glyph reports it.
    var advance: Int
    /// The pixels the rendered glyph may cover, relative to the pen position on the
    /// baseline (y grows downwards); nil for blank glyphs such as the space.
    var ink: TextRect?
}

/// One rendered glyph: 8-bit coverage (0 = none, 255 = full), rows top first.
struct GlyphBitmap: Sendable {
    /// Offset of the bitmap's left column from the pen position, in pixels.
    var left: Int
    /// Offset of the bitmap's top row above the baseline, in pixels (FreeType's bitmap_top).
    var top: Int
    var width: Int
    var height: Int
    var coverage: [UInt8]
}

/// A font's face set to one pixel size, handed out by `Font.withSize` while the font's lock
/// is held. All FreeType calls made by layout and drawing live here, so the rest of the
/// module never touches the C API.
struct SizedFace {
    fileprivate let face: FT_Face
    let path: String
    let pixelSize: Int
    let kerning: Bool

    init(face: FT_Face, path: String, pixelSize: Int, kerning: Bool) {
        self.face = face
        self.path = path
        self.pixelSize = pixelSize
        self.kerning = kerning
    }

    /// Distance from the baseline up to the top of the line box, whole pixels (FreeType
    /// rounds the scaled ascender up for scalable fonts).
    var ascender: Int { Int(face.pointee.size.pointee.metrics.ascender + 63) >> 6 }
    /// Distance from the baseline down to the bottom of the line box, whole pixels, positive.
    var descender: Int { Int(-face.pointee.size.pointee.metrics.descender + 63) >> 6 }
    /// Baseline-to-baseline distance, whole pixels.
    var lineHeight: Int { Int(face.pointee.size.pointee.metrics.height + 63) >> 6 }

    /// The glyph for a scalar through the Unicode charmap; 0 (.notdef) when the font lacks it.
    func glyphIndex(for scalar: Unicode.Scalar) -> UInt32 {
        UInt32(FT_Get_Char_Index(face, FT_ULong(scalar.value)))
    }

    /// Loads `glyph` and reads its advance and ink box.
    func metrics(of glyph: UInt32) throws -> GlyphMetrics {
        try load(glyph)
        let slot = face.pointee.glyph!.pointee
        let advance = Int(slot.advance.x)
        if slot.format == FT_GLYPH_FORMAT_BITMAP {
            let bitmap = slot.bitmap
            guard bitmap.width > 0, bitmap.rows > 0 else { return GlyphMetrics(advance: advance, ink: nil) }
            return GlyphMetrics(advance: advance, ink: TextRect(
                x: Int(slot.bitmap_left), y: -Int(slot.bitmap_top), width: Int(bitmap.width), height: Int(bitmap.rows)))
        }
        // The outline's control box, rounded outwards to whole pixels: the same box the
        // smooth rasterizer sizes its bitmap from, so drawn pixels stay inside it.
        let m = slot.metrics
        guard m.width > 0, m.height > 0 else { return GlyphMetrics(advance: advance, ink: nil) }
        let left = Int(m.horiBearingX) >> 6
        let right = Int(m.horiBearingX + m.width + 63) >> 6
        let top = Int(m.horiBearingY + 63) >> 6
        let bottom = Int(m.horiBearingY - m.height) >> 6
        return GlyphMetrics(advance: advance, ink: TextRect(x: left, y: -top, width: right - left, height: top - bottom))
    }

    /// The kerning adjustment between two glyphs, 26.6 fixed point; 0 without a 'kern' table.
    func kerning(_ left: UInt32, _ right: UInt32) -> Int {
        guard kerning, left != 0, right != 0 else { return 0 }
        var delta = FT_Vector(x: 0, y: 0)
        guard FT_Get_Kerning(face, FT_UInt(left), FT_UInt(right), FT_KERNING_DEFAULT.rawValue, &delta) == 0 else {
            return 0 // a missing pair is not an error worth failing a card for
        }
        return Int(delta.x)
    }

    /// Renders `glyph` anti-aliased (FT_RENDER_MODE_NORMAL) and copies its coverage out of
    /// the glyph slot, which the next load overwrites.
    func render(_ glyph: UInt32) throws -> GlyphBitmap {
        try load(glyph)
        let slot = face.pointee.glyph!
        let error = FT_Render_Glyph(slot, FT_RENDER_MODE_NORMAL)
        guard error == 0 else {
            throw TypesettingError("\(path): cannot render glyph \(glyph) at \(pixelSize) px (\(freeTypeErrorText(error)))")
        }
        let bitmap = slot.pointee.bitmap
        let width = Int(bitmap.width), height = Int(bitmap.rows)
        var result = GlyphBitmap(left: Int(slot.pointee.bitmap_left), top: Int(slot.pointee.bitmap_top),
                                 width: width, height: height, coverage: [UInt8](repeating: 0, count: width * height))
        guard width > 0, height > 0, let buffer = bitmap.buffer else { return result }
        let pitch = Int(bitmap.pitch)
        let mode = UInt32(bitmap.pixel_mode)
        for row in 0..<height {
            // A negative pitch means the rows are stored bottom row first.
            let source = buffer + (pitch >= 0 ? row * pitch : (height - 1 - row) * -pitch)
            let destination = row * width
            switch mode {
            case FT_PIXEL_MODE_GRAY.rawValue:
                let grays = max(Int(bitmap.num_grays), 2)
                for column in 0..<width {
                    let value = Int(source[column])
                    result.coverage[destination + column] = grays == 256 ? UInt8(value) : UInt8(min(255, value * 255 / (grays - 1)))
                }
            case FT_PIXEL_MODE_MONO.rawValue:
                for column in 0..<width where source[column >> 3] & (0x80 >> UInt8(column & 7)) != 0 {
                    result.coverage[destination + column] = 255
                }
            default:
                throw TypesettingError("\(path): glyph \(glyph) rendered in pixel mode \(mode); only 8-bit gray and 1-bit coverage can be drawn")
            }
        }
        return result
    }

    private func load(_ glyph: UInt32) throws {
        let error = FT_Load_Glyph(face, FT_UInt(glyph), glyphLoadFlags)
        guard error == 0 else {
            throw TypesettingError("\(path): cannot load glyph \(glyph) at \(pixelSize) px (\(freeTypeErrorText(error)))")
        }
    }
}
