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

    struct Encoded: Equatable {
        /// Narrowest first, each a palette PNG with its AVIF and WebP; the last is the poster
        /// at full size.
        var renditions: [ImageRendition]
        var icon: [UInt8]

        var poster: ImageRendition { renditions[renditions.count - 1] }
        var thumbnails: ArraySlice<ImageRendition> { renditions.dropLast() }
    }

    static func encode(_ master: RGBAImage) throws -> Encoded {
        let widths = thumbnailWidths.filter { $0 < max(master.width, master.height) }
        let renditions = try (widths + [nil]).map { width -> ImageRendition in
            let image = width.map { ImageResize.downscale(master, maxDimension: $0, srgb: true) } ?? master
            return ImageRendition(width: image.width, height: image.height,
                                  bytes: try PNGCodec.encodeSmallest(image, qualities: PosterOutput.paletteQualities), fileExtension: "png",
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
        ImageRendition.cacheFiles(renditions).merging(["icon.png": Data(icon)]) { $1 }
    }

    /// Nil when the files are not a complete set (an entry from an older layout, say).
    init?(files: [String: Data]) {
        guard let icon = files["icon.png"], let renditions = ImageRendition.fromCacheFiles(files),
              renditions.allSatisfy({ $0.fileExtension == "png" }) else { return nil }
        self.init(renditions: renditions, icon: [UInt8](icon))
    }
}
