import Foundation
import SceneModel

/// `Scene` → glTF 2.0 binary (.glb).
///
/// The writer alone decides layout: which nodes, materials and images are written (only those
/// drawn), how indices are typed, where each stream sits in the BIN chunk. It keeps the glTF
/// rules a validator checks (POSITION min/max, unit normals, aligned views, no unused views).
public enum GLTFWriter {
    public struct Options: Sendable {
        public var generator: String
        public init(generator: String = "SmartVillage build-site") { self.generator = generator }
        public static let `default` = Options()
    }

    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    public static func glb(_ scene: Scene, options: Options = .default) throws(WriteError) -> [UInt8] {
        var state = WriterState(scene: scene)
        let document = state.document(generator: options.generator)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json: Data
        do { json = try encoder.encode(document) } catch {
            throw WriteError(description: "could not encode glTF JSON: \(error)")
        }
        do {
            return try GLBContainer.pack(json: [UInt8](json), bin: state.bin.bytes)
        } catch {
            throw WriteError(description: "the model is larger than a .glb can hold (4 GiB)")
        }
    }
}

/// One write's bookkeeping: index maps from the scene's arrays to the document's.
private struct WriterState {
    let scene: Scene
    var bin = BinaryChunk()
    var accessors: [GLTFDocument.Accessor] = []
    var materials: [GLTFDocument.Material] = []
    var materialIndex: [MaterialKey: Int] = [:]
    var textures: [GLTFDocument.Texture] = []
    var textureIndex: [TextureKey: Int] = [:]
    var samplers: [GLTFDocument.Sampler] = []
    var images: [GLTFDocument.Image] = []
    var imageIndex: [Int: Int] = [:]
    var usesUnlit = false

    /// A scene material as written for primitives with `uvSets` texture coordinate sets:
    /// a texture whose UV set a primitive lacks must not be referenced (glTF validity).
    struct MaterialKey: Hashable { var material: Int; var uvSets: Int }
    struct TextureKey: Hashable { var image: Int; var sampler: GLTFDocument.Sampler }

    init(scene: Scene) { self.scene = scene }

    mutating func document(generator: String) -> GLTFDocument {
        // Only nodes reachable from the roots are written, renumbered in visiting order.
        let order = scene.reachableNodes()
        var newIndex: [Int: Int] = [:]
        for (position, old) in order.enumerated() { newIndex[old] = position }

        var meshIndex: [Int: Int] = [:]
        var meshes: [GLTFDocument.Mesh] = []
        var nodes: [GLTFDocument.Node] = []
        for old in order {
            let node = scene.nodes[old]
            var written = GLTFDocument.Node(name: node.name.isEmpty ? nil : node.name)
            if let mesh = node.mesh {
                if meshIndex[mesh] == nil, let m = writeMesh(scene.meshes[mesh]) {
                    meshes.append(m)
                    meshIndex[mesh] = meshes.count - 1
                }
                written.mesh = meshIndex[mesh]
            }
            let children = node.children.compactMap { newIndex[$0] }
            written.children = children.isEmpty ? nil : children
            setTransform(node.transform, on: &written)
            nodes.append(written)
        }

        let used = usesUnlit ? ["KHR_materials_unlit"] : []
        return GLTFDocument(
            asset: .init(generator: generator),
            scenes: [.init(nodes: scene.roots.compactMap { newIndex[$0] })],
            nodes: nodes, meshes: meshes,
            materials: materials.isEmpty ? nil : materials,
            textures: textures.isEmpty ? nil : textures,
            samplers: samplers.isEmpty ? nil : samplers,
            images: images.isEmpty ? nil : images,
            accessors: accessors, bufferViews: bin.views,
            buffers: bin.bytes.isEmpty ? [] : [.init(byteLength: bin.bytes.count)],
            extensionsUsed: used.isEmpty ? nil : used)
    }

    // MARK: - Geometry

    mutating func writeMesh(_ mesh: Mesh) -> GLTFDocument.Mesh? {
        let primitives = mesh.primitives.filter { $0.triangleCount > 0 }.map { writePrimitive($0) }
        guard !primitives.isEmpty else { return nil }
        return GLTFDocument.Mesh(name: mesh.name.isEmpty ? nil : mesh.name, primitives: primitives)
    }

    mutating func writePrimitive(_ p: Primitive) -> GLTFDocument.Primitive {
        var attributes: [String: Int] = [:]
        let bounds = Bounds(points: p.positions)
        attributes["POSITION"] = addAccessor(BinaryChunk.floats(p.positions.flatMap { [$0.x, $0.y, $0.z] }),
                                             count: p.vertexCount, type: "VEC3",
                                             min: [bounds.min.x, bounds.min.y, bounds.min.z],
                                             max: [bounds.max.x, bounds.max.y, bounds.max.z])
        if p.normals.count == p.vertexCount {
            attributes["NORMAL"] = addAccessor(BinaryChunk.floats(p.normals.flatMap { [$0.x, $0.y, $0.z] }), count: p.vertexCount, type: "VEC3")
        }
        let uvSets = p.texCoords.filter { $0.count == p.vertexCount }
        for (set, uvs) in uvSets.enumerated() {
            attributes["TEXCOORD_\(set)"] = addAccessor(BinaryChunk.floats(uvs.flatMap { [$0.x, $0.y] }), count: p.vertexCount, type: "VEC2")
        }
        if p.colors.count == p.vertexCount {
            attributes["COLOR_0"] = addAccessor(BinaryChunk.floats(p.colors.flatMap { [$0.x, $0.y, $0.z, $0.w] }), count: p.vertexCount, type: "VEC4")
        }
        // 16-bit indices whenever they fit; 65535 stays unused (primitive restart value).
        let small = p.vertexCount <= 65535
        let indexView = bin.appendView(small ? BinaryChunk.uint16s(p.indices) : BinaryChunk.uint32s(p.indices),
                                       target: GLTFConstant.elementArrayBuffer)
        accessors.append(.init(bufferView: indexView, componentType: small ? GLTFConstant.unsignedShort : GLTFConstant.unsignedInt,
                               count: p.indices.count, type: "SCALAR"))
        let material = p.material.flatMap { scene.materials.indices.contains($0) ? writeMaterial($0, uvSets: uvSets.count) : nil }
        return GLTFDocument.Primitive(attributes: attributes, indices: accessors.count - 1, material: material)
    }

    /// Float vertex stream in a view of its own. Bounds are written as the float32 values
    /// themselves (widened to double), so they equal the data exactly.
    mutating func addAccessor(_ data: [UInt8], count: Int, type: String, min: [Float]? = nil, max: [Float]? = nil) -> Int {
        let view = bin.appendView(data, target: GLTFConstant.arrayBuffer)
        accessors.append(.init(bufferView: view, componentType: GLTFConstant.float, count: count, type: type,
                               min: min?.map(Double.init), max: max?.map(Double.init)))
        return accessors.count - 1
    }

    // MARK: - Materials and textures

    mutating func writeMaterial(_ index: Int, uvSets: Int) -> Int {
        let key = MaterialKey(material: index, uvSets: uvSets)
        if let known = materialIndex[key] { return known }
        let m = scene.materials[index]
        func info(_ ref: TextureRef?) -> GLTFDocument.TextureInfo? {
            guard let ref, ref.texCoord < uvSets, scene.images.indices.contains(ref.image) else { return nil }
            return .init(index: texture(ref), texCoord: ref.texCoord == 0 ? nil : ref.texCoord)
        }
        var pbr = GLTFDocument.PBR()
        pbr.baseColorFactor = m.baseColorFactor == SIMD4(1, 1, 1, 1) ? nil : [m.baseColorFactor.x, m.baseColorFactor.y, m.baseColorFactor.z, m.baseColorFactor.w]
        pbr.baseColorTexture = info(m.baseColorTexture)
        pbr.metallicFactor = m.metallicFactor == 1 ? nil : m.metallicFactor
        pbr.roughnessFactor = m.roughnessFactor == 1 ? nil : m.roughnessFactor
        pbr.metallicRoughnessTexture = info(m.metallicRoughnessTexture)
        var material = GLTFDocument.Material(name: m.name.isEmpty ? nil : m.name, pbrMetallicRoughness: pbr)
        if let normal = info(m.normalTexture) {
            material.normalTexture = .init(index: normal.index, texCoord: normal.texCoord, scale: m.normalScale == 1 ? nil : m.normalScale)
        }
        if let occlusion = info(m.occlusionTexture) {
            material.occlusionTexture = .init(index: occlusion.index, texCoord: occlusion.texCoord,
                                              strength: m.occlusionStrength == 1 ? nil : m.occlusionStrength)
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
        textures.append(.init(sampler: samplerIndex, source: image(ref.image)))
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

    // MARK: - Transforms

    func setTransform(_ transform: Transform, on node: inout GLTFDocument.Node) {
        guard !transform.isIdentity else { return }
        if let trs = TRS(transform) {
            node.translation = trs.translation == .zero ? nil : [trs.translation.x, trs.translation.y, trs.translation.z]
            node.rotation = trs.rotation == SIMD4(0, 0, 0, 1) ? nil : [trs.rotation.x, trs.rotation.y, trs.rotation.z, trs.rotation.w]
            node.scale = trs.scale == SIMD3(1, 1, 1) ? nil : [trs.scale.x, trs.scale.y, trs.scale.z]
        } else {
            node.matrix = transform.flattened
        }
    }
}
