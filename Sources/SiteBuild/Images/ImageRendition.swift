import Foundation

/// One picture at one size, in the format every browser reads (JPEG or PNG) and in the two that
/// browsers pick first from `<picture>` (AVIF, WebP): a poster or thumbnail, a photo at one width.
struct ImageRendition: Sendable, Equatable {
    var width: Int
    var height: Int
    /// The JPEG or PNG.
    var bytes: [UInt8]
    /// "jpg" or "png".
    var fileExtension: String
    var webp: [UInt8]
    /// Nil when no AVIF quality kept the promise (the picture then offers WebP first).
    var avif: [UInt8]?

    /// As image-cache files: WxH.jpg (or .png), WxH.webp and WxH.avif for each rendition.
    static func cacheFiles(_ renditions: [Self]) -> [String: Data] {
        var files: [String: Data] = [:]
        for rendition in renditions {
            let stem = "\(rendition.width)x\(rendition.height)"
            files["\(stem).\(rendition.fileExtension)"] = Data(rendition.bytes)
            files["\(stem).webp"] = Data(rendition.webp)
            if let avif = rendition.avif { files["\(stem).avif"] = Data(avif) }
        }
        return files
    }

    /// The renditions back from cache files, narrowest first (files named otherwise, such as a
    /// poster's icon.png, are left to the caller); nil when the set is empty or incomplete.
    static func fromCacheFiles(_ files: [String: Data]) -> [Self]? {
        var renditions: [Self] = []
        for (name, data) in files where name.hasSuffix(".jpg") || name.hasSuffix(".png") {
            let stem = String(name.dropLast(4))
            let size = stem.split(separator: "x").compactMap { Int($0) }
            guard size.count == 2 else { continue }
            guard let webp = files["\(stem).webp"] else { return nil }
            renditions.append(Self(width: size[0], height: size[1], bytes: [UInt8](data), fileExtension: String(name.suffix(3)),
                                   webp: [UInt8](webp), avif: files["\(stem).avif"].map { [UInt8]($0) }))
        }
        return renditions.isEmpty ? nil : renditions.sorted { $0.width < $1.width }
    }
}
