import Imaging

/// What a `draw` put where, for placing what comes next on the card.
public struct DrawnText: Sendable, Equatable {
    /// The layout's `bounds` at the drawing position, not clipped: the layout box united
    /// with the ink. No pixel outside it was changed.
    public var rect: TextRect
    /// The pixels that received coverage, clipped to the image (empty when nothing landed
    /// inside it). Always inside `rect`.
    public var inkRect: TextRect
    /// The first line's baseline, in image rows.
    public var firstBaseline: Int
    public var lineCount: Int
    /// The pixel size the layout was made at (the one shrink-to-fit chose).
    public var pixelSize: Int
}

/// Draws `layout` into `image` with the layout box's top-left corner at (`x`, `y`), in
/// `color` (straight alpha; its alpha scales the glyphs' anti-aliased coverage).
///
/// To centre a title vertically in a band, measure first: with `b = layout.bounds`,
/// `y = bandTop + (bandHeight − b.height) / 2 − b.y`. Glyphs are rendered by FreeType
/// (anti-aliased, 8-bit), merged into one mask and composited source-over; pixels outside
/// the image are skipped, so text may run off any edge. Drawing the same layout twice into
/// equal images gives byte-identical results.
@discardableResult
public func draw(_ layout: TextLayout, into image: inout RGBAImage, x: Int, y: Int, color: SIMD4<UInt8>) throws -> DrawnText {
    let mask = try CoverageMask(rendering: layout)
    let ink = Compositing.blend(mask, color: color, into: &image, x: x, y: y)
    let bounds = layout.bounds.union(mask.rect)
    return DrawnText(rect: bounds.offsetBy(x: x, y: y), inkRect: ink,
                     firstBaseline: y + (layout.lines.first?.baseline ?? 0),
                     lineCount: layout.lineCount, pixelSize: layout.pixelSize)
}
