import Foundation
import SceneModel

/// `Scene` → glTF 2.0 binary (.glb).
///
/// The writer alone decides layout: which nodes, materials and images are written (only those
/// drawn), how indices are typed, where each stream sits in the BIN chunk. It keeps the glTF
/// rules a validator checks (POSITION min/max, unit normals, aligned views, no unused views).
public enum GLTFWriter {
    public struct Options: Sendable {
        /// How buffer views are stored (EXT_meshopt_compression; see WriterState+Quantization.swift):
        /// a writer-level choice, independent of quantization; `GeometryCompression` is the
        /// model-level option that picks both.
        public enum BufferViewCompression: Sendable, Equatable { case none, meshopt }

        public var generator: String
        /// KHR_mesh_quantization with gltfpack's default precision: positions on one 14-bit grid
        /// for the whole scene (dequantized by the node transform), normals 8-bit, UVs 12-bit,
        /// colours 8-bit. Skinned meshes use the same grid, dequantized by their skin's inverse
        /// bind matrices; morph deltas are stored in grid units; rotation keys become 16-bit
        /// (WriterState+Animation.swift).
        public var quantize: Bool
        /// `.meshopt`: every vertex and index view meshopt-encoded into the BIN chunk, decoded
        /// into a data-less fallback buffer (the extension is then required). Skin attributes and
        /// morph deltas are vertex views; animation keys are pooled by kind and encoded too, with
        /// the QUATERNION / EXPONENTIAL filters when quantizing (AnimationData.swift).
        public var compression: BufferViewCompression
        /// Quantized or compressed output interleaves a primitive's unfiltered attributes in one
        /// view (measured smaller; see WriterState+Geometry.swift). Internal: tests measure both.
        var interleaveAttributes = true

        public init(generator: String = "SmartVillage build-site", quantize: Bool = false, compression: BufferViewCompression = .none) {
            self.generator = generator
            self.quantize = quantize
            self.compression = compression
        }
        /// The writer settings a model's `GeometryCompression` stands for.
        public init(_ geometry: GeometryCompression) {
            self.init(quantize: geometry.quantizes, compression: geometry == .meshopt ? .meshopt : .none)
        }
        public static let `default` = Options()
    }

    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    public static func glb(_ scene: Scene, options: Options = .default) throws(WriteError) -> [UInt8] {
        var state = WriterState(scene: scene)
        state.prepareEncodings(options)
        let document = state.document(generator: options.generator)
        if let failure = state.encoding.failure { throw WriteError(description: failure) }
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
struct WriterState {
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
    /// Some texture points at a WebP image (EXT_texture_webp, required: no fallback image).
    var usesWebP = false
    /// Vertex streams and indices waiting to be written as shared views (GeometryPools.swift).
    var geometry = GeometryPools()
    /// Quantization grids, compression and the extensions they need (WriterState+Quantization.swift).
    var encoding = EncodingState()

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
        let plan = animationPlan(nodeIndex: newIndex) // skins, morphs, animated nodes (WriterState+Animation.swift)

        var meshIndex: [Int: Int] = [:]
        var meshes: [GLTFDocument.Mesh] = []
        var nodes: [GLTFDocument.Node] = []
        var meshNodes: [GLTFDocument.Node] = [] // quantized meshes moved below their node, appended last
        for old in order {
            let node = scene.nodes[old]
            var written = GLTFDocument.Node(name: node.name.isEmpty ? nil : node.name)
            if let mesh = node.mesh {
                if meshIndex[mesh] == nil, let m = writeMesh(mesh, plan: plan) {
                    meshes.append(m)
                    meshIndex[mesh] = meshes.count - 1
                }
                written.mesh = meshIndex[mesh]
            }
            written.skin = writtenSkin(of: old, meshWritten: written.mesh != nil, plan: plan)
            let children = node.children.compactMap { newIndex[$0] }
            written.children = children.isEmpty ? nil : children
            setTransform(node.transform, on: &written)
            if plan.animatedNodes.contains(old) { setAnimatableTransform(node.transform, on: &written) }
            if let child = placeDequantization(&written, sceneNode: old, childIndex: order.count + meshNodes.count) {
                encoding.movedMeshNodes[old] = order.count + meshNodes.count
                meshNodes.append(child)
            }
            nodes.append(written)
        }
        nodes += meshNodes
        writeGeometryViews()

        let skins = writeSkins(plan: plan, nodeIndex: newIndex)
        let animations = writeAnimations(plan: plan, nodeIndex: newIndex)
        let required = (encoding.requiredExtensions + (usesWebP ? ["EXT_texture_webp"] : [])).sorted()
        let used = ((usesUnlit ? ["KHR_materials_unlit"] : []) + required).sorted()
        return GLTFDocument(
            asset: .init(generator: generator),
            scenes: [.init(nodes: scene.roots.compactMap { newIndex[$0] })],
            nodes: nodes, meshes: meshes,
            materials: materials.isEmpty ? nil : materials,
            textures: textures.isEmpty ? nil : textures,
            samplers: samplers.isEmpty ? nil : samplers,
            images: images.isEmpty ? nil : images,
            accessors: accessors, bufferViews: bin.views,
            buffers: buffers(),
            extensionsUsed: used.isEmpty ? nil : used,
            extensionsRequired: required.isEmpty ? nil : required,
            skins: skins, animations: animations)
    }

    // MARK: - Transforms

    /// Nodes are always written as TRS. glTF has no shear: a matrix that is not translation ·
    /// rotation · scale is invalid (the Khronos validator's NODE_MATRIX_NON_TRS), and viewers
    /// decompose it anyway. Flatten bakes static geometry with its exact transform first, so a
    /// shear reaching here sits above animated or skinned parts, where the nearest TRS is the
    /// best any glTF can hold (gltfpack does the same).
    func setTransform(_ transform: Transform, on node: inout GLTFDocument.Node) {
        guard !transform.isIdentity else { return }
        if let trs = TRS(transform) {
            node.translation = trs.translation == .zero ? nil : [trs.translation.x, trs.translation.y, trs.translation.z]
            node.rotation = trs.rotation == SIMD4(0, 0, 0, 1) ? nil : [trs.rotation.x, trs.rotation.y, trs.rotation.z, trs.rotation.w]
            node.scale = trs.scale == SIMD3(1, 1, 1) ? nil : [trs.scale.x, trs.scale.y, trs.scale.z]
        } else {
            node.matrix = transform.flattened
            setAnimatableTransform(transform, on: &node)
        }
    }
}
