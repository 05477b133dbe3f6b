import Dispatch
import Imaging
import SceneModel

/// The web .glb's textures as WebP (EXT_texture_webp), as glTF-Transform offers: colour,
/// metallic-roughness, occlusion and emissive lossy, with the lowest quality that still keeps
/// `QualityGuard`'s promise against what it replaces (tried from
/// `qualities`, else lossless); normal maps near-lossless (each value within a few levels),
/// because their directions must survive.
/// Alpha is kept where the image has any. An image WebP does not make smaller stays as it was.
/// Runs on a copy of the scene for the web file only: Scene Viewer and AR Quick Look are not
/// documented to read WebP, so the AR copy and the USDZ keep JPEG and PNG.
public struct WebPOptions: Sendable, Equatable {
    /// PSNR and SSIM against the image replaced, as it shows (see `QualityGuard`).
    public var quality = QualityGuard.default
    /// Lossy qualities tried, lowest first: the same ladder as posters and photos.
    public var qualities: [Float] = WebImageEncoding.webPQualities
    /// libwebp's near_lossless for normal maps (100 would be plain lossless). At 40 each value
    /// moves by at most 4 levels: on Lantern's normal map, directions turn by 0.5° on average
    /// and 2.5° at most (1.3° at 60, for 19% more bytes; lossy WebP at quality 95 turns some by
    /// 12° and more, which shading shows).
    public var normalMapNearLossless: Int32 = 40

    public init() {}
    public static let `default` = WebPOptions()
}

public struct WebPReport: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public enum Outcome: Sendable, Equatable {
            case lossy(quality: Float, psnr: Double, ssim: Double)
            case nearLossless(level: Int32)
            case lossless
            /// WebP was not smaller (or the image could not be read): kept as it was.
            case kept(String)
        }
        public var name: String
        public var bytesBefore: Int
        public var bytesAfter: Int
        public var outcome: Outcome
    }

    public var entries: [Entry] = []
    public var bytesBefore: Int { entries.reduce(0) { $0 + $1.bytesBefore } }
    public var bytesAfter: Int { entries.reduce(0) { $0 + $1.bytesAfter } }
}

@discardableResult
public func encodeTexturesAsWebP(_ scene: inout Scene, _ options: WebPOptions = .default) -> WebPReport {
    let usages = textureUsages(of: scene)
    let images = scene.images
    let results = ResultSlots<(Image, WebPReport.Entry)>(count: images.count)
    DispatchQueue.concurrentPerform(iterations: images.count) { index in
        results.set(index, webpVersion(of: images[index], usage: usages[index], options: options))
    }
    var report = WebPReport()
    for (index, result) in results.values.enumerated() {
        guard let (image, entry) = result else { continue }
        scene.images[index] = image
        report.entries.append(entry)
    }
    return report
}

private func webpVersion(of image: Image, usage: TextureUsage, options: WebPOptions) -> (Image, WebPReport.Entry) {
    let name = image.name.isEmpty ? "image" : image.name
    func kept(_ why: String) -> (Image, WebPReport.Entry) {
        (image, .init(name: name, bytesBefore: image.data.count, bytesAfter: image.data.count, outcome: .kept(why)))
    }
    guard image.format != .webp else { return kept("already WebP") }
    guard let source = try? ImageDecoder.decode(image.data) else { return kept("could not be read") }
    let smaller = { (bytes: [UInt8], outcome: WebPReport.Entry.Outcome) -> (Image, WebPReport.Entry)? in
        guard bytes.count < image.data.count else { return nil }
        return (Image(name: image.name, format: .webp, data: bytes),
                .init(name: name, bytesBefore: image.data.count, bytesAfter: bytes.count, outcome: outcome))
    }
    let lossless = { () -> (Image, WebPReport.Entry) in
        guard let bytes = try? WebPCodec.encodeLossless(source), let result = smaller(bytes, .lossless) else {
            return kept("WebP is not smaller")
        }
        return result
    }
    if usage.contains(.normal) {
        guard let bytes = try? WebPCodec.encodeNearLossless(source, level: options.normalMapNearLossless),
              let result = smaller(bytes, .nearLossless(level: options.normalMapNearLossless)) else { return lossless() }
        return result
    }
    let keepAlpha = !source.isOpaque
    let passed = options.quality.firstPassing(options.qualities, source: source,
                                              encode: { try WebPCodec.encodeLossy(source, quality: $0, keepAlpha: keepAlpha) },
                                              decode: WebPCodec.decode)
    if let passed {
        // The lowest quality that passes; if that is not smaller, higher ones are not either.
        return smaller(passed.bytes, .lossy(quality: passed.setting, psnr: passed.psnr, ssim: passed.ssim)) ?? kept("WebP is not smaller")
    }
    return lossless()
}
