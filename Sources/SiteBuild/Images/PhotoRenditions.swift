import Foundation
import Imaging

/// The sizes a page serves of a photo named in front matter: the photo decoded, turned upright
/// (EXIF orientation), and scaled to a few widths for `srcset`. JPEG unless the photo has
/// transparency, then PNG, which keeps it; and beside each the same pixels as AVIF and WebP
/// for `<picture>`, at the lowest quality that keeps `QualityGuard`'s promise against them.
/// The same input always gives the same bytes.
enum PhotoRenditions {
    /// Gallery and cards on phones (1× to 2×), then tablets and desktops at 2×.
    static let widths = [480, 960, 1440]
    static let jpegQuality = 82

    typealias Rendition = ImageRendition

    /// Why a photo cannot be used; the description names the file.
    struct Failure: Error, Sendable, Equatable, CustomStringConvertible {
        var description: String
    }

    /// The renditions of the photo in `bytes`, narrowest first; `path` (project-relative) is for messages
    /// and its extension is the format hint for files without a magic number (TGA).
    static func make(_ bytes: [UInt8], path: String) throws(Failure) -> [Rendition] {
        var image: RGBAImage
        do {
            image = try ImageDecoder.decode(bytes, formatHint: URL(fileURLWithPath: path).pathExtension)
        } catch {
            throw Failure(description: "\(path): not a photo the build can read (\(error)); expected a JPEG or PNG")
        }
        var profile: [[UInt8]] = []
        if ImageDecoder.sniff(bytes) == .jpeg {
            image = upright(image, orientation: JPEGMetadata.orientation(bytes))
            profile = JPEGMetadata.rgbProfileSegments(bytes)
        }
        let opaque = image.isOpaque
        return try targetWidths(forWidth: image.width).map { (width) throws(Failure) -> Rendition in
            let scaled = width < image.width
                ? ImageResize.downscale(image, maxDimension: maxDimension(width: width, of: image), srgb: true)
                : image
            do {
                let icc = JPEGMetadata.iccProfile(profile)
                let webp = try WebImageEncoding.webP(scaled, iccProfile: icc), avif = WebImageEncoding.avif(scaled, iccProfile: icc)
                if opaque {
                    let jpeg = try JPEGCodec.encode(scaled, quality: jpegQuality)
                    return Rendition(width: scaled.width, height: scaled.height, bytes: JPEGMetadata.inserting(profile, into: jpeg),
                                     fileExtension: "jpg", webp: webp, avif: avif)
                }
                return Rendition(width: scaled.width, height: scaled.height, bytes: try PNGCodec.encode(scaled),
                                 fileExtension: "png", webp: webp, avif: avif)
            } catch {
                throw Failure(description: "\(path): cannot encode its \(width)-px rendition (\(error))")
            }
        }
    }

    /// The widths narrower than the photo; the photo's own width when none is.
    static func targetWidths(forWidth width: Int) -> [Int] {
        let narrower = widths.filter { $0 < width }
        return narrower.isEmpty ? [width] : narrower
    }

    /// `ImageResize` scales the longer side; this is the longer side that gives `width`.
    /// (For a portrait photo the width then rounds back to exactly `width`.)
    static func maxDimension(width: Int, of image: RGBAImage) -> Int {
        guard image.height > image.width else { return width }
        return max(1, Int((Double(image.height) * Double(width) / Double(image.width)).rounded()))
    }

    /// The image as it is meant to be seen, for an EXIF orientation (1…8; others are left alone).
    /// Phones store portrait photos sideways with orientation 6; the renditions carry no EXIF.
    static func upright(_ image: RGBAImage, orientation: Int) -> RGBAImage {
        guard (2...8).contains(orientation) else { return image }
        let w = image.width, h = image.height
        let swaps = orientation >= 5
        let outWidth = swaps ? h : w, outHeight = swaps ? w : h
        var out = [UInt8](repeating: 0, count: image.pixels.count)
        image.pixels.withUnsafeBytes { source in
            out.withUnsafeMutableBytes { destination in
                let src = source.bindMemory(to: UInt32.self), dst = destination.bindMemory(to: UInt32.self)
                for oy in 0..<outHeight {
                    for ox in 0..<outWidth {
                        // Where the output pixel (ox, oy) is stored in the file (TIFF/EXIF orientation tag).
                        let (x, y): (Int, Int)
                        switch orientation {
                        case 2: (x, y) = (w - 1 - ox, oy)
                        case 3: (x, y) = (w - 1 - ox, h - 1 - oy)
                        case 4: (x, y) = (ox, h - 1 - oy)
                        case 5: (x, y) = (oy, ox)
                        case 6: (x, y) = (oy, h - 1 - ox)
                        case 7: (x, y) = (w - 1 - oy, h - 1 - ox)
                        default: (x, y) = (w - 1 - oy, ox)
                        }
                        dst[oy * outWidth + ox] = src[y * w + x]
                    }
                }
            }
        }
        return RGBAImage(width: outWidth, height: outHeight, pixels: out)
    }
}

/// What a re-encoded JPEG must keep from its source: the orientation (applied to the pixels) and
/// an RGB colour profile (copied, so a Display P3 phone photo keeps its colours).
enum JPEGMetadata {
    /// The EXIF orientation (1…8), or 1 when there is none or it cannot be read.
    static func orientation(_ jpeg: [UInt8]) -> Int {
        for segment in segments(jpeg) where segment.marker == 0xE1 {
            let exif = jpeg[segment.payload]
            guard exif.starts(with: Array("Exif\0\0".utf8)) else { continue }
            let tiff = Array(exif.dropFirst(6))
            guard tiff.count >= 8 else { return 1 }
            let little: Bool
            switch (tiff[0], tiff[1]) {
            case (0x49, 0x49): little = true
            case (0x4D, 0x4D): little = false
            default: return 1
            }
            func u16(_ at: Int) -> Int? {
                guard at >= 0, at + 2 <= tiff.count else { return nil }
                return little ? Int(tiff[at]) | Int(tiff[at + 1]) << 8 : Int(tiff[at]) << 8 | Int(tiff[at + 1])
            }
            func u32(_ at: Int) -> Int? {
                guard let a = u16(at), let b = u16(at + 2) else { return nil }
                return little ? a | b << 16 : a << 16 | b
            }
            guard u16(2) == 42, let ifd = u32(4), let count = u16(ifd) else { return 1 }
            for entry in 0..<count {
                let at = ifd + 2 + entry * 12
                guard let tag = u16(at) else { return 1 }
                // 0x0112 Orientation, type 3 (SHORT), one value, stored in the entry itself.
                if tag == 0x0112, u16(at + 2) == 3, let value = u16(at + 8) {
                    return (1...8).contains(value) ? value : 1
                }
            }
            return 1
        }
        return 1
    }

    /// The APP2 ICC_PROFILE segments (whole, marker included) when the profile is for RGB data;
    /// none for CMYK or grey profiles, which would not fit the RGB renditions.
    static func rgbProfileSegments(_ jpeg: [UInt8]) -> [[UInt8]] {
        let signature = Array("ICC_PROFILE\0".utf8)
        let parts = segments(jpeg).filter { $0.marker == 0xE2 && jpeg[$0.payload].starts(with: signature) }
        guard let first = parts.first else { return [] }
        // Payload: signature, sequence number, count, then the profile; its colour space is at byte 16.
        let header = jpeg[first.payload].dropFirst(signature.count + 2)
        guard header.count >= 20, Array(header.dropFirst(16).prefix(4)) == Array("RGB ".utf8) else { return [] }
        return parts.map { Array(jpeg[$0.whole]) }
    }

    /// The ICC profile carried by APP2 `segments` (as `rgbProfileSegments` returns them, whole):
    /// their payloads after the signature and the two sequence bytes, in sequence order.
    static func iccProfile(_ segments: [[UInt8]]) -> [UInt8] {
        let header = 4 + "ICC_PROFILE\0".utf8.count + 2  // marker and length, signature, sequence number and count
        let chunks = segments.filter { $0.count > header }.sorted { $0[header - 2] < $1[header - 2] }
        return chunks.flatMap { $0[header...] }
    }

    /// `jpeg` with `segments` placed after SOI and a JFIF APP0, where the format wants APPn markers.
    static func inserting(_ segments: [[UInt8]], into jpeg: [UInt8]) -> [UInt8] {
        guard !segments.isEmpty, jpeg.starts(with: [0xFF, 0xD8]) else { return jpeg }
        var at = 2
        if let app0 = Self.segments(jpeg).first, app0.marker == 0xE0 { at = app0.whole.upperBound }
        return Array(jpeg[..<at]) + segments.flatMap { $0 } + Array(jpeg[at...])
    }

    struct Segment {
        var marker: UInt8
        /// The whole segment, 0xFF marker and length included.
        var whole: Range<Int>
        /// After the two length bytes.
        var payload: Range<Int>
    }

    /// The marker segments before the image data (up to SOS); stops quietly at anything malformed.
    static func segments(_ jpeg: [UInt8]) -> [Segment] {
        guard jpeg.starts(with: [0xFF, 0xD8]) else { return [] }
        var out: [Segment] = []
        var i = 2
        while i + 4 <= jpeg.count, jpeg[i] == 0xFF {
            let marker = jpeg[i + 1]
            if marker == 0xFF { i += 1; continue }  // fill byte
            if marker == 0xDA || marker == 0xD9 { break }
            let length = Int(jpeg[i + 2]) << 8 | Int(jpeg[i + 3])
            guard length >= 2, i + 2 + length <= jpeg.count else { break }
            out.append(Segment(marker: marker, whole: i..<(i + 2 + length), payload: (i + 4)..<(i + 2 + length)))
            i += 2 + length
        }
        return out
    }
}
