/// The raster formats 3D models in the wild reference as textures.
public enum ImageFileFormat: String, Sendable {
    case png, jpeg, tga, bmp, webp

    /// Maps a file extension ("TGA", ".jpg", "textures/wood.png") to a format, or nil.
    init?(fileExtension: String) {
        var ext = Substring(fileExtension.lowercased())
        if let dot = ext.lastIndex(of: ".") { ext = ext[ext.index(after: dot)...] }
        switch ext {
        case "png": self = .png
        case "jpg", "jpeg", "jpe", "jfif": self = .jpeg
        case "tga", "targa", "icb", "vda", "vst": self = .tga
        case "bmp", "dib": self = .bmp
        case "webp": self = .webp
        default: return nil
        }
    }
}
