import SceneModel

/// Materials, textures, samplers and embedded images, written only when a primitive uses them.
extension WriterState {
    mutating func writeMaterial(_ index: Int, uvSets: Int) -> Int {
        let key = MaterialKey(material: index, uvSets: uvSets)
        if let known = materialIndex[key] { return known }
        let m = scene.materials[index]
        func info(_ ref: TextureRef?) -> GLTFDocument.TextureInfo? {
            guard let ref, ref.texCoord < uvSets, scene.images.indices.contains(ref.image) else { return nil }
            return .init(index: texture(ref), texCoord: ref.texCoord == 0 ? nil : ref.texCoord,
                         extensions: texCoordTransform(material: index, set: ref.texCoord)) // UV dequantization, if any
        }
        var pbr = GLTFDocument.PBR()
        pbr.baseColorFactor = m.baseColorFactor == SIMD4(1, 1, 1, 1) ? nil : [m.baseColorFactor.x, m.baseColorFactor.y, m.baseColorFactor.z, m.baseColorFactor.w]
        pbr.baseColorTexture = info(m.baseColorTexture)
        pbr.metallicFactor = m.metallicFactor == 1 ? nil : m.metallicFactor
        pbr.roughnessFactor = m.roughnessFactor == 1 ? nil : m.roughnessFactor
        pbr.metallicRoughnessTexture = info(m.metallicRoughnessTexture)
        var material = GLTFDocument.Material(name: m.name.isEmpty ? nil : m.name, pbrMetallicRoughness: pbr)
        if let normal = info(m.normalTexture) {
            material.normalTexture = .init(index: normal.index, texCoord: normal.texCoord, scale: m.normalScale == 1 ? nil : m.normalScale,
                                           extensions: normal.extensions)
        }
        if let occlusion = info(m.occlusionTexture) {
            material.occlusionTexture = .init(index: occlusion.index, texCoord: occlusion.texCoord,
                                              strength: m.occlusionStrength == 1 ? nil : m.occlusionStrength, extensions: occlusion.extensions)
        }
        material.emissiveTexture = info(m.emissiveTexture)
        material.emissiveFactor = m.emissiveFactor == .zero ? nil : [m.emissiveFactor.x, m.emissiveFactor.y, m.emissiveFactor.z]
        material.alphaMode = m.alphaMode == .opaque ? nil : m.alphaMode.rawValue
        material.alphaCutoff = m.alphaMode == .mask && m.alphaCutoff != 0.5 ? m.alphaCutoff : nil
        material.doubleSided = m.doubleSided ? true : nil
        if m.unlit {
            material.extensions = .init(KHR_materials_unlit: .init())
            usesUnlit = true
        }
        materials.append(material)
        materialIndex[key] = materials.count - 1
        return materials.count - 1
    }

    mutating func texture(_ ref: TextureRef) -> Int {
        let sampler = GLTFDocument.Sampler(wrapS: ref.wrapS == .repeating ? nil : ref.wrapS.rawValue,
                                           wrapT: ref.wrapT == .repeating ? nil : ref.wrapT.rawValue)
        let key = TextureKey(image: ref.image, sampler: sampler)
        if let known = textureIndex[key] { return known }
        var samplerIndex: Int?
        if sampler.wrapS != nil || sampler.wrapT != nil {
            if let same = samplers.firstIndex(of: sampler) { samplerIndex = same } else {
                samplers.append(sampler)
                samplerIndex = samplers.count - 1
            }
        }
        let written = image(ref.image)
        if scene.images[ref.image].format == .webp {
            usesWebP = true
            textures.append(.init(sampler: samplerIndex, source: nil, extensions: .init(EXT_texture_webp: .init(source: written))))
        } else {
            textures.append(.init(sampler: samplerIndex, source: written))
        }
        textureIndex[key] = textures.count - 1
        return textures.count - 1
    }

    mutating func image(_ index: Int) -> Int {
        if let known = imageIndex[index] { return known }
        let source = scene.images[index]
        let view = bin.appendView(source.data)
        images.append(.init(name: source.name.isEmpty ? nil : source.name, bufferView: view, mimeType: source.format.mimeType))
        imageIndex[index] = images.count - 1
        return images.count - 1
    }

}
