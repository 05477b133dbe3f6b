import QRCode

/// A QR code drawn with Unicode half blocks, two module rows per text line, as `qrencode -t UTF8`
/// does. Colours are set explicitly (black on white) so it scans on light and dark terminals.
enum TerminalQR {
    static func render(_ text: String) throws -> String {
        let code = try QRCode(text: text, errorCorrection: .low)
        let quiet = 2
        let side = code.size + 2 * quiet
        func light(_ x: Int, _ y: Int) -> Bool {
            y >= side || !code.isDark(x: x - quiet, y: y - quiet)
        }
        var lines: [String] = []
        for y in stride(from: 0, to: side, by: 2) {
            var line = "\u{1B}[30;107m"  // black on bright white
            for x in 0..<side {
                switch (light(x, y), light(x, y + 1)) {
                case (true, true): line += " "
                case (false, false): line += "█"
                case (false, true): line += "▀"
                case (true, false): line += "▄"
                }
            }
            lines.append(line + "\u{1B}[0m")
        }
        return lines.joined(separator: "\n")
    }
}
