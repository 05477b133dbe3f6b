import Foundation

/// Where to find a font when the site configures none. DejaVu Sans covers Latin and all of
/// Vietnamese (precomposed letters with stacked marks such as "Ầ", "Ử"), is free to
/// redistribute in rendered images, and is preinstalled on Debian/Ubuntu (fonts-dejavu-core),
/// so the build works without shipping a font.
extension Font {
    /// DejaVu Sans Bold, in the order searched: Debian/Ubuntu first, then Fedora/Arch,
    /// then Homebrew and a user install on macOS.
    public static let defaultBoldPaths: [String] = [
        "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
        "/usr/share/fonts/TTF/DejaVuSans-Bold.ttf",
        "/usr/local/share/fonts/DejaVuSans-Bold.ttf",
        "/opt/homebrew/share/fonts/DejaVuSans-Bold.ttf",
        "/Library/Fonts/DejaVuSans-Bold.ttf",
    ]

    /// DejaVu Sans (regular), searched in the same places as `defaultBoldPaths`.
    public static let defaultRegularPaths: [String] = defaultBoldPaths.map {
        $0.replacingOccurrences(of: "DejaVuSans-Bold.ttf", with: "DejaVuSans.ttf")
    }

    /// The first default font file that exists, or nil when DejaVu Sans is not installed.
    public static func defaultURL(bold: Bool) -> URL? {
        let paths = bold ? defaultBoldPaths : defaultRegularPaths
        return paths.first { FileManager.default.isReadableFile(atPath: $0) }.map { URL(fileURLWithPath: $0) }
    }

    /// DejaVu Sans (Bold) loaded from the first path that exists and loads, or nil when none
    /// does: callers decide whether a missing font is an error (the build) or a skip (tests).
    public static func findDefault(bold: Bool) -> Font? {
        let paths = bold ? defaultBoldPaths : defaultRegularPaths
        for path in paths where FileManager.default.isReadableFile(atPath: path) {
            if let font = try? Font(contentsOf: URL(fileURLWithPath: path)) { return font }
        }
        return nil
    }
}
