/// The option types a model's conversion is described by, declared once for the whole package:
/// site.yml and front matter (SiteContent), the build's job (SiteBuild), the passes and writers,
/// and the `build-site model` flags all use these.

/// How the web .glb stores geometry. `meshopt`: quantized and EXT_meshopt_compression
/// (smallest); `quantize`: KHR_mesh_quantization only; `none`: plain floats (every viewer reads it).
public enum GeometryCompression: String, Sendable, Equatable, Codable, CaseIterable {
    case meshopt, quantize, none

    /// Whether attributes are stored quantized (KHR_mesh_quantization).
    public var quantizes: Bool { self != .none }
}

/// The web .glb's textures: WebP (EXT_texture_webp, smallest; every browser that runs
/// model-viewer decodes it) or JPEG and PNG as imported and re-encoded. The AR copy and the
/// USDZ always keep JPEG and PNG.
public enum TextureFormat: String, Sendable, Equatable, Codable, CaseIterable {
    case webp, jpeg
}

/// The axis a source file treats as up; `.z` sources are turned Y-up on placement.
public enum UpAxis: String, Sendable, Equatable, Codable, CaseIterable {
    case y, z
}
