import CFreeType

// FreeType's load flags are `#define`s built from shifts; spelling the few we use here keeps
// the wrapper independent of which macros the Clang importer manages to translate.

/// Hinted outlines, grid-fitted metrics and advances: FreeType's default. DejaVu ships good
/// TrueType instructions, and whole-pixel advances keep stems crisp and output deterministic.
let glyphLoadFlags: FT_Int32 = 0 // FT_LOAD_DEFAULT
/// Set in `FT_Face.face_flags` when the face has scalable outlines (FT_FACE_FLAG_SCALABLE).
let faceFlagScalable: FT_Long = 1 << 0
/// Set when the face has a 'kern' table FT_Get_Kerning can read (FT_FACE_FLAG_KERNING).
let faceFlagKerning: FT_Long = 1 << 6

/// A readable text for a FreeType error code. Debian builds FreeType without
/// FT_CONFIG_OPTION_ERROR_STRINGS, so `FT_Error_String` returns NULL there; the codes a
/// caller is likely to meet are named here, the rest keep their number.
func freeTypeErrorText(_ code: FT_Error) -> String {
    if let text = FT_Error_String(code) {
        return "FreeType error 0x\(String(code, radix: 16)) (\(String(cString: text)))"
    }
    let names: [FT_Error: String] = [
        0x01: "cannot open resource",
        0x02: "unknown file format",
        0x03: "broken file",
        0x06: "invalid argument",
        0x10: "invalid glyph index",
        0x17: "invalid pixel size",
        0x40: "out of memory",
        0x51: "cannot open stream",
        0x55: "invalid stream operation",
    ]
    let name = names[code].map { " (\($0))" } ?? ""
    return "FreeType error 0x\(String(code, radix: 16))\(name)"
}
