extension TextLayout {
    /// Shrink-to-fit: the layout at the largest size in `pixelSizes` where all of `text` fits
    /// in `maxWidth` × `maxLines` with no word broken; failing that, the largest size where it
    /// fits with a long word broken between characters; failing that, the smallest size, cut
    /// with "…".
    ///
    /// Short titles stay big and long ones shrink rather than lose words. Sizes are tried
    /// from the largest down, one pixel at a time, instead of by bisection: with hinting,
    /// "fits" is not strictly monotonic in the size, and a title needs at most a few dozen
    /// cheap layouts (advances are cached; nothing is rendered).
    public static func fitting(_ text: String, font: Font, pixelSizes: ClosedRange<Int>, maxWidth: Int, maxLines: Int,
                               alignment: TextAlignment = .left) throws -> TextLayout {
        var fitsWithBrokenWord: TextLayout?
        var smallest: TextLayout?
        for size in pixelSizes.reversed() {
            let layout = try TextLayout(text, font: font, pixelSize: size, maxWidth: maxWidth, maxLines: maxLines,
                                        alignment: alignment)
            if !layout.isTruncated {
                if !layout.hasBrokenWords { return layout }
                if fitsWithBrokenWord == nil { fitsWithBrokenWord = layout }
            }
            smallest = layout
        }
        // A ClosedRange is never empty, so the loop ran at least once.
        return fitsWithBrokenWord ?? smallest!
    }
}
