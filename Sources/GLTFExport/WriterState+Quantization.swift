import SceneModel

/// The write-wide encoding decisions, made once before any mesh is written (quantization grids
/// must be shared by everything that refers to them), and what they commit the file to.
struct EncodingState {
    var quantize = false
    var compression: GLTFWriter.Options.BufferViewCompression = .none
    var interleave = false
    /// One grid for every quantized position in the scene (as gltfpack): meshes that touch keep
    /// touching after rounding, and instances of a mesh need one dequantization only.
    var positionGrid: PositionGrid?
    /// How each UV set is stored, per (material, set): KHR_texture_transform lives on the
    /// material's texture infos, so every primitive of a material must share the same mapping.
    var texCoords: [TexCoordKey: TexCoordEncoding] = [:]
    /// Scene nodes with translation/rotation/scale channels: their transform can't absorb a
    /// dequantization, since the animation overwrites it.
    var animatedNodes: Set<Int> = []
    /// Written (glTF) mesh indices whose POSITION is on the grid and dequantized by the node
    /// drawing them, and how many meshes were written so far (document() appends every mesh
    /// writeMesh returns, in order). Skinned meshes are on the grid too but left out: a skinned
    /// vertex ignores its node's transform, so their skin's inverse bind matrices dequantize.
    var quantizedMeshes: Set<Int> = []
    var writtenMeshes = 0
    /// Scene node → the written child node its mesh moved to (placeDequantization), so that a
    /// `weights` channel still targets the node drawing the morphed mesh.
    var movedMeshNodes: [Int: Int] = [:]
    /// Extensions the written data depends on; all of them are required.
    var extensions: Set<String> = []
    /// The first encoder error; the write then fails with it (no partial files).
    var failure: String?

    var requiredExtensions: [String] { extensions.sorted() }

    static let positionBits = 14, texCoordBits = 12, normalBits = 8, colorBits = 8
}

/// Positions stored as UNSIGNED_SHORT q with world = offset + step * q, which is the node
/// transform translate(offset) · scale(step) — a uniform scale, as the spec recommends.
struct PositionGrid {
    var offset: SIMD3<Float>
    var step: Float
    static let maxValue = (1 << EncodingState.positionBits) - 1

    var transform: Transform {
        Transform.translation(offset) * Transform.scale(SIMD3(repeating: step))
    }

    func quantize(_ p: SIMD3<Float>) -> SIMD3<UInt16> {
        // Double arithmetic with the exact Float offset/step the node carries, so the decoded
        // value is the nearest grid point to the original.
        func q(_ v: Float, _ o: Float) -> UInt16 {
            let x = ((Double(v) - Double(o)) / Double(step)).rounded()
            guard x.isFinite else { return 0 }
            return UInt16(Swift.max(0, Swift.min(Double(Self.maxValue), x)))
        }
        return SIMD3(q(p.x, offset.x), q(p.y, offset.y), q(p.z, offset.z))
    }
}

struct TexCoordKey: Hashable { var material: Int?; var set: Int }

enum TexCoordEncoding: Equatable {
    /// Every value in [0, 1]: UNSIGNED_SHORT normalized on a 12-bit grid, no transform needed.
    case unit
    /// Outside [0, 1]: q in 0...4095 as UNSIGNED_SHORT normalized; uv = offset + extent · q / 4095,
    /// which KHR_texture_transform expresses on every texture info using the set.
    case grid(offset: SIMD2<Float>, extent: SIMD2<Float>)
    /// Non-finite values, or out of range with no texture to carry a transform: kept as floats.
    case float
}

extension WriterState {
    mutating func prepareEncodings(_ options: GLTFWriter.Options) {
        encoding = EncodingState(quantize: options.quantize, compression: options.compression,
                                 interleave: options.interleaveAttributes && (options.quantize || options.compression != .none))
        guard options.quantize else { return }
        let meshes = Set(scene.reachableNodes().compactMap { scene.nodes[$0].mesh }).filter { scene.meshes.indices.contains($0) }.sorted()

        var lo = SIMD3<Float>(repeating: .infinity), hi = SIMD3<Float>(repeating: -.infinity)
        // Every drawn mesh counts, float-position ones too: which meshes end up skinned is the
        // animation writer's call, and a grid too large costs precision while one too small
        // would clamp.
        for m in meshes {
            for p in scene.meshes[m].primitives {
                for v in p.positions where v.x.isFinite && v.y.isFinite && v.z.isFinite {
                    lo = pointwiseMin(lo, v)
                    hi = pointwiseMax(hi, v)
                }
            }
        }
        if lo.x <= hi.x {
            let extent = Double((hi - lo).max())
            var step = Float(extent / Double(PositionGrid.maxValue))
            if !(step.isNormal && step > 0) { step = 1 } // a single point, or a degenerate extent
            encoding.positionGrid = PositionGrid(offset: lo, step: step)
        }

        var uvLo: [TexCoordKey: SIMD2<Float>] = [:], uvHi: [TexCoordKey: SIMD2<Float>] = [:], nonFinite = Set<TexCoordKey>()
        for m in meshes {
            for p in scene.meshes[m].primitives {
                let material = p.material.flatMap { scene.materials.indices.contains($0) ? $0 : nil }
                for (set, uvs) in p.texCoords.filter({ $0.count == p.vertexCount }).enumerated() {
                    let key = TexCoordKey(material: material, set: set)
                    var l = uvLo[key] ?? SIMD2(repeating: .infinity), h = uvHi[key] ?? SIMD2(repeating: -.infinity)
                    for uv in uvs {
                        guard uv.x.isFinite && uv.y.isFinite else { nonFinite.insert(key); continue }
                        l = pointwiseMin(l, uv)
                        h = pointwiseMax(h, uv)
                    }
                    uvLo[key] = l
                    uvHi[key] = h
                }
            }
        }
        for (key, l) in uvLo {
            let h = uvHi[key] ?? l
            let textured = key.material.map { material in
                scene.materials[material].textureRefs.contains { $0.texCoord == key.set && scene.images.indices.contains($0.image) }
            } ?? false
            if nonFinite.contains(key) {
                encoding.texCoords[key] = .float
            } else if l.x > h.x {
                encoding.texCoords[key] = .unit
            } else if textured {
                // As gltfpack: quantize over the set's own range and undo it with
                // KHR_texture_transform, so 12 bits cover the UVs actually used (7–8% smaller
                // geometry than spreading [0, 1] over 16 bits, measured on Duck and Lantern).
                var extent = h - l
                extent.replace(with: SIMD2(repeating: 1), where: extent .<= 0)
                encoding.texCoords[key] = .grid(offset: l, extent: extent)
            } else if l.min() >= 0 && h.max() <= 1 {
                encoding.texCoords[key] = .unit
            } else {
                encoding.texCoords[key] = .float
            }
        }

        for animation in scene.animations {
            for channel in animation.channels where channel.path != .weights { encoding.animatedNodes.insert(channel.node) }
        }
    }

    /// Gives a node drawing a grid-quantized mesh the grid's dequantization. A childless,
    /// unanimated node absorbs it into its own transform; otherwise the mesh moves to a new child
    /// node holding only the dequantization (what gltfpack does), so children and animation
    /// channels still see the original transform. Returns that child, to be appended.
    func placeDequantization(_ written: inout GLTFDocument.Node, sceneNode: Int, childIndex: Int) -> GLTFDocument.Node? {
        guard let grid = encoding.positionGrid, let mesh = written.mesh, encoding.quantizedMeshes.contains(mesh) else { return nil }
        let node = scene.nodes[sceneNode]
        if node.children.isEmpty && !encoding.animatedNodes.contains(sceneNode) && node.skin == nil {
            written.translation = nil; written.rotation = nil; written.scale = nil; written.matrix = nil
            setTransform(node.transform * grid.transform, on: &written)
            return nil
        }
        var child = GLTFDocument.Node(mesh: written.mesh)
        setTransform(grid.transform, on: &child)
        written.mesh = nil
        written.children = (written.children ?? []) + [childIndex]
        return child
    }

    /// KHR_texture_transform for a texture info reading UV set `set` of scene material `material`.
    mutating func texCoordTransform(material: Int, set: Int) -> GLTFDocument.TextureInfoExtensions? {
        guard case let .grid(offset, extent) = encoding.texCoords[TexCoordKey(material: material, set: set)] else { return nil }
        encoding.extensions.insert(GLTFConstant.khrTextureTransform)
        // Stored values are q / 65535 with q ≤ 4095, hence the 65535 / 4095 factor.
        let factor = Float(65535) / Float((1 << EncodingState.texCoordBits) - 1)
        return .init(KHR_texture_transform: .init(offset: [offset.x, offset.y], scale: [extent.x * factor, extent.y * factor]))
    }

    /// buffers[0] is the BIN chunk; buffers[1], when compressed views exist, is the data-less
    /// fallback their decoded form lives in.
    func buffers() -> [GLTFDocument.Buffer] {
        guard !bin.bytes.isEmpty else { return [] }
        var list = [GLTFDocument.Buffer(byteLength: bin.bytes.count)]
        if bin.fallbackLength > 0 {
            list.append(.init(byteLength: bin.fallbackLength, extensions: .init(EXT_meshopt_compression: .init())))
        }
        return list
    }
}
