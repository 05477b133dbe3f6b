/// The promise every lossy re-encoding keeps (textures in the web .glb, posters, thumbnails,
/// photos): against its source at the same size, PSNR ≥ `minimumPSNR` dB and SSIM ≥
/// `minimumSSIM`, measured on the image as it shows (colour times alpha, see
/// `ImageQuality.premultiplied`), so the colour an encoder leaves under fully transparent
/// pixels does not count. Of settings ordered from the smallest file to the largest, the first
/// that keeps the promise wins.
public struct QualityGuard: Sendable, Equatable {
    public var minimumPSNR: Double = 38
    public var minimumSSIM: Double = 0.97

    public init(minimumPSNR: Double = 38, minimumSSIM: Double = 0.97) {
        self.minimumPSNR = minimumPSNR
        self.minimumSSIM = minimumSSIM
    }

    public static let `default` = QualityGuard()

    /// What passed, and by how much.
    public struct Passed<Setting: Sendable>: Sendable {
        public var bytes: [UInt8]
        public var setting: Setting
        public var psnr: Double
        public var ssim: Double
    }

    /// The first of `settings` (ordered smallest output first) whose encoding, decoded again,
    /// keeps the promise; nil when none does (or every try fails to encode). Quality only rises
    /// along `settings`, so the search skips ahead and bisects back: the first rung costs one
    /// try, the tenth seven and any of 24 nine at most, where trying each in turn would cost up
    /// to 24. What it returns was measured, so the promise holds even where quality does not
    /// quite rise.
    public func firstPassing<Setting: Sendable>(_ settings: [Setting], source: RGBAImage,
                                                encode: (Setting) throws -> [UInt8],
                                                decode: ([UInt8]) throws -> RGBAImage) -> Passed<Setting>? {
        let seen = ImageQuality.premultiplied(source)
        func attempt(_ setting: Setting) -> Passed<Setting>? {
            guard let bytes = try? encode(setting), let decoded = try? decode(bytes),
                  decoded.width == source.width, decoded.height == source.height else { return nil }
            let shown = ImageQuality.premultiplied(decoded)
            let psnr = ImageQuality.psnr(seen, shown)
            guard psnr >= minimumPSNR else { return nil }
            let ssim = ImageQuality.ssim(seen, shown)
            guard ssim >= minimumSSIM else { return nil }
            return Passed(bytes: bytes, setting: setting, psnr: psnr, ssim: ssim)
        }
        // Most pictures pass near the bottom of the ladder: step up 1, 2, 4, … rungs until one
        // passes, then bisect between it and the last that failed.
        var failed = -1  // this rung failed, and (quality only rising) every rung below it
        var stride = 1
        var high = 0
        var best: Passed<Setting>?
        while best == nil, failed < settings.count - 1 {
            high = min(failed + stride, settings.count - 1)
            best = attempt(settings[high])
            if best == nil { failed = high }
            stride *= 2
        }
        guard var best else { return nil }
        var low = failed + 1
        while low < high {
            let middle = (low + high) / 2
            if let passed = attempt(settings[middle]) {
                (high, best) = (middle, passed)
            } else {
                low = middle + 1
            }
        }
        return best
    }
}

/// The web formats of one picture (a poster, a thumbnail, a photo at one width), each at the
/// lowest quality that keeps `QualityGuard`'s promise.
public enum WebImageEncoding {
    /// libwebp qualities tried, lowest first, in steps of 2: sizes rise about 3% a step near the
    /// top (the melon's 512 px thumbnail first passes at 76, 24.7 KB, where steps of 5 jumped
    /// from a failing 75 to 80, 27.6 KB); the search keeps the tries to nine at most.
    public static let webPQualities: [Float] = Array(stride(from: 50, through: 96, by: 2))
    /// AV1 quantizers tried, coarsest first.
    public static let avifQuantizers: [Int32] = [48, 44, 40, 36, 32, 28, 24, 20, 16, 12]

    /// Lossy WebP (alpha kept, losslessly, where the image has any); lossless WebP when no
    /// quality passes, which always keeps the promise. `iccProfile` (the source's colour
    /// space, when it is not sRGB) goes with the pixels.
    public static func webP(_ image: RGBAImage, iccProfile: [UInt8] = [], guard quality: QualityGuard = .default) throws -> [UInt8] {
        let keepAlpha = !image.isOpaque
        let bytes = try quality.firstPassing(webPQualities, source: image,
                                             encode: { try WebPCodec.encodeLossy(image, quality: $0, keepAlpha: keepAlpha) },
                                             decode: WebPCodec.decode)?.bytes ?? WebPCodec.encodeLossless(image)
        return try WebPCodec.attaching(iccProfile: iccProfile, to: bytes)
    }

    /// AVIF at the coarsest quantizer that passes; nil when none does (the picture then offers
    /// no AVIF and browsers take the WebP).
    public static func avif(_ image: RGBAImage, iccProfile: [UInt8] = [], guard quality: QualityGuard = .default) -> [UInt8]? {
        quality.firstPassing(avifQuantizers, source: image,
                             encode: { try AVIFCodec.encode(image, .init(quantizer: $0), iccProfile: iccProfile) },
                             decode: AVIFCodec.decode)?.bytes
    }
}
