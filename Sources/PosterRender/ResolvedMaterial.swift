import SceneModel

/// A material reduced to plain data for the shader (no strings or class references, so reading
/// it per pixel costs no reference counting), with its textures decoded. Index
/// `scene.materials.count` is glTF's default material (what a primitive with no material gets).
struct ResolvedMaterial: @unchecked Sendable {
    struct Slot {
        var texture: TextureView
        var wrapS: TextureRef.Wrap
        var wrapT: TextureRef.Wrap
    }

    var baseColorFactor: SIMD4<Float>
    var metallicFactor: Float
    var roughnessFactor: Float
    var emissiveFactor: SIMD3<Float>
    var alphaMode: Material.AlphaMode
    var alphaCutoff: Float
    var doubleSided: Bool
    var unlit: Bool
    /// Which UV set the base colour texture reads; the other textures use the same set.
    var texCoord: Int
    var baseColor: Slot?
    var metallicRoughness: Slot?
    var emissive: Slot?

    init(_ m: Material, baseColor: Texture?, metallicRoughness: Texture?, emissive: Texture?) {
        baseColorFactor = m.baseColorFactor
        metallicFactor = m.metallicFactor
        roughnessFactor = m.roughnessFactor
        emissiveFactor = m.emissiveFactor
        alphaMode = m.alphaMode
        alphaCutoff = m.alphaCutoff
        doubleSided = m.doubleSided
        unlit = m.unlit
        texCoord = m.baseColorTexture?.texCoord ?? 0
        func slot(_ t: Texture?, _ ref: TextureRef?) -> Slot? {
            guard let t, let ref else { return nil }
            return Slot(texture: t.view, wrapS: ref.wrapS, wrapT: ref.wrapT)
        }
        self.baseColor = slot(baseColor, m.baseColorTexture)
        self.metallicRoughness = slot(metallicRoughness, m.metallicRoughnessTexture)
        self.emissive = slot(emissive, m.emissiveTexture)
    }

    /// Triangles that need the alpha test while resolving visibility.
    var isMasked: Bool { alphaMode == .mask }
    var isBlended: Bool { alphaMode == .blend }
    var isTextured: Bool { baseColor != nil || metallicRoughness != nil || emissive != nil }
}
