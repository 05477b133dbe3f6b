/// Facts of Pixar's Crate (usdc) format that our writer relies on, from OpenUSD's
/// `pxr/usd/sdf/crateFile.{h,cpp}` and `crateDataTypes.h`.
///
/// We write file version **0.2.0**: the newest one whose structural sections (TOKENS, FIELDS,
/// FIELDSETS, PATHS, SPECS) are stored plainly. 0.4.0 LZ4-compresses them and integer-codes the
/// indices, 0.5.0/0.6.0 compress numeric arrays; readers still accept every older version (a
/// 0.2.0 file opens in usd-core 25.11), and 0.2.0 already has prepend/append list ops, which
/// `apiSchemas` needs. Version-dependent details used here:
/// - arrays: 8-byte aligned, `uint32` rank (always 1), `uint32` element count, then the elements;
/// - path tree: 12-byte item headers (`uint32` path index, `uint32` element token, `uint8` bits,
///   3 bytes padding) in depth-first order, an `int64` absolute offset to the next sibling when an
///   item has both a child and a sibling;
/// - fields are 16 bytes (4 bytes padding, `uint32` token index, `uint64` value rep), specs 12 bytes.
enum Crate {
    static let version: (major: UInt8, minor: UInt8, patch: UInt8) = (0, 2, 0)
    static let bootstrapSize = 88

    /// Value type enumerants (stable numbers from crateDataTypes.h).
    enum TypeEnum: UInt64 {
        case bool = 1, int = 3, float = 8, double = 9, string = 10, token = 11, assetPath = 12
        case matrix4d = 15, vec2f = 20, vec3f = 24, vec4f = 28
        case tokenListOp = 32, pathListOp = 34, tokenVector = 41, specifier = 42, variability = 44
    }

    /// SdfSpecType values.
    enum SpecType: UInt32 { case attribute = 1, prim = 6, pseudoRoot = 7, relationship = 8 }

    /// A value representation: 8 bytes = array/inlined/compressed flags, type byte, 48-bit payload
    /// (the value itself when inlined, otherwise its file offset).
    static func rep(_ type: TypeEnum, inlined: Bool = false, array: Bool = false, payload: UInt64) -> UInt64 {
        (array ? 1 << 63 : 0) | (inlined ? 1 << 62 : 0) | (type.rawValue << 48) | (payload & ((1 << 48) - 1))
    }

    /// SdfListOp header bits.
    static let listOpIsExplicit: UInt8 = 1 << 0
    static let listOpHasExplicitItems: UInt8 = 1 << 1
    static let listOpHasPrependedItems: UInt8 = 1 << 5

    /// Path item header bits.
    static let pathHasChild: UInt8 = 1 << 0
    static let pathHasSibling: UInt8 = 1 << 1
    static let pathIsPrimProperty: UInt8 = 1 << 2
}
