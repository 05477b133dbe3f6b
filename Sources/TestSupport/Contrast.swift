import Foundation

/// WCAG 2 relative luminance and contrast ratio of sRGB colours written as CSS hex ("#5b2a86", "#fff").
public enum Contrast {
    public static func luminance(_ hex: String) -> Double {
        var digits = hex.dropFirst().map { String($0) }
        if digits.count == 3 { digits = digits.flatMap { [$0, $0] } }
        let value = Int(digits.joined(), radix: 16) ?? 0
        let channels = [(value >> 16) & 0xFF, (value >> 8) & 0xFF, value & 0xFF].map { Double($0) / 255 }
        let linear = channels.map { $0 <= 0.04045 ? $0 / 12.92 : pow(($0 + 0.055) / 1.055, 2.4) }
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    }

    /// (lighter + 0.05) / (darker + 0.05): 1 to 21; normal text needs 4.5.
    public static func ratio(_ a: String, _ b: String) -> Double {
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }
}
