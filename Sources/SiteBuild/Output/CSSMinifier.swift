/// Shrinks a stylesheet the safe way, as Hugo's `minify` does for CSS: comments and needless
/// whitespace go, nothing is reordered or rewritten. Every page links the stylesheet, and a
/// detail page's HTML + CSS has a 25 KB budget on 4G phones.
///
/// Kept as written: quoted strings, the space before ":" (in a selector, `a :hover` and
/// `a:hover` differ), spaces around + and - (`calc(1rem + 2px)` needs them).
enum CSSMinifier {
    static func minify(_ css: String) -> String {
        let chars = Array(css.unicodeScalars)
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        var i = 0
        /// Characters around which whitespace carries no meaning.
        func isTight(_ c: Unicode.Scalar) -> Bool { "{};,>".unicodeScalars.contains(c) }

        while i < chars.count {
            let c = chars[i]
            if c == "/", i + 1 < chars.count, chars[i + 1] == "*" {
                // A comment: skip to its end (an unterminated one runs to the end of the file).
                i += 2
                while i + 1 < chars.count, !(chars[i] == "*" && chars[i + 1] == "/") { i += 1 }
                i += 2
                pendingSpace = true
                continue
            }
            if c == " " || c == "\n" || c == "\t" || c == "\r" || c == "\u{0C}" {
                pendingSpace = true
                i += 1
                continue
            }
            if pendingSpace, let last = out.last, !isTight(last), !isTight(c), last != ":", last != "(" , c != ")" {
                out.append(" ")
            }
            pendingSpace = false
            if c == "\"" || c == "'" {
                // A string, copied as is up to its closing quote (escapes included).
                out.append(c)
                i += 1
                while i < chars.count, chars[i] != c {
                    if chars[i] == "\\", i + 1 < chars.count { out.append(chars[i]); i += 1 }
                    out.append(chars[i])
                    i += 1
                }
                if i < chars.count { out.append(chars[i]) }
                i += 1
                continue
            }
            // The last declaration of a block needs no semicolon.
            if c == "}", out.last == ";" { out.removeLast() }
            out.append(c)
            i += 1
        }
        return String(out)
    }
}
