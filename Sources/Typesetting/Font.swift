import CFreeType
import Foundation

/// A font face loaded from a file through FreeType: the one owner of an `FT_Library` and an
/// `FT_Face`, freed together in `deinit`.
///
/// Each `Font` has its own `FT_Library` rather than sharing a global one, because FreeType
/// objects are not thread-safe and a library shared between fonts would tie their locking
/// together. Within one font the face is mutable state (the current pixel size, the glyph
/// slot), so every use of it goes through `lock`: a `Font` may be shared between tasks, and
/// uses from two threads simply run one after the other. To lay out or draw cards in
/// parallel, load one `Font` per task.
public final class Font: @unchecked Sendable {
    /// The file the face was read from, for error messages.
    public let url: URL
    /// The family name the font declares, e.g. "DejaVu Sans".
    public let familyName: String
    /// The style name the font declares, e.g. "Bold".
    public let styleName: String
    /// Whether the face has a 'kern' table; when it does, layout applies FT_Get_Kerning.
    public let hasKerning: Bool

    private let library: FT_Library
    private let face: FT_Face
    // Guards `face` (pixel size and glyph slot change on every call) — see the type's note.
    private let lock = NSLock()

    /// Loads face 0 of the font file at `url`.
    ///
    /// Throws when the file is missing, is not a font FreeType can read, has no scalable
    /// outlines (bitmap-only fonts cannot be set at arbitrary pixel sizes) or has no Unicode
    /// character map (layout maps Unicode scalars to glyphs). Every message starts with the
    /// file path.
    public init(contentsOf url: URL) throws {
        let path = url.isFileURL ? url.path : url.absoluteString
        guard url.isFileURL else {
            throw TypesettingError("\(path): fonts are read from local files only (expected a file URL to a .ttf/.otf)")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw TypesettingError("\(path): no such font file (expected a .ttf/.otf file)")
        }

        var maybeLibrary: FT_Library?
        let libraryError = FT_Init_FreeType(&maybeLibrary)
        guard libraryError == 0, let library = maybeLibrary else {
            throw TypesettingError("\(path): cannot start FreeType (\(freeTypeErrorText(libraryError)))")
        }
        var maybeFace: FT_Face?
        let faceError = path.withCString { FT_New_Face(library, $0, 0, &maybeFace) }
        guard faceError == 0, let face = maybeFace else {
            FT_Done_FreeType(library)
            if faceError == 0x01 {
                throw TypesettingError("\(path): cannot open the font file (\(freeTypeErrorText(faceError)))")
            }
            throw TypesettingError("\(path): not a font file FreeType can read (expected .ttf/.otf; \(freeTypeErrorText(faceError)))")
        }
        // Checked before the stored properties are set, so a throw here frees by hand and
        // `deinit` (which only runs for a fully initialised object) never double-frees.
        var problem: String?
        if face.pointee.face_flags & faceFlagScalable == 0 {
            problem = "has no scalable outlines (bitmap-only fonts cannot be drawn at any pixel size; expected .ttf/.otf)"
        } else if face.pointee.charmap == nil, FT_Select_Charmap(face, FT_ENCODING_UNICODE) != 0 {
            problem = "has no Unicode character map, so text cannot be mapped to its glyphs"
        }
        if let problem {
            FT_Done_Face(face)
            FT_Done_FreeType(library)
            throw TypesettingError("\(path): font \(problem)")
        }

        self.url = url
        self.library = library
        self.face = face
        self.familyName = face.pointee.family_name.map { String(cString: $0) } ?? ""
        self.styleName = face.pointee.style_name.map { String(cString: $0) } ?? ""
        self.hasKerning = face.pointee.face_flags & faceFlagKerning != 0
    }

    deinit {
        FT_Done_Face(face)
        FT_Done_FreeType(library)
    }

    /// The largest pixel size accepted; far above any card title, small enough that glyph
    /// bitmaps stay a few megabytes at most.
    public static let maxPixelSize = 2048

    /// Runs `body` with the face locked and set to `pixelSize` (pixels per em).
    ///
    /// The `SizedFace` handed to `body` is valid only inside it: it holds the face pointer
    /// without the lock.
    func withSize<R>(_ pixelSize: Int, _ body: (SizedFace) throws -> R) throws -> R {
        guard (1...Font.maxPixelSize).contains(pixelSize) else {
            throw TypesettingError("\(url.path): pixel size \(pixelSize) is outside 1...\(Font.maxPixelSize)")
        }
        lock.lock()
        defer { lock.unlock() }
        let error = FT_Set_Pixel_Sizes(face, 0, FT_UInt(pixelSize))
        guard error == 0 else {
            throw TypesettingError("\(url.path): cannot set pixel size \(pixelSize) (\(freeTypeErrorText(error)))")
        }
        return try body(SizedFace(face: face, path: url.path, pixelSize: pixelSize, kerning: hasKerning))
    }
}
