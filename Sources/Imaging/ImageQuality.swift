import Foundation

/// How close a re-encoded image is to its source, for the quality guard on lossy textures:
/// PSNR over the colour channels (and alpha where either image has it) and SSIM on luma.
public enum ImageQuality {
    /// Peak signal-to-noise ratio in dB; `.infinity` for identical pixels.
    public static func psnr(_ a: RGBAImage, _ b: RGBAImage) -> Double {
        precondition(a.width == b.width && a.height == b.height, "PSNR of images of different sizes")
        var squared = 0.0
        var samples = 0
        a.pixels.withUnsafeBufferPointer { p in
            b.pixels.withUnsafeBufferPointer { q in
                for index in stride(from: 0, to: p.count, by: 4) {
                    let channels = p[index + 3] == 255 && q[index + 3] == 255 ? 3 : 4
                    for channel in 0 ..< channels {
                        let difference = Double(Int(p[index + channel]) - Int(q[index + channel]))
                        squared += difference * difference
                    }
                    samples += channels
                }
            }
        }
        guard squared > 0, samples > 0 else { return .infinity }
        return 10 * log10(255 * 255 / (squared / Double(samples)))
    }

    /// Mean SSIM of the luma over 8×8 windows (stride 4), with the usual constants
    /// (K1 = 0.01, K2 = 0.03, L = 255).
    public static func ssim(_ a: RGBAImage, _ b: RGBAImage) -> Double {
        precondition(a.width == b.width && a.height == b.height, "SSIM of images of different sizes")
        let lumaA = luma(a), lumaB = luma(b)
        let window = min(8, a.width, a.height)
        guard window > 0 else { return 1 }
        let c1 = (0.01 * 255.0) * (0.01 * 255.0), c2 = (0.03 * 255.0) * (0.03 * 255.0)
        var total = 0.0, windows = 0
        for top in stride(from: 0, through: a.height - window, by: 4) {
            for left in stride(from: 0, through: a.width - window, by: 4) {
                var sumA = 0.0, sumB = 0.0, sumAA = 0.0, sumBB = 0.0, sumAB = 0.0
                for y in top ..< top + window {
                    for x in left ..< left + window {
                        let p = lumaA[y * a.width + x], q = lumaB[y * a.width + x]
                        sumA += p; sumB += q; sumAA += p * p; sumBB += q * q; sumAB += p * q
                    }
                }
                let n = Double(window * window)
                let meanA = sumA / n, meanB = sumB / n
                let varA = sumAA / n - meanA * meanA, varB = sumBB / n - meanB * meanB, cov = sumAB / n - meanA * meanB
                total += ((2 * meanA * meanB + c1) * (2 * cov + c2)) / ((meanA * meanA + meanB * meanB + c1) * (varA + varB + c2))
                windows += 1
            }
        }
        return windows == 0 ? 1 : total / Double(windows)
    }

    private static func luma(_ image: RGBAImage) -> [Double] {
        var out = [Double](repeating: 0, count: image.width * image.height)
        for pixel in 0 ..< out.count {
            let r = Double(image.pixels[pixel * 4]), g = Double(image.pixels[pixel * 4 + 1]), b = Double(image.pixels[pixel * 4 + 2])
            out[pixel] = 0.299 * r + 0.587 * g + 0.114 * b
        }
        return out
    }
}

extension ImageQuality {
    /// The image as it shows over black: colour multiplied by alpha. Comparing these measures
    /// what a visitor sees of a transparent image, not the colour an encoder leaves under
    /// fully transparent pixels (which no one sees).
    public static func premultiplied(_ image: RGBAImage) -> RGBAImage {
        var pixels = image.pixels
        for index in stride(from: 0, to: pixels.count, by: 4) where pixels[index + 3] < 255 {
            let alpha = UInt16(pixels[index + 3])
            for channel in 0 ..< 3 { pixels[index + channel] = UInt8((UInt16(pixels[index + channel]) * alpha + 127) / 255) }
        }
        return RGBAImage(width: image.width, height: image.height, pixels: pixels)
    }
}
