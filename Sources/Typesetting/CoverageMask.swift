/// The anti-aliased coverage of a whole layout, in layout coordinates: every glyph rendered
/// by FreeType and merged into one 8-bit mask before anything touches the image.
///
/// Merging first means a colour with alpha below 255 is applied once per pixel, so where two
/// glyphs' edges overlap (kerned pairs, a mark over its letter) the text does not get darker.
struct CoverageMask: Sendable {
    /// Where the mask sits, relative to the layout box; `rect.width × rect.height` values.
    var rect: TextRect
    var coverage: [UInt8]

    init(rendering layout: TextLayout) throws {
        var bitmaps: [UInt32: GlyphBitmap] = [:]
        try layout.font.withSize(layout.pixelSize) { face in
            for line in layout.lines {
                for glyph in line.glyphs where glyph.ink != nil && bitmaps[glyph.glyphIndex] == nil {
                    bitmaps[glyph.glyphIndex] = try face.render(glyph.glyphIndex)
                }
            }
        }
        // Sized from the bitmaps FreeType actually produced, not from the layout's estimate,
        // so no coverage is lost even if the two ever disagree.
        var placements: [(bitmap: GlyphBitmap, x: Int, y: Int)] = []
        var rect = TextRect.zero
        for line in layout.lines {
            for glyph in line.glyphs {
                guard let bitmap = bitmaps[glyph.glyphIndex], bitmap.width > 0, bitmap.height > 0 else { continue }
                let x = line.x + glyph.x + bitmap.left
                let y = line.baseline - bitmap.top
                placements.append((bitmap, x, y))
                rect = rect.union(TextRect(x: x, y: y, width: bitmap.width, height: bitmap.height))
            }
        }
        self.rect = rect
        coverage = [UInt8](repeating: 0, count: rect.width * rect.height)
        for (bitmap, x, y) in placements {
            for row in 0..<bitmap.height {
                let target = (y - rect.y + row) * rect.width + (x - rect.x)
                let source = row * bitmap.width
                for column in 0..<bitmap.width {
                    let a = Int(coverage[target + column]), b = Int(bitmap.coverage[source + column])
                    // Union of two coverages, a + b − ab: overlapping edges saturate instead of summing.
                    coverage[target + column] = UInt8(a + b - (a * b + 127) / 255)
                }
            }
        }
    }
}
