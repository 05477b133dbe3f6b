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
}
