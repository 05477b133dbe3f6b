import SceneModel

/// What assimp imported, copied into Swift values (see `AssimpReader`). Plain data, no C types:
/// the conversion into a `Scene` (`SceneBuilder`) is ordinary Swift that can be read and tested.
struct RawImport {
    var nodes: [RawNode] = []
    var meshes: [RawMesh] = []
    var materials: [RawMaterial] = []
    var embeddedTextures: [RawEmbeddedTexture] = []
    var animationCount = 0
    var metadata: [String: Double] = [:]
}

struct RawNode {
    var name: String
    var transform: Transform
    var meshes: [Int]
    var children: [Int]
}

struct RawMesh {
    var name: String
    var materialIndex: Int
    var positions: [SIMD3<Float>] = []
    var normals: [SIMD3<Float>] = []
    var texCoords: [[SIMD2<Float>]] = []
    var colors: [SIMD4<Float>] = []
    var indices: [UInt32] = []
    var nonTriangleFaces = 0
    var hasPoints = false
    var hasLines = false
    var boneCount = 0
    var morphTargetCount = 0

    init(name: String, materialIndex: Int) {
        self.name = name
        self.materialIndex = materialIndex
    }
}

/// The texture stacks we read; glTF's metallic-roughness texture arrives as assimp's UNKNOWN.
enum RawTextureSlot: Hashable {
    case baseColor, diffuse, metallicRoughness, metalness, roughness, normal, lightmap, ambientOcclusion
    case emissive, emissionColor, opacity
}

struct RawTexture {
    var path: String
    var uvIndex: Int
    var wrapU: TextureRef.Wrap
    var wrapV: TextureRef.Wrap
    var scale: Float?
    var strength: Float?
}

/// Material properties by meaning; nil where the file did not set them.
struct RawMaterial {
    var name: String?
    var shadingModel: Int?
    var baseColor: SIMD4<Float>?
    var diffuse: SIMD4<Float>?
    var specular: SIMD4<Float>?
    var emissive: SIMD4<Float>?
    var opacity: Float?
    var shininess: Float?
    var metallic: Float?
    var roughness: Float?
    var glossiness: Float?
    var emissiveIntensity: Float?
    var twoSided: Bool?
    var alphaMode: String?
    var alphaCutoff: Float?
    var unlit = false
    var textures: [RawTextureSlot: RawTexture] = [:]
}

struct RawEmbeddedTexture {
    enum Content {
        /// The bytes of an image file (PNG, JPEG, TGA …).
        case compressed([UInt8])
        /// Decoded texels, RGBA8, top row first.
        case rgba(width: Int, height: Int, pixels: [UInt8])
    }
    var name: String
    var formatHint: String
    var content: Content
}
