/// Greedy line breaking at spaces, with a character-level fallback and an ellipsis.
///
/// Greedy (fill each line, then start the next) rather than Knuth–Plass: a title has two or
/// three lines, and greedy is what readers expect from web headlines. Widths are pen
/// advances, so a line "fits" when its advance is at most `maxAdvance`; ink can overhang the
/// advance by a side bearing (a pixel or two), which the caller's margins absorb.
struct LineBreaker {
    let measurer: GlyphMeasurer
    /// The widest allowed line, 26.6 fixed point; nil puts everything on one line.
    let maxAdvance: Int?
    let maxLines: Int?
    /// What replaces the cut text on the last line: "…", or "..." when the font lacks it.
    let ellipsis: [Cluster]
    /// The space put between words (runs of whitespace collapse to one).
    let space: Cluster

    /// The lines of `clusters`, whether text was cut to respect `maxLines`, and whether a
    /// word had to be broken between characters.
    func lines(of clusters: [Cluster]) throws -> (lines: [[Cluster]], truncated: Bool, brokeWord: Bool) {
        let words = clusters.split(whereSeparator: \.isBreakingSpace).map(Array.init)
        guard let maxAdvance else {
            let line = words.joined(separator: [space]).map { $0 }
            return (line.isEmpty ? [] : [line], false, false)
        }
        func fits(_ run: some Sequence<Cluster>) throws -> Bool {
            try measurer.advance(of: run) <= maxAdvance
        }

        var lines: [[Cluster]] = []
        var current: [Cluster] = []
        var brokeWord = false
        for word in words {
            if let maxLines, lines.count > maxLines { break } // the rest would be cut anyway
            if !current.isEmpty {
                let candidate = current + [space] + word
                if try fits(candidate) {
                    current = candidate
                    continue
                }
                lines.append(current)
                current = []
            }
            // A word wider than a whole line (a long compound, a URL) is broken between
            // characters, so it is never clipped at the image edge.
            var rest = word[...]
            while try !fits(rest) {
                let count = try longestFittingPrefix(of: rest, maxAdvance: maxAdvance)
                lines.append(Array(rest.prefix(count)))
                rest = rest.dropFirst(count)
                brokeWord = true
            }
            current = Array(rest)
        }
        if !current.isEmpty { lines.append(current) }

        guard let maxLines, lines.count > maxLines else { return (lines, false, brokeWord) }
        var kept = Array(lines.prefix(maxLines))
        kept[maxLines - 1] = try withEllipsis(kept[maxLines - 1], maxAdvance: maxAdvance)
        return (kept, true, brokeWord)
    }

    /// How many leading clusters of `run` fit on one line; at least one, so breaking always
    /// advances even when a single character is wider than the line.
    private func longestFittingPrefix(of run: ArraySlice<Cluster>, maxAdvance: Int) throws -> Int {
        var count = 1
        while count < run.count, try measurer.advance(of: run.prefix(count + 1)) <= maxAdvance {
            count += 1
        }
        return count
    }

    /// `line` with the ellipsis appended, dropping characters from its end (and any space
    /// left dangling before the ellipsis) until the whole fits.
    private func withEllipsis(_ line: [Cluster], maxAdvance: Int) throws -> [Cluster] {
        var kept = line
        while true {
            while kept.last?.isBreakingSpace == true { kept.removeLast() }
            let candidate = kept + ellipsis
            if kept.isEmpty { return candidate }
            if try measurer.advance(of: candidate) <= maxAdvance { return candidate }
            kept.removeLast()
        }
    }
}
