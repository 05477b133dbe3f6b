/// The parts of the glTF 2.0 JSON schema this writer emits, as Codable values.
/// Optional properties stay nil when they hold the spec's default, which keeps files small.
struct GLTFDocument: Encodable {
    struct Asset: Encodable { var version = "2.0"; var generator: String }
    struct SceneEntry: Encodable { var nodes: [Int] }
    struct Node: Encodable {
        var name: String?
        var mesh: Int?
        var skin: Int?
        var children: [Int]?
        var translation: [Float]?
        var rotation: [Float]?
        var scale: [Float]?
        var matrix: [Float]?
    }
    struct Mesh: Encodable { var name: String?; var primitives: [Primitive]; var weights: [Float]? }
    struct Primitive: Encodable {
        var attributes: [String: Int]
        var indices: Int
        var material: Int?
        var mode: Int? // default 4 = TRIANGLES
        var targets: [[String: Int]]? // morph targets (WriterState+Animation.swift)
    }
    struct Accessor: Encodable {
        var bufferView: Int
        var byteOffset: Int?
        var componentType: Int
        var normalized: Bool?
        var count: Int
        var type: String
        var min: [Double]?
        var max: [Double]?
    }
    struct BufferView: Encodable {
        var buffer = 0
        var byteOffset: Int
        var byteLength: Int
        var byteStride: Int?
        var target: Int?
        var extensions: BufferViewExtensions? // EXT_meshopt_compression (GLTFDocument+Compression.swift)
    }
    struct Buffer: Encodable { var byteLength: Int; var extensions: BufferExtensions? }
    struct Image: Encodable { var name: String?; var bufferView: Int; var mimeType: String }
    struct Sampler: Encodable, Hashable { var wrapS: Int?; var wrapT: Int? }
    /// A WebP image is reached only through EXT_texture_webp (no `source`: there is no fallback).
    struct Texture: Encodable { var sampler: Int?; var source: Int?; var extensions: TextureExtensions? }
    struct TextureExtensions: Encodable { var EXT_texture_webp: ImageSource? }
    struct ImageSource: Encodable { var source: Int }
    struct TextureInfo: Encodable { var index: Int; var texCoord: Int?; var extensions: TextureInfoExtensions? }
    struct NormalTextureInfo: Encodable { var index: Int; var texCoord: Int?; var scale: Float?; var extensions: TextureInfoExtensions? }
    struct OcclusionTextureInfo: Encodable { var index: Int; var texCoord: Int?; var strength: Float?; var extensions: TextureInfoExtensions? }
    struct PBR: Encodable {
        var baseColorFactor: [Float]?
        var baseColorTexture: TextureInfo?
        var metallicFactor: Float?
        var roughnessFactor: Float?
        var metallicRoughnessTexture: TextureInfo?
    }
    struct Material: Encodable {
        var name: String?
        var pbrMetallicRoughness: PBR
        var normalTexture: NormalTextureInfo?
        var occlusionTexture: OcclusionTextureInfo?
        var emissiveTexture: TextureInfo?
        var emissiveFactor: [Float]?
        var alphaMode: String?
        var alphaCutoff: Float?
        var doubleSided: Bool?
        var extensions: MaterialExtensions?
    }
    struct MaterialExtensions: Encodable {
        struct Empty: Encodable {}
        var KHR_materials_unlit: Empty?
    }

    var asset: Asset
    var scene = 0
    var scenes: [SceneEntry]
    var nodes: [Node]
    var meshes: [Mesh]
    var materials: [Material]?
    var textures: [Texture]?
    var samplers: [Sampler]?
    var images: [Image]?
    var accessors: [Accessor]
    var bufferViews: [BufferView]
    var buffers: [Buffer]
    var extensionsUsed: [String]?
    var extensionsRequired: [String]?
    var skins: [Skin]? = nil // skins and animations: GLTFDocument+Animation.swift
    var animations: [Animation]? = nil
}

/// glTF's numeric enums, named.
enum GLTFConstant {
    static let float = 5126, unsignedShort = 5123, unsignedInt = 5125
    static let byte = 5120, unsignedByte = 5121, short = 5122
    static let arrayBuffer = 34962, elementArrayBuffer = 34963
}
