/// Decodes any supported file to RGBA, choosing the codec from the bytes themselves.
///
/// Magic numbers win over the caller's hint because model files often reference textures
/// with the wrong extension (a PNG saved as .jpg). TGA has no magic number, so it is only
/// tried when the hint says so.
public enum ImageDecoder {
    /// The format whose magic number starts `bytes`, or nil (always nil for TGA).
    public static func sniff(_ bytes: [UInt8]) -> ImageFileFormat? {
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47]) { return .png }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.starts(with: [0x42, 0x4D]) { return .bmp }  // "BM"
        if WebPCodec.isWebP(bytes) { return .webp }
        return nil
    }

    /// Decodes `bytes`; `formatHint` is the file's extension ("tga", ".TGA" or a file name).
    public static func decode(_ bytes: [UInt8], formatHint: String? = nil) throws -> RGBAImage {
        let hinted = formatHint.flatMap(ImageFileFormat.init(fileExtension:))
        let format: ImageFileFormat
        if let sniffed = sniff(bytes) {
            format = sniffed
        } else if hinted == .tga {
            format = .tga
        } else {
            let head = bytes.prefix(8).map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined(separator: " ")
            let hintText = formatHint.map { " (hint \"\($0)\")" } ?? ""
            throw ImagingError("unrecognised image data\(hintText): \(bytes.count) bytes starting [\(head)]; PNG, JPEG and BMP are detected by content, TGA needs a \"tga\" hint")
        }
        switch format {
        case .png: return try PNGCodec.decode(bytes)
        case .jpeg: return try JPEGCodec.decode(bytes)
        case .tga: return try TGACodec.decode(bytes)
        case .bmp: return try BMPCodec.decode(bytes)
        case .webp: return try WebPCodec.decode(bytes)
        }
    }
}
