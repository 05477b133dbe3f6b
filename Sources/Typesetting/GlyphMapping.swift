import Foundation

/// One user-perceived character and the glyphs that draw it: the unit line breaking and the
/// ellipsis cut at, so a letter is never split from its marks.
struct Cluster: Sendable, Equatable {
    var character: Character
    /// Never empty: characters with nothing to draw are dropped while mapping.
    var glyphs: [UInt32]
    /// A space the line breaker may break at (and drops at line ends).
    var isBreakingSpace: Bool
}

/// Text → clusters of glyph indices, without a shaping engine.
///
/// Titles are Vietnamese or English, where a font's cmap plus precomposed letters is all the
/// "shaping" needed. Text is first normalised to NFC, so input typed or pasted in decomposed
/// form ("a" + U+0300 + …) uses the font's designed precomposed glyphs ("Ầ" has its marks
/// stacked by the designer; a base plus zero-width marks overlap badly). When the font lacks
/// a precomposed letter, the letter's NFD scalars are tried as a fallback.
enum GlyphMapping {
    /// Spaces that must not break a line; they are drawn like any other character.
    private static let nonBreakingSpaces: Set<Unicode.Scalar> = ["\u{00A0}", "\u{2007}", "\u{202F}"]

    /// The clusters of `text`, and the characters the font has no glyph for (each once, in
    /// order of appearance), which are drawn as the font's .notdef box.
    static func clusters(for text: String, face: SizedFace) -> (clusters: [Cluster], missing: [Character]) {
        var clusters: [Cluster] = []
        var missing: [Character] = []
        let spaceGlyph = face.glyphIndex(for: " ")
        for character in text.precomposedStringWithCanonicalMapping {
            if isBreakingSpace(character) {
                clusters.append(Cluster(character: " ", glyphs: [spaceGlyph], isBreakingSpace: true))
                continue
            }
            let (glyphs, complete) = self.glyphs(for: character, face: face)
            guard !glyphs.isEmpty else { continue }
            if !complete, !missing.contains(character) { missing.append(character) }
            clusters.append(Cluster(character: character, glyphs: glyphs, isBreakingSpace: false))
        }
        return (clusters, missing)
    }

    /// Whitespace other than the no-break spaces: line breaks, tabs and spaces alike become
    /// one break opportunity (titles carry no intended layout of their own).
    static func isBreakingSpace(_ character: Character) -> Bool {
        character.isWhitespace && !character.unicodeScalars.contains { nonBreakingSpaces.contains($0) }
    }

    /// The glyphs for one character, and whether the font had all of them.
    private static func glyphs(for character: Character, face: SizedFace) -> ([UInt32], Bool) {
        let direct = mapped(character.unicodeScalars, face: face)
        if !direct.contains(0) { return (direct, true) }
        let decomposed = mapped(String(character).decomposedStringWithCanonicalMapping.unicodeScalars, face: face)
        if !decomposed.contains(0) { return (decomposed, true) }
        return (direct, false)
    }

    /// Maps scalars to glyphs, dropping invisible ones the font does not draw (soft hyphen,
    /// joiners, variation selectors, control characters) rather than showing .notdef boxes.
    private static func mapped(_ scalars: some Sequence<Unicode.Scalar>, face: SizedFace) -> [UInt32] {
        scalars.compactMap { scalar in
            let glyph = face.glyphIndex(for: scalar)
            if glyph == 0, scalar.properties.isDefaultIgnorableCodePoint || scalar.properties.generalCategory == .control {
                return nil
            }
            return glyph
        }
    }
}
