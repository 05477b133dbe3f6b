/// How lines shorter than the widest one sit in the layout box. Left-to-right only: the
/// titles are Vietnamese or English.
public enum TextAlignment: Sendable {
    case left, center, right
}

/// A glyph placed on a line.
public struct PositionedGlyph: Sendable, Equatable {
    /// The glyph in the layout's font.
    public var glyphIndex: UInt32
    /// Pen position from the line's left edge, whole pixels (advances and kerning are summed
    /// in 26.6 and rounded once per glyph, so rounding never accumulates).
    public var x: Int
    /// Pixels the glyph may cover, relative to its pen position on the baseline.
    var ink: TextRect?
}

/// One laid-out line.
public struct TextLine: Sendable, Equatable {
    /// The line's text in NFC, including a trailing "…" when the layout was cut here.
    public var text: String
    public var glyphs: [PositionedGlyph]
    /// Left edge of the line within the layout box (non-zero for centre/right alignment).
    public var x: Int
    /// The baseline's distance from the top of the layout box.
    public var baseline: Int
    /// Advance width in whole pixels (rounded up).
    public var width: Int
}

/// Text broken into lines and placed, at one font and pixel size, ready to `draw`.
///
/// Coordinates are relative to the layout box's top-left corner, y downwards. The box spans
/// the widest line, and from the first line's ascender to the last line's descender; it is
/// what the caller centres on a card. Tall marks (the stacked accents of "Ầ", "Ở") can rise
/// above the font's ascender, so `bounds` also includes the ink.
public struct TextLayout: Sendable {
    public let font: Font
    /// Pixels per em.
    public let pixelSize: Int
    public let lines: [TextLine]
    /// Whether text was cut at `maxLines` (the last line then ends with an ellipsis).
    public let isTruncated: Bool
    /// Whether a word wider than `maxWidth` had to be broken between characters.
    public let hasBrokenWords: Bool
    /// Characters the font has no glyph for; they are drawn as its .notdef box. Reported so
    /// the build can warn instead of shipping boxes silently.
    public let missingCharacters: [Character]
    /// Baseline to top of the line box, pixels.
    public let ascender: Int
    /// Baseline to bottom of the line box, pixels (positive).
    public let descender: Int
    /// Baseline-to-baseline distance, pixels.
    public let lineHeight: Int
    /// Width of the layout box: the widest line's advance, pixels.
    public let width: Int
    /// Height of the layout box: ascender + (lines − 1) × lineHeight + descender; 0 for no lines.
    public let height: Int
    /// Every pixel drawing may cover, relative to the box (may start above 0 or left of 0).
    public let inkBounds: TextRect

    public var lineCount: Int { lines.count }
    /// The layout box united with the ink: the rectangle a caller should keep inside the
    /// image and centre. `draw` changes no pixel outside it.
    public var bounds: TextRect { TextRect(x: 0, y: 0, width: width, height: height).union(inkBounds) }

    /// Lays out `text` at `pixelSize`.
    ///
    /// - Parameters:
    ///   - maxWidth: the widest line in pixels; nil keeps the text on one line.
    ///   - maxLines: the most lines; text beyond them is cut and the last line ends in "…".
    public init(_ text: String, font: Font, pixelSize: Int, maxWidth: Int? = nil, maxLines: Int? = nil,
                alignment: TextAlignment = .left) throws {
        if let maxWidth, maxWidth < 1 {
            throw TypesettingError("layout of \"\(text)\": maxWidth must be at least 1 pixel, got \(maxWidth)")
        }
        if let maxLines, maxLines < 1 {
            throw TypesettingError("layout of \"\(text)\": maxLines must be at least 1, got \(maxLines)")
        }
        self.font = font
        self.pixelSize = pixelSize
        let placed: [TextLine]
        (placed, isTruncated, hasBrokenWords, missingCharacters, ascender, descender, lineHeight) = try font.withSize(pixelSize) { face in
            let measurer = GlyphMeasurer(face: face)
            let (clusters, missing) = GlyphMapping.clusters(for: text, face: face)
            var (ellipsis, ellipsisMissing) = GlyphMapping.clusters(for: "\u{2026}", face: face)
            if !ellipsisMissing.isEmpty { ellipsis = GlyphMapping.clusters(for: "...", face: face).clusters }
            let breaker = LineBreaker(
                measurer: measurer, maxAdvance: maxWidth.map { min($0, Int.max >> 7) * 64 }, maxLines: maxLines, ellipsis: ellipsis,
                space: GlyphMapping.clusters(for: " ", face: face).clusters[0])
            let (broken, truncated, brokeWord) = try breaker.lines(of: clusters)
            let lines = try broken.enumerated().map { index, run in
                try TextLayout.place(run, baseline: face.ascender + index * face.lineHeight, measurer: measurer)
            }
            return (lines, truncated, brokeWord, missing, face.ascender, face.descender, face.lineHeight)
        }
        width = placed.map(\.width).max() ?? 0
        height = placed.isEmpty ? 0 : ascender + (placed.count - 1) * lineHeight + descender
        var aligned = placed
        for index in aligned.indices {
            let slack = width - aligned[index].width
            switch alignment {
            case .left: aligned[index].x = 0
            case .center: aligned[index].x = slack / 2
            case .right: aligned[index].x = slack
            }
        }
        lines = aligned
        inkBounds = lines.reduce(TextRect.zero) { bounds, line in
            line.glyphs.reduce(bounds) { bounds, glyph in
                guard let ink = glyph.ink else { return bounds }
                return bounds.union(ink.offsetBy(x: line.x + glyph.x, y: line.baseline))
            }
        }
    }

    /// Positions the glyphs of one line.
    private static func place(_ run: [Cluster], baseline: Int, measurer: GlyphMeasurer) throws -> TextLine {
        let (placed, advance) = try measurer.positions(of: run)
        let glyphs = try placed.map { glyph, pen in
            PositionedGlyph(glyphIndex: glyph, x: (pen + 32) >> 6, ink: try measurer.metrics(glyph).ink)
        }
        return TextLine(text: String(run.map(\.character)), glyphs: glyphs, x: 0, baseline: baseline,
                        width: (advance + 63) >> 6)
    }
}

extension Font {
    /// The advance width of `text` set on one line at `pixelSize`, in pixels (rounded up).
    public func measure(_ text: String, pixelSize: Int) throws -> Int {
        try TextLayout(text, font: self, pixelSize: pixelSize).width
    }
}
