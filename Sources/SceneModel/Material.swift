/// A PBR metallic-roughness material, the model glTF, USD's UsdPreviewSurface and model-viewer share.
public struct Material: Sendable, Equatable {
    public enum AlphaMode: String, Sendable, Equatable { case opaque = "OPAQUE", mask = "MASK", blend = "BLEND" }

    public var name: String
    /// Linear RGBA.
    public var baseColorFactor: SIMD4<Float>
    public var baseColorTexture: TextureRef?
    public var metallicFactor: Float
    public var roughnessFactor: Float
    /// Roughness in G, metalness in B (glTF's packing).
    public var metallicRoughnessTexture: TextureRef?
    public var normalTexture: TextureRef?
    public var normalScale: Float
    public var occlusionTexture: TextureRef?
    public var occlusionStrength: Float
    public var emissiveFactor: SIMD3<Float>
    public var emissiveTexture: TextureRef?
    public var alphaMode: AlphaMode
    public var alphaCutoff: Float
    public var doubleSided: Bool
    /// Shade without lights (scans with baked lighting, KHR_materials_unlit).
    public var unlit: Bool

    public init(name: String = "", baseColorFactor: SIMD4<Float> = SIMD4(1, 1, 1, 1), baseColorTexture: TextureRef? = nil,
                metallicFactor: Float = 1, roughnessFactor: Float = 1, metallicRoughnessTexture: TextureRef? = nil,
                normalTexture: TextureRef? = nil, normalScale: Float = 1, occlusionTexture: TextureRef? = nil,
                occlusionStrength: Float = 1, emissiveFactor: SIMD3<Float> = .zero, emissiveTexture: TextureRef? = nil,
                alphaMode: AlphaMode = .opaque, alphaCutoff: Float = 0.5, doubleSided: Bool = false, unlit: Bool = false) {
        self.name = name
        self.baseColorFactor = baseColorFactor
        self.baseColorTexture = baseColorTexture
        self.metallicFactor = metallicFactor
        self.roughnessFactor = roughnessFactor
        self.metallicRoughnessTexture = metallicRoughnessTexture
        self.normalTexture = normalTexture
        self.normalScale = normalScale
        self.occlusionTexture = occlusionTexture
        self.occlusionStrength = occlusionStrength
        self.emissiveFactor = emissiveFactor
        self.emissiveTexture = emissiveTexture
        self.alphaMode = alphaMode
        self.alphaCutoff = alphaCutoff
        self.doubleSided = doubleSided
        self.unlit = unlit
    }

    /// Every texture the material uses, in a fixed order.
    public var textureRefs: [TextureRef] {
        [baseColorTexture, metallicRoughnessTexture, normalTexture, occlusionTexture, emissiveTexture].compactMap { $0 }
    }
}

/// A material's use of an image: which image, which UV set, and how it wraps.
public struct TextureRef: Sendable, Equatable, Hashable {
    public enum Wrap: Int, Sendable, Equatable, Hashable {
        case repeating = 10497, clampToEdge = 33071, mirroredRepeat = 33648
    }
    public var image: Int
    public var texCoord: Int
    public var wrapS: Wrap
    public var wrapT: Wrap

    public init(image: Int, texCoord: Int = 0, wrapS: Wrap = .repeating, wrapT: Wrap = .repeating) {
        self.image = image
        self.texCoord = texCoord
        self.wrapS = wrapS
        self.wrapT = wrapT
    }
}

/// An encoded image (PNG or JPEG bytes) as it will be stored in the output.
public struct Image: Sendable, Equatable {
    public enum Format: String, Sendable, Equatable {
        /// WebP only in a web .glb's copy of the scene (EXT_texture_webp); never from an import.
        case png = "image/png", jpeg = "image/jpeg", webp = "image/webp"
        public var mimeType: String { rawValue }
        public var fileExtension: String {
            switch self {
            case .png: "png"
            case .jpeg: "jpg"
            case .webp: "webp"
            }
        }
    }
    public var name: String
    public var format: Format
    public var data: [UInt8]

    public init(name: String = "", format: Format, data: [UInt8]) {
        self.name = name
        self.format = format
        self.data = data
    }
}
