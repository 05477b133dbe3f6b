import Foundation
import Imaging

/// The images a page shows of a model before (or instead of) the 3D view, made from the
/// worker's full-quality render: the poster itself and narrower thumbnails for `srcset`, each as
/// AVIF and WebP for `<picture>` (the smallest files, at the lowest quality that keeps
/// `QualityGuard`'s promise) and as a palette PNG, which every browser reads and which stays
/// transparent; and a small PNG icon for the iOS AR button.
enum PosterImages {
    /// Side of the square poster (see `PosterOutput.defaultSize`).
    static let posterSize = PosterOutput.defaultSize
    /// Thumbnail widths: list cards at 1× and on desktop columns at 2×; the poster itself
    /// serves phones at 2×.
    static let thumbnailWidths = [320, 512]
    /// The icon inside the iOS AR button is 28 CSS px: 56 px covers 2× screens.
    static let iconWidth = 56

    /// One size in every format.
    struct Rendition: Equatable {
        var width: Int
        var height: Int
        var png: [UInt8]
        var webp: [UInt8]
        /// Nil when no AVIF quality kept the promise (the picture then offers WebP first).
        var avif: [UInt8]?
    }

    struct Encoded: Equatable {
        /// Narrowest first; the last is the poster at full size.
        var renditions: [Rendition]
        var icon: [UInt8]

        var poster: Rendition { renditions[renditions.count - 1] }
        var thumbnails: ArraySlice<Rendition> { renditions.dropLast() }
    }

    static func encode(_ master: RGBAImage) throws -> Encoded {
        let widths = thumbnailWidths.filter { $0 < max(master.width, master.height) }
        let renditions = try (widths + [nil]).map { width -> Rendition in
            let image = width.map { ImageResize.downscale(master, maxDimension: $0, srgb: true) } ?? master
            return Rendition(width: image.width, height: image.height,
                             png: try PNGCodec.encodeSmallest(image, qualities: PosterOutput.paletteQualities),
                             webp: try WebImageEncoding.webP(image), avif: WebImageEncoding.avif(image))
        }
        let icon = ImageResize.downscale(master, maxDimension: iconWidth, srgb: true)
        return Encoded(renditions: renditions, icon: try PNGCodec.encodeSmallest(icon, qualities: PosterOutput.paletteQualities))
    }

    /// The same images taken from `cache` when this master was encoded before, else encoded and kept.
    static func encode(_ master: PosterMaster, cache: ImageCache?, used: inout Set<String>) throws -> Encoded {
        guard let cache else { return try encode(try master.image()) }
        let key = cache.key("poster-images", [Data(master.digest.utf8)])
        used.insert(key)
        if let files = cache.files(key), let encoded = Encoded(files: files) { return encoded }
        let encoded = try encode(try master.image())
        cache.keep(key, encoded.files)
        return encoded
    }
}

extension PosterImages.Encoded {
    /// As cache files: WxH.png, WxH.webp, WxH.avif for each size, and icon.png.
    var files: [String: Data] {
        var files = ["icon.png": Data(icon)]
        for rendition in renditions {
            let stem = "\(rendition.width)x\(rendition.height)"
            files["\(stem).png"] = Data(rendition.png)
            files["\(stem).webp"] = Data(rendition.webp)
            if let avif = rendition.avif { files["\(stem).avif"] = Data(avif) }
        }
        return files
    }

    /// Nil when the files are not a complete set (an entry from an older layout, say).
    init?(files: [String: Data]) {
        guard let icon = files["icon.png"] else { return nil }
        var renditions: [PosterImages.Rendition] = []
        for (name, png) in files where name.hasSuffix(".png") && name != "icon.png" {
            let stem = String(name.dropLast(".png".count))
            let size = stem.split(separator: "x").compactMap { Int($0) }
            guard size.count == 2, let webp = files["\(stem).webp"] else { return nil }
            renditions.append(.init(width: size[0], height: size[1], png: [UInt8](png), webp: [UInt8](webp),
                                    avif: files["\(stem).avif"].map { [UInt8]($0) }))
        }
        guard !renditions.isEmpty else { return nil }
        self.init(renditions: renditions.sorted { $0.width < $1.width }, icon: [UInt8](icon))
    }
}
