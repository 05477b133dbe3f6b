import SceneModel

/// Turns whatever material model the source file used into PBR metallic-roughness.
///
/// PBR sources (glTF, FBX/3ds Max physical materials) map directly. Phong/Blinn sources (OBJ, 3DS,
/// COLLADA, older FBX) are converted the way most converters do: diffuse → base colour,
/// shininess → roughness = sqrt(2 / (shininess + 2)) (the Blinn-Phong exponent to GGX-roughness
/// correspondence), metallic 0, since Phong files have no notion of metal.
enum MaterialConversion {
    static let pbrShadingModel = 0xb
    static let unlitShadingModel = 0x9

    /// `textureImage` loads a texture and returns its image index, or nil (it reports why itself).
    static func convert(_ raw: RawMaterial, index: Int, textureImage: (RawTexture) -> Int?) -> Material {
        var material = Material(name: raw.name ?? "material-\(index)")
        let isPBR = raw.metallic != nil || raw.roughness != nil || raw.shadingModel == pbrShadingModel

        var base = raw.baseColor ?? raw.diffuse ?? SIMD4(1, 1, 1, 1)
        if let opacity = raw.opacity, opacity > 0, opacity < 1 { base.w = min(base.w, opacity) }
        material.baseColorFactor = clamp(base)

        if isPBR {
            material.metallicFactor = clamp(raw.metallic ?? 1)
            material.roughnessFactor = clamp(raw.roughness ?? raw.glossiness.map { 1 - $0 } ?? 1)
        } else {
            material.metallicFactor = 0
            if let shininess = raw.shininess, shininess > 0 {
                material.roughnessFactor = max(0.05, min(1, (2 / (shininess + 2)).squareRoot()))
            } else {
                material.roughnessFactor = 0.9
            }
        }

        let emissive = raw.emissive.map { SIMD3($0.x, $0.y, $0.z) } ?? .zero
        material.emissiveFactor = clamp3(emissive * (raw.emissiveIntensity ?? 1))

        func reference(_ slots: RawTextureSlot...) -> (TextureRef, RawTexture)? {
            for slot in slots {
                if let texture = raw.textures[slot], let image = textureImage(texture) {
                    return (TextureRef(image: image, texCoord: texture.uvIndex, wrapS: texture.wrapU, wrapT: texture.wrapV), texture)
                }
            }
            return nil
        }
        material.baseColorTexture = reference(.baseColor, .diffuse)?.0
        if let (ref, _) = reference(.metallicRoughness) {
            material.metallicRoughnessTexture = ref
        } else if let metal = raw.textures[.metalness], let rough = raw.textures[.roughness], metal.path == rough.path,
                  let (ref, _) = reference(.metalness) {
            // A packed metal/rough map given twice (FBX PBR exports) is glTF's packing already.
            material.metallicRoughnessTexture = ref
        }
        if let (ref, texture) = reference(.normal) {
            material.normalTexture = ref
            material.normalScale = texture.scale ?? 1
        }
        if let (ref, texture) = reference(.lightmap, .ambientOcclusion) {
            material.occlusionTexture = ref
            material.occlusionStrength = clamp(texture.strength ?? 1)
        }
        if let (ref, _) = reference(.emissive, .emissionColor) {
            material.emissiveTexture = ref
            // glTF multiplies the texture by the factor; a texture with a zero factor would vanish.
            if material.emissiveFactor == .zero { material.emissiveFactor = SIMD3(1, 1, 1) }
        }

        switch raw.alphaMode?.uppercased() {
        case "MASK": material.alphaMode = .mask
        case "BLEND": material.alphaMode = .blend
        case "OPAQUE": material.alphaMode = .opaque
        default: material.alphaMode = material.baseColorFactor.w < 1 ? .blend : .opaque
        }
        if let cutoff = raw.alphaCutoff { material.alphaCutoff = max(0, cutoff) }
        material.doubleSided = raw.twoSided ?? false
        material.unlit = raw.unlit || raw.shadingModel == unlitShadingModel
        return material
    }

    private static func clamp(_ v: Float) -> Float { v.isFinite ? min(1, max(0, v)) : 1 }
    private static func clamp(_ v: SIMD4<Float>) -> SIMD4<Float> { SIMD4(clamp(v.x), clamp(v.y), clamp(v.z), clamp(v.w)) }
    private static func clamp3(_ v: SIMD3<Float>) -> SIMD3<Float> {
        SIMD3(v.x.isFinite ? min(1, max(0, v.x)) : 0, v.y.isFinite ? min(1, max(0, v.y)) : 0, v.z.isFinite ? min(1, max(0, v.z)) : 0)
    }
}
