/// JSON for the extensions the writer's encodings use: EXT_meshopt_compression on buffer views
/// and the fallback buffer, KHR_texture_transform on texture infos (UV dequantization).
extension GLTFDocument {
    struct BufferViewExtensions: Encodable {
        var EXT_meshopt_compression: MeshoptBufferView
    }

    /// Where a view's compressed bytes are and how to decode them; the parent view describes
    /// the decoded layout inside the fallback buffer.
    struct MeshoptBufferView: Encodable {
        var buffer: Int
        var byteOffset: Int
        var byteLength: Int
        var byteStride: Int
        var count: Int
        var mode: String
        var filter: String? // nil = "NONE", the default
    }

    struct BufferExtensions: Encodable {
        struct Fallback: Encodable { var fallback = true }
        var EXT_meshopt_compression: Fallback
    }

    struct TextureInfoExtensions: Encodable {
        var KHR_texture_transform: TextureTransform
    }

    /// uv' = offset + scale * uv (no rotation, so `rotation` stays at its default).
    struct TextureTransform: Encodable, Equatable {
        var offset: [Float]
        var scale: [Float]
    }
}

extension GLTFConstant {
    static let extMeshopt = "EXT_meshopt_compression"
    static let khrQuantization = "KHR_mesh_quantization"
    static let khrTextureTransform = "KHR_texture_transform"
}
