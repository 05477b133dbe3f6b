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
