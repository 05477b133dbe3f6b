import SiteContent

/// The picture an entry stands for when it has neither a model poster nor a photo (a market, a
/// fishing village nobody has photographed yet): drawn at build time from its kind, title and
/// tags as a small SVG, so no card or entry page is an empty box. 4:3 like the cards; a field in
/// one of its kind's colours (picked by the title, so neighbouring cards differ) with a motif for
/// the kind, the kind's name, the title and the tags in white (every field colour gives white
/// text at least 4.5:1, see the tests).
struct FallbackPicture {
    static let width = 800
    static let height = 600

    /// Gradient stops (top left → bottom right), dark enough for white text.
    static let palettes: [Entry.Kind: [(String, String)]] = [
        .place: [("#0b4f5c", "#176b7a"), ("#1b4677", "#285f9c"), ("#2c5935", "#3c7448")],
        .product: [("#6e3410", "#8c4a1d"), ("#7f2b2b", "#9c3b3b"), ("#594d10", "#6f6117")],
        .page: [("#43196a", "#5b2a86")],
    ]

    var kind: Entry.Kind
    var kindLabel: String
    var title: String
    var tags: [String]

    var colours: (String, String) {
        let choices = Self.palettes[kind] ?? Self.palettes[.page]!
        return choices[Int(Self.fnv1a(title) % UInt64(choices.count))]
    }

    var svg: String {
        let (from, to) = colours
        let margin = 56
        let (lines, fontSize) = Self.titleLines(title, width: Self.width - 2 * margin)
        let lineHeight = Int(Double(fontSize) * 1.15)
        let titleTop = 150 + fontSize
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Self.width) \(Self.height)\" width=\"\(Self.width)\" height=\"\(Self.height)\">"
        out += "<defs><linearGradient id=\"g\" x1=\"0\" y1=\"0\" x2=\"1\" y2=\"1\"><stop offset=\"0\" stop-color=\"\(from)\"/>"
        out += "<stop offset=\"1\" stop-color=\"\(to)\"/></linearGradient></defs>"
        out += "<rect width=\"\(Self.width)\" height=\"\(Self.height)\" fill=\"url(#g)\"/>"
        out += motif
        out += "<g fill=\"#fff\" font-family=\"-apple-system, BlinkMacSystemFont, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif\">"
        out += "<text x=\"\(margin)\" y=\"104\" font-size=\"30\" font-weight=\"600\" letter-spacing=\"2\">\(Escape.xml(kindLabel.uppercased()))</text>"
        out += "<text font-size=\"\(fontSize)\" font-weight=\"700\">"
        for (index, line) in lines.enumerated() {
            out += "<tspan x=\"\(margin)\" y=\"\(titleTop + index * lineHeight)\">\(Escape.xml(line))</tspan>"
        }
        out += "</text>"
        if !tags.isEmpty {
            let tagLine = Self.fit(tags.map { "#" + $0 }.joined(separator: "  "), characters: 44)
            out += "<text x=\"\(margin)\" y=\"\(Self.height - 48)\" font-size=\"30\">\(Escape.xml(tagLine))</text>"
        }
        out += "</g></svg>\n"
        return out
    }

    /// Faint white shapes that say what kind of entry this is: hills over water for a place, a
    /// woven pattern and a stamp-like ring for a product, dots for a page.
    private var motif: String {
        let style = "fill=\"none\" stroke=\"#fff\" stroke-linecap=\"round\""
        switch kind {
        case .place:
            var waves = ""
            for row in 0..<3 {
                let y = 500 + row * 34
                var d = "M0 \(y)"
                for step in 0..<16 { d += " q25 \(step % 2 == 0 ? -12 : 12) 50 0" }
                waves += "<path d=\"\(d)\" \(style) stroke-width=\"4\" stroke-opacity=\".22\"/>"
            }
            return "<path d=\"M0 470 C150 400 290 420 420 455 C540 488 660 430 800 395 L800 600 L0 600Z\" fill=\"#fff\" fill-opacity=\".08\"/>"
                + waves
        case .product:
            var weave = ""
            for i in 0..<9 {
                let x = 520 + i * 36
                weave += "<path d=\"M\(x) 600 l120 -120\" \(style) stroke-width=\"6\" stroke-opacity=\".14\"/>"
                weave += "<path d=\"M\(x) 480 l120 120\" \(style) stroke-width=\"6\" stroke-opacity=\".14\"/>"
            }
            return weave + "<circle cx=\"690\" cy=\"120\" r=\"62\" \(style) stroke-width=\"6\" stroke-opacity=\".25\"/>"
                + "<circle cx=\"690\" cy=\"120\" r=\"44\" \(style) stroke-width=\"3\" stroke-opacity=\".2\"/>"
        case .page:
            var dots = ""
            for row in 0..<4 { for column in 0..<6 { dots += "<circle cx=\"\(520 + column * 48)\" cy=\"\(420 + row * 48)\" r=\"6\" fill=\"#fff\" fill-opacity=\".18\"/>" } }
            return dots
        }
    }

    /// The title broken into at most three lines at the largest of a few sizes that fits
    /// (glyph widths estimated at 0.58 em, bold sans); a longer title ends in an ellipsis.
    static func titleLines(_ title: String, width: Int) -> ([String], Int) {
        for size in [72, 62, 54, 46] {
            let perLine = Int(Double(width) / (Double(size) * 0.58))
            let lines = wrap(title, characters: perLine)
            if lines.count <= 3 { return (lines, size) }
        }
        let lines = wrap(title, characters: Int(Double(width) / (46 * 0.58)))
        return (Array(lines.prefix(2)) + [fit(lines[2...].joined(separator: " "), characters: Int(Double(width) / (46 * 0.58)))], 46)
    }

    static func wrap(_ text: String, characters: Int) -> [String] {
        var lines: [String] = [], current = ""
        for word in text.split(separator: " ") {
            if current.isEmpty { current = String(word) }
            else if current.count + 1 + word.count <= characters { current += " " + word }
            else { lines.append(current); current = String(word) }
        }
        if !current.isEmpty { lines.append(current) }
        return lines.map { fit($0, characters: characters) }
    }

    static func fit(_ text: String, characters: Int) -> String {
        text.count <= characters ? text : String(text.prefix(max(characters - 1, 1))) + "…"
    }

    /// FNV-1a over the UTF-8 bytes: a stable choice of colour, and the file name's content hash.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }
}
