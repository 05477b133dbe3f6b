import Foundation
import Imaging
import PosterRender
import SceneModel

/// A still image of the converted model, rendered on the CPU: in a site build the lossless
/// master that the poster, its thumbnails and the sharing cards are made from; on its own
/// (`build-site model -o x.png|.jpg|.webp|.avif`), one finished picture.
public struct PosterOutput: Codable, Sendable, Equatable {
    public enum Format: String, Sendable { case png, jpeg, webp, avif }

    public var url: URL
    public var width: Int
    public var height: Int
    /// model-viewer's `camera-orbit`; nil frames the model from `CameraOrbit.threeQuarter`.
    public var cameraOrbit: CameraOrbit?
    /// What shows behind the model in a JPEG (which has no alpha); PNG, WebP and AVIF stay transparent.
    public var background: SIMD3<UInt8>
    /// PNG only: keep every colour (the site build derives its smaller images from this master);
    /// otherwise a palette PNG where quality allows.
    public var lossless: Bool

    /// Sharp enough for a phone-wide view at 2× density while staying light on 4G (a poster is
    /// what a visitor waits for first); larger sizes are a flag away.
    public static let defaultSize = 768
    /// Palette quality for posters: below 60 libimagequant keeps all colours (truecolour);
    /// half-strength dithering keeps soft shadows free of bands without the full noise that
    /// costs deflate a third more bytes (measured on the example models).
    /// A second, finer try when the first loses a small detail's colour; failing both, truecolour.
    public static let paletteQualities = [
        PaletteQuantizer.Options(minimumQuality: 60, maximumQuality: 85, speed: 4, dithering: 0.5, maximumDetailError: 24),
        PaletteQuantizer.Options(minimumQuality: 80, maximumQuality: 98, speed: 4, dithering: 0.5, maximumDetailError: 24),
    ]
    /// The default site's paper colour, for JPEGs made outside a site build.
    public static let defaultBackground = SIMD3<UInt8>(0xF7, 0xF2, 0xE8)

    public init(url: URL, width: Int = PosterOutput.defaultSize, height: Int = PosterOutput.defaultSize,
                cameraOrbit: CameraOrbit? = nil, background: SIMD3<UInt8> = PosterOutput.defaultBackground,
                lossless: Bool = false) {
        self.url = url
        self.width = width
        self.height = height
        self.cameraOrbit = cameraOrbit
        self.background = background
        self.lossless = lossless
    }

    /// The format the file name asks for, or nil when it is none of PNG, JPEG, WebP and AVIF.
    public static func format(of url: URL) -> Format? {
        switch url.pathExtension.lowercased() {
        case "png": return .png
        case "jpg", "jpeg": return .jpeg
        case "webp": return .webp
        case "avif": return .avif
        default: return nil
        }
    }

    /// What rendering and encoding took, for the report.
    struct Result {
        var bytes: Int
        var renderMilliseconds: Int
    }

    /// Renders `scene` and writes the file; errors name the model and say what failed.
    func write(_ scene: Scene, name: String) throws(ModelConversion.Failure) -> Result {
        guard let format = PosterOutput.format(of: url) else {
            throw ModelConversion.Failure(description: "\(url.path): unsupported poster type '.\(url.pathExtension)', expected .png, .jpg, .webp or .avif")
        }
        let started = DispatchTime.now()
        let camera = PosterCamera.framing(scene, orbit: cameraOrbit ?? .threeQuarter)
        let opaque = format == .jpeg ? SIMD4(Float(background.x), Float(background.y), Float(background.z), 255) / 255 : nil
        let image: RGBAImage
        do {
            image = try PosterRenderer.render(scene, size: (width, height), camera: camera, background: opaque)
        } catch {
            throw ModelConversion.Failure(description: "\(name): could not render the poster (\(error))")
        }
        let renderMilliseconds = Int((DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1_000_000)
        let bytes: [UInt8]
        do {
            switch format {
            case .jpeg: bytes = try JPEGCodec.encode(image, quality: 85)
            case .png: bytes = lossless ? try PNGCodec.encode(image) : try PNGCodec.encodeSmallest(image, qualities: Self.paletteQualities)
            // Held to the same quality promise as the site's posters (see QualityGuard).
            case .webp: bytes = try WebImageEncoding.webP(image)
            case .avif:
                guard let avif = WebImageEncoding.avif(image) else {
                    throw ImagingError("no AVIF quality keeps PSNR ≥ 38 dB and SSIM ≥ 0.97 for this render; write .webp or .png")
                }
                bytes = avif
            }
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try PlainFile.replace(bytes, at: url)
        } catch {
            throw ModelConversion.Failure(description: "\(url.path): cannot write the poster (\(error))")
        }
        return Result(bytes: bytes.count, renderMilliseconds: renderMilliseconds)
    }
}
