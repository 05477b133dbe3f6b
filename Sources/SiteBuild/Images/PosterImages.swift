import Foundation
import Imaging

/// The images a page shows of a model before (or instead of) the 3D view, made from the
/// worker's full-quality render: the poster itself and narrower thumbnails for `srcset`.
/// All are PNGs with a palette where libimagequant keeps the quality, so they stay transparent
/// and small.
enum PosterImages {
    /// Side of the square poster (see `PosterOutput.defaultSize`).
    static let posterSize = PosterOutput.defaultSize
    /// Thumbnail widths: list cards at 1× and on desktop columns at 2×; the poster itself
    /// serves phones at 2×.
    static let thumbnailWidths = [320, 512]

    struct Encoded {
        var poster: [UInt8]
        /// Narrowest first, with their sizes.
        var thumbnails: [(bytes: [UInt8], width: Int, height: Int)]
    }

    static func encode(_ master: RGBAImage) throws -> Encoded {
        let poster = try PNGCodec.encodeSmallest(master, qualities: PosterOutput.paletteQualities)
        let thumbnails = try thumbnailWidths.filter { $0 < max(master.width, master.height) }.map { width in
            let small = ImageResize.downscale(master, maxDimension: width, srgb: true)
            return (try PNGCodec.encodeSmallest(small, qualities: PosterOutput.paletteQualities), small.width, small.height)
        }
        return Encoded(poster: poster, thumbnails: thumbnails)
    }

    /// The same images taken from `cache` when this master was encoded before, else encoded and kept.
    static func encode(_ master: PosterMaster, cache: ImageCache?, used: inout Set<String>) throws -> Encoded {
        guard let cache else { return try encode(try master.image()) }
        let key = cache.key("poster", [Data(master.digest.utf8)])
        used.insert(key)
        if let files = cache.files(key), let encoded = Encoded(files: files) { return encoded }
        let encoded = try encode(try master.image())
        cache.keep(key, encoded.files)
        return encoded
    }
}

extension PosterImages.Encoded {
    /// As cache files: poster.png and thumb-WxH.png.
    var files: [String: Data] {
        var files = ["poster.png": Data(poster)]
        for thumb in thumbnails { files["thumb-\(thumb.width)x\(thumb.height).png"] = Data(thumb.bytes) }
        return files
    }

    init?(files: [String: Data]) {
        guard let poster = files["poster.png"] else { return nil }
        var thumbnails: [(bytes: [UInt8], width: Int, height: Int)] = []
        for (name, data) in files where name.hasPrefix("thumb-") && name.hasSuffix(".png") {
            let size = name.dropFirst("thumb-".count).dropLast(".png".count).split(separator: "x").compactMap { Int($0) }
            guard size.count == 2 else { return nil }
            thumbnails.append(([UInt8](data), size[0], size[1]))
        }
        self.init(poster: [UInt8](poster), thumbnails: thumbnails.sorted { $0.width < $1.width })
    }
}
