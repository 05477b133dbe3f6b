/// Advances, kerning and ink boxes at one pixel size, cached per glyph for the length of one
/// layout: greedy wrapping re-measures the same glyphs many times, and each FT_Load_Glyph
/// runs the hinter.
final class GlyphMeasurer {
    let face: SizedFace
    private var cache: [UInt32: GlyphMetrics] = [:]

    init(face: SizedFace) {
        self.face = face
    }

    func metrics(_ glyph: UInt32) throws -> GlyphMetrics {
        if let known = cache[glyph] { return known }
        let measured = try face.metrics(of: glyph)
        cache[glyph] = measured
        return measured
    }

    /// Pen positions (26.6, from the run's start) of every glyph of `clusters`, kerning applied
    /// between neighbours, and the pen position after the last glyph (the run's advance width).
    func positions(of clusters: some Sequence<Cluster>) throws -> (glyphs: [(glyph: UInt32, pen: Int)], advance: Int) {
        var placed: [(glyph: UInt32, pen: Int)] = []
        var pen = 0
        var previous: UInt32?
        for cluster in clusters {
            for glyph in cluster.glyphs {
                if let previous { pen += face.kerning(previous, glyph) }
                placed.append((glyph, pen))
                pen += try metrics(glyph).advance
                previous = glyph
            }
        }
        return (placed, pen)
    }

    /// The advance width of `clusters` in 26.6 fixed point.
    func advance(of clusters: some Sequence<Cluster>) throws -> Int {
        try positions(of: clusters).advance
    }
}
