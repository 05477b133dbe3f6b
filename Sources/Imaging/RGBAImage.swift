/// An 8-bit RGBA raster: the one pixel format every codec and pass in this package agrees on.
///
/// Layout: row-major, top row first, 4 bytes per pixel (R, G, B, A), straight (not
/// premultiplied) alpha, so `pixels.count == width * height * 4`. A single format keeps the
/// codecs and the resizer free of per-format branches.
public struct RGBAImage: Sendable, Equatable {
    public var width: Int
    public var height: Int
    public var pixels: [UInt8]

    /// Wraps existing pixels. A wrong count is a programming error, not bad input, so it traps.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        precondition(width >= 0 && height >= 0, "RGBAImage: negative size \(width)x\(height)")
        let expected = RGBAImage.byteCount(width: width, height: height)
        precondition(expected == pixels.count,
                     "RGBAImage: \(width)x\(height) needs \(expected ?? -1) bytes, got \(pixels.count)")
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// An image of one colour (x, y, z, w = R, G, B, A).
    public init(width: Int, height: Int, fill: SIMD4<UInt8>) {
        precondition(width >= 0 && height >= 0, "RGBAImage: negative size \(width)x\(height)")
        guard let count = RGBAImage.byteCount(width: width, height: height) else {
            preconditionFailure("RGBAImage: \(width)x\(height) is too large")
        }
        var pixels = [UInt8](repeating: 0, count: count)
        var i = 0
        while i < count {
            pixels[i] = fill.x
            pixels[i + 1] = fill.y
            pixels[i + 2] = fill.z
            pixels[i + 3] = fill.w
            i += 4
        }
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// The pixel at column x, row y (row 0 is the top). Out-of-range coordinates trap.
    public subscript(x: Int, y: Int) -> SIMD4<UInt8> {
        get {
            let i = offset(x: x, y: y)
            return SIMD4(pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3])
        }
        set {
            let i = offset(x: x, y: y)
            pixels[i] = newValue.x
            pixels[i + 1] = newValue.y
            pixels[i + 2] = newValue.z
            pixels[i + 3] = newValue.w
        }
    }

    /// True when every alpha is 255, so encoders may drop the alpha channel losslessly.
    public var isOpaque: Bool {
        var i = 3
        while i < pixels.count {
            if pixels[i] != 255 { return false }
            i += 4
        }
        return true
    }

    private func offset(x: Int, y: Int) -> Int {
        precondition(x >= 0 && x < width && y >= 0 && y < height,
                     "RGBAImage: pixel (\(x), \(y)) is outside \(width)x\(height)")
        return (y * width + x) * 4
    }

    /// width * height * 4, or nil when that overflows.
    static func byteCount(width: Int, height: Int) -> Int? {
        let (area, o1) = width.multipliedReportingOverflow(by: height)
        let (bytes, o2) = area.multipliedReportingOverflow(by: 4)
        return o1 || o2 ? nil : bytes
    }
}
