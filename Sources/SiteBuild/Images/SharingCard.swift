import Foundation
import Imaging
import SiteContent
import Typesetting

/// The 1200×630 picture a link shows when it is shared on Zalo or Facebook (`og:image`):
/// the model's render on the right, the entry's title and the site's name on the left, on the
/// site's background colour. A JPEG: the card is opaque, and photos-like renders compress best so.
struct SharingCard {
    static let width = 1200
    static let height = 630
    /// Room kept clear at the edges: Facebook and Zalo round or crop the corners a little.
    static let margin = 64
    /// The render's square on the right.
    static let renderSide = 580
    static let titleSizes = 40...76
    static let titleLines = 4
    static let siteNameSizes = 22...30
    /// The render's edges fade over this many pixels, so a shadow cut by its frame does not
    /// end in a hard line on the card.
    static let edgeFade = 40

    struct Fonts {
        var title: Font
        var siteName: Font

        /// The font from site.yml's `sharing.font` for both, else DejaVu Sans Bold and Regular.
        static func load(_ config: SharingConfig, projectRoot: URL) throws -> Fonts? {
            if let path = config.font {
                let font = try Font(contentsOf: projectRoot.appendingPathComponent(path))
                return Fonts(title: font, siteName: font)
            }
            guard let bold = Font.findDefault(bold: true) else { return nil }
            return Fonts(title: bold, siteName: Font.findDefault(bold: false) ?? bold)
        }

        /// What identifies the fonts `load` would use, for the image cache: the bytes of the
        /// configured file, or of the system's default files (none installed is an identity too).
        static func identity(_ config: SharingConfig, projectRoot: URL) -> Data {
            let paths = config.font.map { [projectRoot.appendingPathComponent($0).path] }
                ?? (Font.defaultBoldPaths + Font.defaultRegularPaths).filter { FileManager.default.isReadableFile(atPath: $0) }
            var identity = Data()
            for path in paths {
                identity += Data(path.utf8)
                identity += Data((FileDigests.sha256(ofFileAt: path) ?? "absent").utf8)
            }
            return identity
        }
    }

    var title: String
    var siteName: String
    var render: RGBAImage
    var background: RGBColor
    var textColor: RGBColor

    /// Composes the card; `fonts` nil (no font found) leaves the text off and keeps the render.
    func image(fonts: Fonts?) throws -> RGBAImage {
        let paper = SIMD4(background.red, background.green, background.blue, 255)
        var card = RGBAImage(width: Self.width, height: Self.height, fill: paper)
        let side = Self.renderSide
        let picture = ImageResize.downscale(render, maxDimension: side, srgb: true)
        // Centred in the square on the right (a render smaller than the square is not enlarged).
        let squareX = Self.width - Self.margin / 2 - side
        Self.composite(picture, over: &card, x: squareX + (side - picture.width) / 2, y: (Self.height - picture.height) / 2)

        guard let fonts else { return card }
        let textWidth = squareX - Self.margin - 16
        let ink = SIMD4(textColor.red, textColor.green, textColor.blue, 255)
        let muted = SIMD4(textColor.red, textColor.green, textColor.blue, 180)
        let titleLayout = try TextLayout.fitting(title, font: fonts.title, pixelSizes: Self.titleSizes,
                                                 maxWidth: textWidth, maxLines: Self.titleLines)
        let nameLayout = try TextLayout.fitting(siteName, font: fonts.siteName, pixelSizes: Self.siteNameSizes,
                                                maxWidth: textWidth, maxLines: 1)
        // Title and site name as one block, centred vertically.
        let gap = nameLayout.pixelSize
        let blockHeight = titleLayout.bounds.height + gap + nameLayout.bounds.height
        let top = max(Self.margin / 2, (Self.height - blockHeight) / 2)
        // `bounds` includes ink above the ascender (stacked marks as in "Ầ"), so its top is placed.
        let title = titleLayout.bounds, name = nameLayout.bounds
        try draw(titleLayout, into: &card, x: Self.margin, y: top - title.y, color: ink)
        try draw(nameLayout, into: &card, x: Self.margin, y: top + title.height + gap - name.y, color: muted)
        return card
    }

    /// Straight-alpha "over" onto an opaque image, in sRGB as browsers composite, with the
    /// source's alpha faded to 0 over `edgeFade` pixels at its edges.
    static func composite(_ source: RGBAImage, over destination: inout RGBAImage, x: Int, y: Int) {
        func fade(_ i: Int, _ count: Int) -> Int {
            min(255, 255 * (min(i, count - 1 - i) + 1) / edgeFade)
        }
        for row in 0..<source.height {
            let dy = y + row
            guard dy >= 0, dy < destination.height else { continue }
            let rowFade = fade(row, source.height)
            for column in 0..<source.width {
                let dx = x + column
                guard dx >= 0, dx < destination.width else { continue }
                let s = (row * source.width + column) * 4
                let alpha = Int(source.pixels[s + 3]) * min(rowFade, fade(column, source.width)) / 255
                guard alpha > 0 else { continue }
                let d = (dy * destination.width + dx) * 4
                for channel in 0..<3 {
                    let blended = Int(source.pixels[s + channel]) * alpha + Int(destination.pixels[d + channel]) * (255 - alpha)
                    destination.pixels[d + channel] = UInt8((blended + 127) / 255)
                }
            }
        }
    }
}
