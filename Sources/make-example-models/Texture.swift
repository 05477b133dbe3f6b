import Imaging

// Procedural textures: a shader `(u, v) -> colour` evaluated per pixel (with supersampling),
// plus a seeded hash and tileable value noise. No Foundation randomness: every run draws the
// same pixels, so the PNG/JPEG bytes are the same.

/// Renders a texture. `v` follows the OBJ/COLLADA convention: 0 at the bottom row of the
/// image, 1 at the top, so shaders are written in texture space and the image comes out upright.
func paintTexture(width: Int, height: Int, supersample: Int = 2,
                  _ shader: (Float, Float) -> Vec3) throws -> RGBAImage {
    var pixels = [UInt8](repeating: 255, count: width * height * 4)
    let n = Float(supersample * supersample)
    for y in 0..<height {
        for x in 0..<width {
            var sum = Vec3(0, 0, 0)
            for sy in 0..<supersample {
                for sx in 0..<supersample {
                    let u = (Float(x) + (Float(sx) + 0.5) / Float(supersample)) / Float(width)
                    let v = 1 - (Float(y) + (Float(sy) + 0.5) / Float(supersample)) / Float(height)
                    sum += shader(u, v)
                }
            }
            let c = sum / n
            let i = (y * width + x) * 4
            pixels[i] = UInt8((clamp01(c.x) * 255).rounded())
            pixels[i + 1] = UInt8((clamp01(c.y) * 255).rounded())
            pixels[i + 2] = UInt8((clamp01(c.z) * 255).rounded())
        }
    }
    return RGBAImage(width: width, height: height, pixels: pixels)
}

/// A colour from "#rrggbb"-style hex, for readable palettes.
func rgb(_ hex: UInt32) -> Vec3 {
    Vec3(Float((hex >> 16) & 0xFF), Float((hex >> 8) & 0xFF), Float(hex & 0xFF)) / 255
}

/// SplitMix64: tiny, seeded, identical on every platform.
struct SplitMix64 {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    mutating func nextFloat() -> Float { Float(next() >> 40) / Float(1 << 24) }
}

/// A stateless hash of integer lattice coordinates to [0, 1).
func hash01(_ x: Int, _ y: Int, seed: UInt64) -> Float {
    var g = SplitMix64(seed: seed ^ (UInt64(UInt32(truncatingIfNeeded: x)) << 32 | UInt64(UInt32(truncatingIfNeeded: y))))
    return g.nextFloat()
}

/// Smooth value noise in [0, 1) that tiles with period `periodX × periodY` lattice cells over
/// the unit square, so it wraps around a lathe's seam.
func tileNoise(_ u: Float, _ v: Float, periodX: Int, periodY: Int, seed: UInt64) -> Float {
    let x = u * Float(periodX), y = v * Float(periodY)
    let x0 = Int(x.rounded(.down)), y0 = Int(y.rounded(.down))
    let fx = smoothstep(0, 1, x - Float(x0)), fy = smoothstep(0, 1, y - Float(y0))
    func h(_ i: Int, _ j: Int) -> Float {
        hash01(((i % periodX) + periodX) % periodX, ((j % periodY) + periodY) % periodY, seed: seed)
    }
    let a = h(x0, y0) + (h(x0 + 1, y0) - h(x0, y0)) * fx
    let b = h(x0, y0 + 1) + (h(x0 + 1, y0 + 1) - h(x0, y0 + 1)) * fx
    return a + (b - a) * fy
}

/// Two octaves of `tileNoise`, in [0, 1).
func tileFBM(_ u: Float, _ v: Float, periodX: Int, periodY: Int, seed: UInt64) -> Float {
    0.65 * tileNoise(u, v, periodX: periodX, periodY: periodY, seed: seed)
        + 0.35 * tileNoise(u, v, periodX: periodX * 3, periodY: periodY * 3, seed: seed &+ 1)
}

func encodePNG(_ image: RGBAImage, path: String) throws -> OutputFile {
    OutputFile(path, try PNGCodec.encode(image))
}

func encodeJPEG(_ image: RGBAImage, quality: Int = 85, path: String) throws -> OutputFile {
    OutputFile(path, try JPEGCodec.encode(image, quality: quality))
}
