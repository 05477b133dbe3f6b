import Foundation

/// sRGB ↔ linear. Textures and CSS colours are sRGB-encoded; lighting and averaging are only
/// right in linear light, so everything is converted on the way in and once on the way out.
enum ColorSpace {
    static let toLinear: [Float] = (0..<256).map { i in
        let c = Double(i) / 255
        return Float(c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4))
    }

    static func linear(_ c: Float) -> Float {
        let d = Double(min(max(c, 0), 1))
        return Float(d <= 0.04045 ? d / 12.92 : pow((d + 0.055) / 1.055, 2.4))
    }

    /// 4096-entry table: output encoding runs once per pixel, and a table keeps it cheap and
    /// exactly reproducible. 12 bits of linear input are enough for 8-bit sRGB output.
    /// Loops over many pixels read it through `withUnsafeBufferPointer` (no per-value checks).
    static let encodeTable: [UInt8] = (0..<4096).map { i in
        let l = Double(i) / 4095
        let c = l <= 0.0031308 ? l * 12.92 : 1.055 * pow(l, 1 / 2.4) - 0.055
        return UInt8((min(max(c, 0), 1) * 255).rounded())
    }

    @inline(__always) static func encode(_ linear: Float) -> UInt8 {
        encodeTable.withUnsafeBufferPointer { encode(linear, $0) }
    }

    @inline(__always) static func encode(_ linear: Float, _ table: UnsafeBufferPointer<UInt8>) -> UInt8 {
        let v = min(max(linear, 0), 1)
        return table[Int(v * 4095 + 0.5)]
    }
}
