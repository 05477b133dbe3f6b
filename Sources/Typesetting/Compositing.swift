import Imaging

/// Source-over compositing of a coverage mask in one colour onto straight-alpha pixels.
enum Compositing {
    /// Blends `color` with per-pixel alpha coverage × color.alpha over `image`, the mask's
    /// top-left at (`x`, `y`), clipped to the image. Returns the rectangle of mask pixels with
    /// non-zero coverage that landed inside the image (pixels outside it are untouched).
    ///
    /// Straight alpha needs the full formula: out.a = s.a + d.a(1 − s.a) and
    /// out.rgb = (s.rgb·s.a + d.rgb·d.a(1 − s.a)) / out.a. The shortcut
    /// lerp(d.rgb, s.rgb, s.a) is only right over opaque pixels; over a transparent card it
    /// would pull the text's edges towards the transparent pixels' (meaningless) colour.
    /// Integer arithmetic, scaled by 255, keeps the output identical on every machine.
    static func blend(_ mask: CoverageMask, color: SIMD4<UInt8>, into image: inout RGBAImage, x: Int, y: Int) -> TextRect {
        let target = mask.rect.offsetBy(x: x, y: y)
        let clip = target.intersection(TextRect(x: 0, y: 0, width: image.width, height: image.height))
        guard !clip.isEmpty else { return .zero }
        let colorAlpha = Int(color.w)
        let colorRGB = (Int(color.x), Int(color.y), Int(color.z))
        var left = Int.max, top = Int.max, right = Int.min, bottom = Int.min
        image.pixels.withUnsafeMutableBufferPointer { pixels in
            for py in clip.y..<clip.maxY {
                let maskRow = (py - target.y) * mask.rect.width - target.x
                for px in clip.x..<clip.maxX {
                    let coverage = Int(mask.coverage[maskRow + px])
                    guard coverage > 0 else { continue }
                    left = min(left, px); right = max(right, px)
                    top = min(top, py); bottom = max(bottom, py)
                    let sa = (coverage * colorAlpha + 127) / 255
                    guard sa > 0 else { continue }
                    let i = (py * image.width + px) * 4
                    let da = Int(pixels[i + 3])
                    let dWeight = da * (255 - sa)      // d.a(1 − s.a), scaled by 255²
                    let outAlpha255 = sa * 255 + dWeight // out.a, scaled by 255²
                    pixels[i] = UInt8((colorRGB.0 * sa * 255 + Int(pixels[i]) * dWeight + outAlpha255 / 2) / outAlpha255)
                    pixels[i + 1] = UInt8((colorRGB.1 * sa * 255 + Int(pixels[i + 1]) * dWeight + outAlpha255 / 2) / outAlpha255)
                    pixels[i + 2] = UInt8((colorRGB.2 * sa * 255 + Int(pixels[i + 2]) * dWeight + outAlpha255 / 2) / outAlpha255)
                    pixels[i + 3] = UInt8((outAlpha255 + 127) / 255)
                }
            }
        }
        guard left <= right else { return .zero }
        return TextRect(x: left, y: top, width: right - left + 1, height: bottom - top + 1)
    }
}
