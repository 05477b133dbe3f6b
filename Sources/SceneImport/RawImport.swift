import SceneModel

/// What assimp imported, copied into Swift values (see `AssimpReader`). Plain data, no C types:
/// the conversion into a `Scene` (`SceneBuilder`) is ordinary Swift that can be read and tested.
struct RawImport {
    var nodes: [RawNode] = []
    var meshes: [RawMesh] = []
    var materials: [RawMaterial] = []
    var embeddedTextures: [RawEmbeddedTexture] = []
    var animations: [RawAnimation] = []
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
    var bones: [RawBone] = []
    var morphTargets: [RawMorphTarget] = []

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

/// A bone of one assimp mesh: the node it names, the inverse bind matrix and its vertex weights.
struct RawBone {
    var name: String
    /// Mesh space → bone space at bind time (glTF's inverse bind matrix).
    var offset: Transform
    var weights: [(vertex: Int, weight: Float)]
}

/// One assimp anim mesh as glTF wants it: displacements from the base mesh, not absolute values.
struct RawMorphTarget {
    var name: String
    /// Empty when the target does not move positions (then it is all zeros).
    var positionDeltas: [SIMD3<Float>]
    /// Empty when the target does not change normals.
    var normalDeltas: [SIMD3<Float>]
    /// The default weight.
    var weight: Float
}

/// An animation clip with times already in seconds.
struct RawAnimation {
    var name: String
    var nodeChannels: [RawNodeChannel] = []
    var morphChannels: [RawMorphChannel] = []
    /// Vertex-keyframe channels (aiMeshAnim), which glTF cannot express.
    var meshChannelCount = 0
}

struct RawKey<Value> {
    var time: Double
    var value: Value
}

/// assimp's aiNodeAnim: the keys of one node, addressed by the node's name.
struct RawNodeChannel {
    var nodeName: String
    var translations: [RawKey<SIMD3<Float>>] = []
    /// Quaternions as glTF orders them: x, y, z, w.
    var rotations: [RawKey<SIMD4<Float>>] = []
    var scales: [RawKey<SIMD3<Float>>] = []
}

/// assimp's aiMeshMorphAnim: morph weights over time, addressed by a node (or mesh) name.
struct RawMorphChannel {
    struct Key {
        var time: Double
        /// Pairs of (target index, weight); targets not named have weight 0.
        var weights: [(target: Int, weight: Float)]
    }
    var name: String
    var keys: [Key]
}
