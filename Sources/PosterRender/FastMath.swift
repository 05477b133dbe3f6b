// Replacements for libm calls on the per-pixel path. The package builds for baseline x86-64,
// where `rounded(.down)` is a call to floorf and log2f is a call too; per shade they added up
// to several percent of the render. These are plain arithmetic and deterministic.
// (The shader's exp2 in three.js's DFG fit is `fastExp2` below, for the same reason.)

/// ⌊x⌋ as an Int for |x| < 2⁶².
@inline(__always) func floorInt(_ x: Float) -> Int {
    let i = Int(x)  // truncates toward zero
    return Float(i) > x ? i - 1 : i
}

/// log2 of a positive, finite, normal x to within 0.005: ample for picking and blending mip
/// levels (an error of 0.005 levels is invisible), and two multiply-adds instead of a call.
/// The exponent comes from the bits; a quadratic fits 1 + log2 of the mantissa m in [1, 2)
/// (hence the bias of 128, not 127).
@inline(__always) func mipLog2(_ x: Float) -> Float {
    let bits = x.bitPattern
    let exponent = Float(Int32(bitPattern: (bits >> 23) & 0xFF) - 128)
    let m = Float(bitPattern: (bits & 0x007F_FFFF) | 0x3F80_0000)
    return exponent + (-0.344_848_43 * m + 2.024_665_78) * m - 0.674_877_59
}

/// 2^x for x in about [-126, 0] to within 2e-4 relative: the exponent goes into the bits, and a
/// cubic fits 2^f on [0, 1). Used for the exp2 of the DFG fit (x in [-9.28, 0]), where that
/// error is far below a pixel level.
@inline(__always) func fastExp2(_ x: Float) -> Float {
    let clamped = max(x, -126)
    let whole = floorInt(clamped)
    let f = clamped - Float(whole)
    let fraction = 1 + f * (0.695_556_856 + f * (0.226_173_572 + f * 0.078_145_573))
    return Float(bitPattern: UInt32(whole + 127) << 23) * fraction
}
