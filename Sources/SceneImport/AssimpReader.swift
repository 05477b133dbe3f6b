import CAssimp
import SceneModel

/// The only file that touches assimp's C API. It copies what assimp imported into plain Swift
/// values (`RawImport`) and releases assimp's memory before returning, so nothing else has to
/// think about C pointers, fixed-size C arrays or assimp's conventions.
enum AssimpReader {
    struct AssimpFailure: Error { var message: String }

    /// Post-processing chosen so that every primitive is an indexed triangle list in glTF's UV
    /// convention (origin top-left), with normals, and with degenerate triangles removed rather
    /// than turned into lines and points. LimitBoneWeights keeps the 4 strongest influences per
    /// vertex, which is all glTF's JOINTS_0/WEIGHTS_0 hold (the builder renormalizes them).
    /// JoinIdenticalVertices and SortByPType carry bones and anim meshes along with the vertices.
    static let postProcessing: UInt32 = aiProcess_Triangulate.rawValue
        | aiProcess_JoinIdenticalVertices.rawValue
        | aiProcess_SortByPType.rawValue
        | aiProcess_GenSmoothNormals.rawValue
        | aiProcess_FindDegenerates.rawValue
        | aiProcess_ValidateDataStructure.rawValue
        | aiProcess_TransformUVCoords.rawValue
        | aiProcess_GenUVCoords.rawValue
        | aiProcess_FlipUVs.rawValue
        | aiProcess_LimitBoneWeights.rawValue

    static var version: String { "\(aiGetVersionMajor()).\(aiGetVersionMinor()).\(aiGetVersionPatch())" }

    /// `dropNormals`: ignore the file's normals and generate smooth ones (with the crease angle
    /// below) instead — for STL, whose per-facet normals split every corner into three vertices.
    static func read(path: String, dropNormals: Bool = false, files: AssimpFileSystem = AssimpFileSystem()) throws(AssimpFailure) -> RawImport {
        let properties = aiCreatePropertyStore()
        defer { aiReleasePropertyStore(properties) }
        // Drop degenerate triangles outright; otherwise assimp keeps them as lines/points.
        aiSetImportPropertyInteger(properties, "PP_FD_REMOVE", 1)
        // …but judge degeneracy by repeated corners only: the default area test drops the
        // small, real triangles of models authored in metres (a 15 cm bunny loses 90% of them).
        aiSetImportPropertyInteger(properties, "PP_FD_CHECKAREA", 0)
        // Keep smoothing within 80° so hard edges of crafted objects stay hard.
        aiSetImportPropertyFloat(properties, "PP_GSN_MAX_SMOOTHING_ANGLE", 80)
        aiSetImportPropertyInteger(properties, "PP_LBW_MAX_WEIGHTS", 4)

        let flags = postProcessing | (dropNormals ? aiProcess_DropNormals.rawValue : 0)
        // Through our file system, which records what the import opened (see AssimpFileSystem).
        guard let scene = files.withFileIO({ aiImportFileExWithProperties(path, flags, $0, properties) }) else {
            throw AssimpFailure(message: String(cString: aiGetErrorString()))
        }
        defer { aiReleaseImport(scene) }
        return copy(scene.pointee)
    }

    // MARK: - Copying assimp's scene

    private static func copy(_ s: aiScene) -> RawImport {
        var raw = RawImport()
        raw.meshes = buffer(s.mMeshes, s.mNumMeshes).map { copyMesh($0!.pointee) }
        raw.materials = buffer(s.mMaterials, s.mNumMaterials).map { copyMaterial($0!) }
        raw.embeddedTextures = buffer(s.mTextures, s.mNumTextures).map { copyTexture($0!.pointee) }
        raw.animations = buffer(s.mAnimations, s.mNumAnimations).compactMap { $0.map { copyAnimation($0.pointee) } }
        if let root = s.mRootNode { copyNode(root.pointee, parent: nil, into: &raw) }
        if let metadata = s.mMetaData { raw.metadata = copyMetadata(metadata.pointee) }
        return raw
    }

    private static func copyNode(_ n: aiNode, parent: Int?, into raw: inout RawImport) {
        let index = raw.nodes.count
        let transform = Self.transform(n.mTransformation)
        let meshes = buffer(n.mMeshes, n.mNumMeshes).map { Int($0) }
        raw.nodes.append(RawNode(name: string(n.mName), transform: transform, meshes: meshes, children: []))
        if let parent { raw.nodes[parent].children.append(index) }
        for child in buffer(n.mChildren, n.mNumChildren) {
            if let child { copyNode(child.pointee, parent: index, into: &raw) }
        }
    }

    private static func copyMesh(_ m: aiMesh) -> RawMesh {
        let count = Int(m.mNumVertices)
        var mesh = RawMesh(name: string(m.mName), primitiveTypes: m.mPrimitiveTypes, materialIndex: Int(m.mMaterialIndex))
        mesh.positions = buffer(m.mVertices, m.mNumVertices).map { SIMD3($0.x, $0.y, $0.z) }
        if let normals = m.mNormals {
            mesh.normals = UnsafeBufferPointer(start: normals, count: count).map { SIMD3($0.x, $0.y, $0.z) }
        }
        withUnsafeBytes(of: m.mTextureCoords) { slots in
            let channels = slots.bindMemory(to: UnsafeMutablePointer<aiVector3D>?.self)
            let components = withUnsafeBytes(of: m.mNumUVComponents) { Array($0.bindMemory(to: UInt32.self)) }
            for (channel, pointer) in channels.enumerated() {
                guard let pointer, components[channel] >= 2 else { break }
                mesh.texCoords.append(UnsafeBufferPointer(start: pointer, count: count).map { SIMD2($0.x, $0.y) })
            }
        }
        withUnsafeBytes(of: m.mColors) { slots in
            if let colors = slots.bindMemory(to: UnsafeMutablePointer<aiColor4D>?.self).first ?? nil {
                mesh.colors = UnsafeBufferPointer(start: colors, count: count).map { SIMD4($0.r, $0.g, $0.b, $0.a) }
            }
        }
        for face in buffer(m.mFaces, m.mNumFaces) {
            let indices = buffer(face.mIndices, face.mNumIndices)
            if indices.count == 3 { mesh.indices.append(contentsOf: indices) } else { mesh.nonTriangleFaces += 1 }
        }
        mesh.bones = buffer(m.mBones, m.mNumBones).compactMap { $0.map { copyBone($0.pointee, vertexCount: count) } }
        mesh.morphTargets = buffer(m.mAnimMeshes, m.mNumAnimMeshes).compactMap { pointer in
            pointer.flatMap { copyMorphTarget($0.pointee, base: mesh) }
        }
        return mesh
    }

    // MARK: - Skins and morph targets

    private static func copyBone(_ b: aiBone, vertexCount: Int) -> RawBone {
        // Weights naming a vertex that does not exist are dropped here, so later code can index.
        let weights = buffer(b.mWeights, b.mNumWeights)
            .filter { Int($0.mVertexId) < vertexCount }
            .map { (vertex: Int($0.mVertexId), weight: $0.mWeight) }
        return RawBone(name: string(b.mName), offset: transform(b.mOffsetMatrix), weights: weights)
    }

    /// Assimp stores a target as the whole replacement mesh (absolute positions and normals);
    /// glTF wants displacements, so the base is subtracted here. A target whose vertex count
    /// disagrees with the base (a broken file) is skipped rather than read out of bounds.
    private static func copyMorphTarget(_ a: aiAnimMesh, base: RawMesh) -> RawMorphTarget? {
        let count = base.positions.count
        guard Int(a.mNumVertices) == count else { return nil }
        var target = RawMorphTarget(name: string(a.mName), positionDeltas: [], normalDeltas: [], weight: a.mWeight)
        if let vertices = a.mVertices {
            target.positionDeltas = zip(UnsafeBufferPointer(start: vertices, count: count), base.positions)
                .map { SIMD3($0.x, $0.y, $0.z) - $1 }
        }
        if let normals = a.mNormals, base.normals.count == count {
            target.normalDeltas = zip(UnsafeBufferPointer(start: normals, count: count), base.normals)
                .map { SIMD3($0.x, $0.y, $0.z) - $1 }
        }
        return target
    }

    // MARK: - Animations

    private static func copyAnimation(_ a: aiAnimation) -> RawAnimation {
        // Keys are in ticks; 0 ticks per second means "unspecified", for which assimp's own
        // viewers assume 25.
        let ticksPerSecond = a.mTicksPerSecond > 0 && a.mTicksPerSecond.isFinite ? a.mTicksPerSecond : 25
        func seconds(_ ticks: Double) -> Double { ticks / ticksPerSecond }
        var animation = RawAnimation(name: string(a.mName))
        for pointer in buffer(a.mChannels, a.mNumChannels) {
            guard let c = pointer?.pointee else { continue }
            var channel = RawNodeChannel(nodeName: string(c.mNodeName))
            channel.translations = buffer(c.mPositionKeys, c.mNumPositionKeys)
                .map { RawKey(time: seconds($0.mTime), value: SIMD3($0.mValue.x, $0.mValue.y, $0.mValue.z)) }
            // aiQuaternion is (w, x, y, z); glTF orders (x, y, z, w).
            channel.rotations = buffer(c.mRotationKeys, c.mNumRotationKeys)
                .map { RawKey(time: seconds($0.mTime), value: SIMD4($0.mValue.x, $0.mValue.y, $0.mValue.z, $0.mValue.w)) }
            channel.scales = buffer(c.mScalingKeys, c.mNumScalingKeys)
                .map { RawKey(time: seconds($0.mTime), value: SIMD3($0.mValue.x, $0.mValue.y, $0.mValue.z)) }
            animation.nodeChannels.append(channel)
        }
        for pointer in buffer(a.mMorphMeshChannels, a.mNumMorphMeshChannels) {
            guard let c = pointer?.pointee else { continue }
            let keys = buffer(c.mKeys, c.mNumKeys).map { key in
                let targets = buffer(key.mValues, key.mNumValuesAndWeights)
                let weights = UnsafeBufferPointer(start: key.mWeights, count: key.mWeights == nil ? 0 : targets.count)
                return RawMorphChannel.Key(time: seconds(key.mTime),
                                           weights: zip(targets, weights).map { (target: Int($0), weight: Float($1)) })
            }
            animation.morphChannels.append(RawMorphChannel(name: string(c.mName), keys: keys))
        }
        animation.meshChannelCount = Int(a.mNumMeshChannels)
        return animation
    }

    // MARK: - Materials

    private static let textureTypes: [(aiTextureType, RawTextureSlot)] = [
        (aiTextureType_BASE_COLOR, .baseColor), (aiTextureType_DIFFUSE, .diffuse),
        (aiTextureType_UNKNOWN, .metallicRoughness), (aiTextureType_METALNESS, .metalness),
        (aiTextureType_DIFFUSE_ROUGHNESS, .roughness), (aiTextureType_NORMALS, .normal),
        (aiTextureType_LIGHTMAP, .lightmap), (aiTextureType_AMBIENT_OCCLUSION, .ambientOcclusion),
        (aiTextureType_EMISSIVE, .emissive), (aiTextureType_EMISSION_COLOR, .emissionColor),
        (aiTextureType_OPACITY, .opacity),
    ]

    private static func copyMaterial(_ pointer: UnsafeMutablePointer<aiMaterial>) -> RawMaterial {
        var raw = RawMaterial()
        raw.name = materialString(pointer, "?mat.name")
        raw.shadingModel = materialInt(pointer, "$mat.shadingm")
        raw.baseColor = materialColor(pointer, "$clr.base")
        raw.diffuse = materialColor(pointer, "$clr.diffuse")
        raw.specular = materialColor(pointer, "$clr.specular")
        raw.emissive = materialColor(pointer, "$clr.emissive")
        raw.opacity = materialFloat(pointer, "$mat.opacity")
        raw.shininess = materialFloat(pointer, "$mat.shininess")
        raw.metallic = materialFloat(pointer, "$mat.metallicFactor")
        raw.roughness = materialFloat(pointer, "$mat.roughnessFactor")
        raw.glossiness = materialFloat(pointer, "$mat.glossinessFactor")
        raw.emissiveIntensity = materialFloat(pointer, "$mat.emissiveIntensity")
        raw.twoSided = materialInt(pointer, "$mat.twosided").map { $0 != 0 }
        raw.alphaMode = materialString(pointer, "$mat.gltf.alphaMode")
        raw.alphaCutoff = materialFloat(pointer, "$mat.gltf.alphaCutoff")
        raw.unlit = materialInt(pointer, "$mat.gltf.unlit").map { $0 != 0 } ?? false
        for (type, slot) in textureTypes where aiGetMaterialTextureCount(pointer, type) > 0 {
            var path = aiString()
            var uvIndex: UInt32 = 0
            var modes: [aiTextureMapMode] = [aiTextureMapMode_Wrap, aiTextureMapMode_Wrap]
            let result = modes.withUnsafeMutableBufferPointer { modeBuffer in
                aiGetMaterialTexture(pointer, type, 0, &path, nil, &uvIndex, nil, nil, modeBuffer.baseAddress, nil)
            }
            guard result == aiReturn_SUCCESS else { continue }
            var texture = RawTexture(path: string(path), uvIndex: Int(uvIndex),
                                     wrapU: wrap(modes[0]), wrapV: wrap(modes[1]))
            texture.scale = materialFloat(pointer, "$tex.scale", type: type)
            texture.strength = materialFloat(pointer, "$tex.strength", type: type)
            raw.textures[slot] = texture
        }
        return raw
    }

    private static func wrap(_ mode: aiTextureMapMode) -> TextureRef.Wrap {
        switch mode {
        case aiTextureMapMode_Clamp, aiTextureMapMode_Decal: .clampToEdge
        case aiTextureMapMode_Mirror: .mirroredRepeat
        default: .repeating
        }
    }

    private static func materialColor(_ m: UnsafeMutablePointer<aiMaterial>, _ key: String) -> SIMD4<Float>? {
        var color = aiColor4D()
        guard aiGetMaterialColor(m, key, 0, 0, &color) == aiReturn_SUCCESS else { return nil }
        return SIMD4(color.r, color.g, color.b, color.a)
    }

    private static func materialFloat(_ m: UnsafeMutablePointer<aiMaterial>, _ key: String,
                                      type: aiTextureType = aiTextureType_NONE) -> Float? {
        var value: Float = 0
        var count: UInt32 = 1
        guard aiGetMaterialFloatArray(m, key, type.rawValue, 0, &value, &count) == aiReturn_SUCCESS, count == 1 else { return nil }
        return value
    }

    private static func materialInt(_ m: UnsafeMutablePointer<aiMaterial>, _ key: String) -> Int? {
        var value: Int32 = 0
        var count: UInt32 = 1
        guard aiGetMaterialIntegerArray(m, key, 0, 0, &value, &count) == aiReturn_SUCCESS, count == 1 else { return nil }
        return Int(value)
    }

    private static func materialString(_ m: UnsafeMutablePointer<aiMaterial>, _ key: String) -> String? {
        var value = aiString()
        guard aiGetMaterialString(m, key, 0, 0, &value) == aiReturn_SUCCESS else { return nil }
        return string(value)
    }

    // MARK: - Embedded textures and metadata

    private static func copyTexture(_ t: aiTexture) -> RawEmbeddedTexture {
        let hint = withUnsafeBytes(of: t.achFormatHint) { bytes in
            String(decoding: bytes.prefix { $0 != 0 }, as: UTF8.self)
        }
        let name = string(t.mFilename)
        guard let texels = t.pcData else { return RawEmbeddedTexture(name: name, formatHint: hint, content: .compressed([])) }
        if t.mHeight == 0 {
            // "Compressed" means the file's own bytes (PNG, JPEG, TGA …), mWidth of them.
            let bytes = UnsafeRawBufferPointer(start: texels, count: Int(t.mWidth))
            return RawEmbeddedTexture(name: name, formatHint: hint, content: .compressed(Array(bytes)))
        }
        let width = Int(t.mWidth), height = Int(t.mHeight)
        var rgba = [UInt8](repeating: 0, count: width * height * 4)
        for (i, texel) in UnsafeBufferPointer(start: texels, count: width * height).enumerated() {
            rgba[i * 4] = texel.r; rgba[i * 4 + 1] = texel.g; rgba[i * 4 + 2] = texel.b; rgba[i * 4 + 3] = texel.a
        }
        return RawEmbeddedTexture(name: name, formatHint: hint, content: .rgba(width: width, height: height, pixels: rgba))
    }

    private static func copyMetadata(_ m: aiMetadata) -> [String: Double] {
        var values: [String: Double] = [:]
        let keys = buffer(m.mKeys, m.mNumProperties)
        let entries = buffer(m.mValues, m.mNumProperties)
        for (key, entry) in zip(keys, entries) {
            guard let data = entry.mData else { continue }
            let value: Double? = switch entry.mType {
            case AI_BOOL: data.load(as: Bool.self) ? 1 : 0
            case AI_INT32: Double(data.load(as: Int32.self))
            case AI_UINT64: Double(data.load(as: UInt64.self))
            case AI_FLOAT: Double(data.load(as: Float.self))
            case AI_DOUBLE: data.load(as: Double.self)
            default: nil
            }
            if let value { values[string(key)] = value }
        }
        return values
    }

    // MARK: - C helpers

    /// aiMatrix4x4 is row-major a1…d4; our Transform is column-major.
    private static func transform(_ m: aiMatrix4x4) -> Transform {
        Transform(columns: [
            SIMD4(m.a1, m.b1, m.c1, m.d1), SIMD4(m.a2, m.b2, m.c2, m.d2),
            SIMD4(m.a3, m.b3, m.c3, m.d3), SIMD4(m.a4, m.b4, m.c4, m.d4),
        ])
    }

    private static func buffer<T>(_ pointer: UnsafeMutablePointer<T>?, _ count: UInt32) -> UnsafeBufferPointer<T> {
        guard let pointer, count > 0 else { return UnsafeBufferPointer(start: nil, count: 0) }
        return UnsafeBufferPointer(start: pointer, count: Int(count))
    }

    private static func string(_ s: aiString) -> String {
        withUnsafeBytes(of: s.data) { bytes in
            String(decoding: bytes.prefix(min(Int(s.length), bytes.count)), as: UTF8.self)
        }
    }
}

extension RawMesh {
    init(name: String, primitiveTypes: UInt32, materialIndex: Int) {
        self.init(name: name, materialIndex: materialIndex)
        hasPoints = primitiveTypes & aiPrimitiveType_POINT.rawValue != 0
        hasLines = primitiveTypes & aiPrimitiveType_LINE.rawValue != 0
    }
}
