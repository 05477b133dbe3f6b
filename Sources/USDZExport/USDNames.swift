import Foundation

/// USD prim and file names must be identifiers (`[A-Za-z_][A-Za-z0-9_]*`); source names are free text
/// (Vietnamese with diacritics, spaces, dots, Blender's `Cube.001`). This turns one into the other.
enum USDNames {
    /// A valid identifier close to `raw`: diacritics folded (Đ/đ by hand: it has no decomposition),
    /// anything else outside the identifier set replaced by `_`, a leading digit prefixed.
    static func identifier(_ raw: String, fallback: String) -> String {
        let folded = raw.replacingOccurrences(of: "Đ", with: "D").replacingOccurrences(of: "đ", with: "d")
            .folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
        var out = ""
        for scalar in folded.unicodeScalars {
            let ok = (scalar >= "a" && scalar <= "z") || (scalar >= "A" && scalar <= "Z")
                || (scalar >= "0" && scalar <= "9") || scalar == "_"
            out.unicodeScalars.append(ok ? scalar : "_")
        }
        // Collapse runs of `_` that replacement produced, and trim them at the ends, for readable names.
        while out.contains("__") { out = out.replacingOccurrences(of: "__", with: "_") }
        out = String(out.drop { $0 == "_" }.reversed().drop { $0 == "_" }.reversed())
        if out.isEmpty { out = fallback }
        if let first = out.unicodeScalars.first, first >= "0" && first <= "9" { out = "_" + out }
        if out.count > 96 { out = String(out.prefix(96)) }
        return out
    }
}

/// The names already used under one parent prim (or one package folder); `claim` hands out a
/// unique, valid one. Deterministic: the suffix is the lowest free number.
struct USDNameScope {
    private var used: Set<String> = []

    init(reserved: [String] = []) { used = Set(reserved) }

    mutating func claim(_ raw: String, fallback: String) -> String {
        let base = USDNames.identifier(raw, fallback: fallback)
        var name = base
        var n = 1
        while used.contains(name) {
            name = "\(base)_\(n)"
            n += 1
        }
        used.insert(name)
        return name
    }
}
