import SceneModel

/// `RawImport` → `Scene`: keeps triangles, converts materials, loads textures once each, and
/// repairs what a writer could not accept (indices out of range, non-finite numbers), noting
/// every loss as a warning that names the model.
struct SceneBuilder {
    let raw: RawImport
    let textures: TextureLoader
    let file: String
    let format: String
    private(set) var warnings: [ImportWarning] = []

    private var images: [SceneModel.Image] = []
    private var imageIndexByReference: [String: Int?] = [:]
    private var meshIndexBySources: [[Int]: Int] = [:]
    private var meshes: [Mesh] = []
    /// The bones of each Scene mesh that has any (see `BoneBinding`).
    private var bindingByMesh: [Int: BoneBinding] = [:]
    private var skins: [Skin] = []
    private var skinIndexByKey: [SkinKey: Int] = [:]
    private var nodeIndex: NodeIndex

    /// Nodes with equal joints and bind matrices share one skin.
    private struct SkinKey: Hashable { var joints: [Int]; var matrices: [Float] }

    init(raw: RawImport, textures: TextureLoader, file: String, format: String) {
        self.raw = raw
        self.textures = textures
        self.file = file
        self.format = format
        nodeIndex = NodeIndex(raw.nodes, transforms: raw.nodes.map { Self.sanitized($0.transform) })
    }

    mutating func build() -> Scene {
        var materials: [Material] = []
        for (index, rawMaterial) in raw.materials.enumerated() {
            materials.append(MaterialConversion.convert(rawMaterial, index: index) { imageIndex(for: $0.path) })
        }
        // glTF keeps opacity in the base colour's alpha; merging a separate map in is a later pass.
        if raw.materials.contains(where: { $0.textures[.opacity] != nil }) {
            warn("a separate opacity texture is not supported yet and was left out")
        }

        var nodes: [Node] = []
        for (index, node) in raw.nodes.enumerated() {
            let meshIndex = mesh(for: node.meshes)
            let skinIndex = meshIndex.flatMap { skin(forMesh: $0, onNode: index) }
            nodes.append(Node(name: node.name, transform: Self.sanitized(node.transform), mesh: meshIndex, skin: skinIndex,
                              children: node.children))
        }
        var targetCountByNode: [Int: Int] = [:]
        for (index, node) in nodes.enumerated() {
            if let mesh = node.mesh, let count = meshes[mesh].primitives.first?.targets.count, count > 0 { targetCountByNode[index] = count }
        }
        let animations = AnimationBuilder(nodes: nodeIndex, targetCountByNode: targetCountByNode,
                                          meshNamesByNode: raw.nodes.map { $0.meshes.compactMap { raw.meshes.indices.contains($0) ? raw.meshes[$0].name : nil } })
            .build(raw.animations) { warn($0) }
        reportLeftOutFeatures()
        return Scene(nodes: nodes, roots: nodes.isEmpty ? [] : [0], meshes: meshes, materials: materials,
                     images: images, skins: skins, animations: animations, source: sourceInfo())
    }

    // MARK: - Skins

    private mutating func skin(forMesh mesh: Int, onNode node: Int) -> Int? {
        guard let binding = bindingByMesh[mesh] else { return nil }
        let skin = binding.skin(for: node, nodes: nodeIndex, name: raw.nodes[node].name)
        let key = SkinKey(joints: skin.joints, matrices: skin.inverseBindMatrices.flatMap(\.flattened))
        if let known = skinIndexByKey[key] { return known }
        skins.append(skin)
        skinIndexByKey[key] = skins.count - 1
        return skins.count - 1
    }

    // MARK: - Textures

    private mutating func imageIndex(for reference: String) -> Int? {
        if let known = imageIndexByReference[reference] { return known }
        var index: Int?
        switch textures.load(reference) {
        case .success(let image):
            if let same = images.firstIndex(of: image) {
                index = same
            } else {
                images.append(image)
                index = images.count - 1
            }
        case .failure(.notFound):
            warn("texture '\(reference)' not found next to the model; the material is shown without it")
        case .failure(.outsideRoot):
            warn("texture '\(reference)' lies outside the project folder and was not read")
        case .failure(.undecodable(let reason)):
            warn("texture '\(reference)' could not be read (\(reason)); the material is shown without it")
        }
        imageIndexByReference[reference] = index
        return index
    }

    // MARK: - Meshes

    /// Assimp splits a node's geometry into one mesh per material; a glTF mesh holds them all
    /// as primitives, so each distinct list of assimp meshes becomes one `Mesh`.
    private mutating func mesh(for sources: [Int]) -> Int? {
        let triangleSources = sources.filter { raw.meshes.indices.contains($0) && !raw.meshes[$0].indices.isEmpty }
        guard !triangleSources.isEmpty else { return nil }
        if let known = meshIndexBySources[triangleSources] { return known }
        let sources = triangleSources.map { raw.meshes[$0] }
        let binding = BoneBinding.make(sources: sources, nodes: nodeIndex) { warn($0) }
        // glTF gives every primitive of a mesh the same morph targets, weighted by one list.
        let targetCounts = Set(sources.map(\.morphTargets.count))
        let keepTargets = targetCounts.count == 1 && targetCounts.first! > 0
        if targetCounts.count > 1 {
            warn("the parts of mesh '\(sources[0].name)' have different numbers of morph targets; the targets were left out")
        }
        var primitives: [Primitive] = []
        for (position, source) in sources.enumerated() {
            let skinning = binding.map { ($0.vertexJoints[position], $0.vertexWeights[position]) }
            if let p = primitive(from: source, skinning: skinning, keepTargets: keepTargets) { primitives.append(p) }
        }
        guard !primitives.isEmpty else { return nil }
        let weights = keepTargets ? sources[0].morphTargets.map { $0.weight.isFinite ? $0.weight : 0 } : []
        meshes.append(Mesh(name: sources[0].name, primitives: primitives, morphWeights: weights))
        meshIndexBySources[triangleSources] = meshes.count - 1
        if let binding { bindingByMesh[meshes.count - 1] = binding }
        return meshes.count - 1
    }

    private mutating func primitive(from source: RawMesh, skinning: ([SIMD4<UInt16>], [SIMD4<Float>])?,
                                    keepTargets: Bool) -> Primitive? {
        let count = source.positions.count
        // Keep only triangles whose corners exist and are finite numbers.
        var kept: [UInt32] = []
        kept.reserveCapacity(source.indices.count)
        var dropped = 0
        var t = 0
        while t + 2 < source.indices.count {
            let tri = source.indices[t..<t + 3]
            t += 3
            if tri.allSatisfy({ Int($0) < count && isFinite(source.positions[Int($0)]) }) {
                kept.append(contentsOf: tri)
            } else {
                dropped += 1
            }
        }
        if dropped > 0 { warn("\(dropped) triangle(s) with invalid corners in mesh '\(source.name)' were dropped") }
        guard !kept.isEmpty else { return nil }

        // Renumber so that only used vertices remain, in first-use order.
        var remap = [Int32](repeating: -1, count: count)
        var order: [Int] = []
        let indices = kept.map { old -> UInt32 in
            if remap[Int(old)] < 0 {
                remap[Int(old)] = Int32(order.count)
                order.append(Int(old))
            }
            return UInt32(remap[Int(old)])
        }
        func pick<T>(_ stream: [T]) -> [T] { stream.count == count ? order.map { stream[$0] } : [] }

        let material = raw.materials.indices.contains(source.materialIndex) ? source.materialIndex : nil
        let normals = pick(source.normals).map(unitNormal)
        // Morph displacements follow the same renumbering; a target that does not move
        // positions still needs zeros there, and target normals only mean something with base normals.
        let targets = !keepTargets ? [] : source.morphTargets.map { target in
            MorphTarget(name: target.name,
                        positions: target.positionDeltas.isEmpty ? Array(repeating: .zero, count: order.count)
                            : pick(target.positionDeltas).map { isFinite($0) ? $0 : .zero },
                        normals: normals.isEmpty ? [] : pick(target.normalDeltas).map { isFinite($0) ? $0 : .zero })
        }
        return Primitive(
            positions: pick(source.positions),
            normals: normals,
            texCoords: source.texCoords.map { pick($0).map { isFinite($0) ? $0 : .zero } }.filter { !$0.isEmpty },
            colors: pick(source.colors).map { c in SIMD4(unit(c.x), unit(c.y), unit(c.z), unit(c.w)) },
            indices: indices,
            material: material,
            joints: skinning.map { pick($0.0) } ?? [],
            weights: skinning.map { pick($0.1) } ?? [],
            targets: targets)
    }

    // MARK: - Warnings about what is left out here

    private mutating func reportLeftOutFeatures() {
        let used = Set(raw.nodes.flatMap(\.meshes))
        let meshesInUse = raw.meshes.enumerated().filter { used.contains($0.offset) }.map(\.element)
        let pointMeshes = meshesInUse.filter { $0.indices.isEmpty && ($0.hasPoints || $0.hasLines) }.count
        if pointMeshes > 0 { warn("\(pointMeshes) mesh(es) made only of points or lines were left out (only triangles are shown)") }
        // Skins, morph targets and animations are kept; what of them is lost is reported where
        // it is lost (SkinBuilder, AnimationBuilder, `mesh(for:)`).
    }

    private mutating func warn(_ message: String) {
        let warning = ImportWarning(file: file, message: message)
        if !warnings.contains(warning) { warnings.append(warning) }
    }

    // MARK: - Source facts

    private func sourceInfo() -> SourceInfo {
        var info = SourceInfo(format: format)
        // FBX states its unit as centimetres per unit.
        if format == "fbx", let centimetres = raw.metadata["UnitScaleFactor"], centimetres > 0 {
            info.metresPerUnit = centimetres / 100
        }
        if let axis = raw.metadata["UpAxis"] {
            info.upAxis = [0: .x, 1: .y, 2: .z][Int(axis)]
        }
        return info
    }

    // MARK: - Numbers a writer can accept

    private func isFinite(_ v: SIMD3<Float>) -> Bool { v.x.isFinite && v.y.isFinite && v.z.isFinite }
    private func isFinite(_ v: SIMD2<Float>) -> Bool { v.x.isFinite && v.y.isFinite }
    private func unit(_ x: Float) -> Float { x.isFinite ? min(1, max(0, x)) : 1 }

    /// glTF requires unit-length normals; a zero or broken normal gets a harmless up vector.
    private func unitNormal(_ n: SIMD3<Float>) -> SIMD3<Float> {
        let length = (n * n).sum().squareRoot()
        guard length.isFinite, length > 1e-12 else { return SIMD3(0, 1, 0) }
        return n / length
    }

    private static func sanitized(_ transform: Transform) -> Transform {
        transform.columns.allSatisfy { $0.x.isFinite && $0.y.isFinite && $0.z.isFinite && $0.w.isFinite } ? transform : .identity
    }
}
