import Foundation

/// URL names and search keys from Vietnamese text (recipe: ../shared/reference/vietnamese-text.md).
public enum Slug {
    /// "Đầm Cầu Hai" → "dam-cau-hai". ASCII `[a-z0-9-]`, no leading/trailing or double dashes;
    /// empty when the text has no Latin letters or digits at all (callers report that).
    public static func make(_ s: String) -> String {
        var out = ""
        var pendingDash = false
        for u in fold(s).unicodeScalars {
            if ("a"..."z").contains(u) || ("0"..."9").contains(u) {
                if pendingDash && !out.isEmpty { out.append("-") }
                out.unicodeScalars.append(u)
                pendingDash = false
            } else {
                pendingDash = true
            }
        }
        return out
    }

    /// Lowercase with tones and vowel marks removed and đ→d, everything else (spaces, punctuation)
    /// kept: "Đầm Cầu Hai" → "dam cau hai". The search index stores this next to the original so
    /// that "hue", "Huế" and "HUE" all find "Huế".
    public static func fold(_ s: String) -> String {
        // Lowercase first so that the đ replacement below sees one case only. đ needs its own
        // mapping: it is a letter of its own ("d with stroke") and does not decompose under NFD.
        let lowered = s.precomposedStringWithCanonicalMapping.lowercased()
            .replacingOccurrences(of: "đ", with: "d")
        var scalars = String.UnicodeScalarView()
        for u in lowered.decomposedStringWithCanonicalMapping.unicodeScalars
        where u.properties.generalCategory != .nonspacingMark {
            scalars.append(u)
        }
        return String(scalars).precomposedStringWithCanonicalMapping
    }
}
