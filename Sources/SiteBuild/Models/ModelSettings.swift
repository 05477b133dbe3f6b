import Foundation
import SceneModel
import SiteContent

/// How one model is prepared: optimization budget, compression and real-world placement.
/// Built from `models:` in site.yml, overridden per model in front matter (and by CLI flags).
public struct ModelSettings: Sendable, Equatable, Codable {
    /// Simplify above this many triangles (AR Quick Look's budget is about 100k).
    public var maxTriangles: Int = 100_000
    /// Downscale textures larger than this (never upscale).
    public var maxTextureSize: Int = 2048
    public var compression: GeometryCompression = .meshopt
    /// The web .glb's textures (the AR copy and the USDZ keep JPEG/PNG).
    public var textureFormat: TextureFormat = .webp
    /// Real-world size in metres; the first one given of height, width, length scales uniformly.
    public var height: Double?
    public var width: Double?
    public var length: Double?
    /// The source's up axis when the file states it wrongly.
    public var up: UpAxis?
    /// Where the poster is taken from (model-viewer's `camera-orbit`); nil: a three-quarter view.
    public var cameraOrbit: CameraOrbit?

    public init() {}

    /// site.yml's `models:` defaults, then the model's own front matter.
    public init(site: ModelDefaults, model: ModelReference) {
        for layer in [site, model.options] {
            if let value = layer.maxTriangles { maxTriangles = value }
            if let value = layer.maxTextureSize { maxTextureSize = value }
            if let value = layer.compression { compression = value }
            if let value = layer.textureFormat { textureFormat = value }
        }
        height = model.height
        width = model.width
        length = model.length
        up = model.up
        cameraOrbit = model.cameraOrbit
    }

    /// The same settings as `build-site model` flags, for the child process.
    public var arguments: [String] {
        var out = ["--max-triangles", String(maxTriangles), "--max-texture-size", String(maxTextureSize),
                   "--compress", compression.rawValue, "--texture-format", textureFormat.rawValue]
        if let height { out += ["--height", String(height)] }
        if let width { out += ["--width", String(width)] }
        if let length { out += ["--length", String(length)] }
        if let up { out += ["--up", up.rawValue] }
        if let cameraOrbit { out += ["--camera-orbit", cameraOrbit.attributeValue] }
        return out
    }
}
