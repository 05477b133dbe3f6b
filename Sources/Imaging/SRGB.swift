import Foundation

/// The sRGB transfer function (IEC 61966-2-1). Colour textures store sRGB-encoded values;
/// averaging them directly darkens edges and fine detail, so filters work in linear light.
enum SRGB {
    /// Encoded byte -> linear 0...1, precomputed for all 256 values.
    static let toLinear: [Float] = (0..<256).map { i in
        let c = Double(i) / 255
        return Float(c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4))
    }

    /// Linear 0...1 -> encoded byte, rounded to nearest.
    static func encode(_ linear: Float) -> UInt8 {
        let l = Double(min(max(linear, 0), 1))
        let c = l <= 0.0031308 ? l * 12.92 : 1.055 * pow(l, 1 / 2.4) - 0.055
        return UInt8((c * 255).rounded())
    }
}
