import MeshOptimizer
import SceneModel

/// Vertex streams and indices: how each primitive's data is laid out in the BIN chunk.
///
/// Layout (quantized or compressed output): a primitive's position, UVs and colour are
/// interleaved; normals stay a stream of their own in every mode (the OCTAHEDRAL filter applies to a
/// whole view, and one layout for both modes means a meshopt file decodes to exactly the
/// quantize-only file); indices their own. Measured with meshopt on the 13 corpus models of
/// 1000+ triangles, after cache + fetch reordering: meshopt codes each byte lane separately, so
/// the encoded geometry barely differs (1,730,191 bytes one view per attribute, as gltfpack does,
/// vs 1,728,607 interleaved); interleaving saves per-view alignment and JSON (files 7,505,164 →
/// 7,494,644 bytes in total, −10% on fbx/spider with its many small primitives, never larger).
/// Plain float output keeps one stream per attribute. Streams of every primitive are then pooled
/// by stride into shared views (GeometryPools.swift).
extension WriterState {
    mutating func writeMesh(_ mesh: Mesh) -> GLTFDocument.Mesh? {
        // Every mesh goes on the grid: skinned meshes are dequantized by their skin's inverse bind
        // matrices, morph deltas are stored in grid units (WriterState+Animation.swift).
        let grid = encoding.positionGrid
        let primitives = mesh.primitives.filter { $0.triangleCount > 0 }.map { writePrimitive($0, grid: grid) }
        guard !primitives.isEmpty else { return nil }
        if grid != nil { encoding.quantizedMeshes.insert(encoding.writtenMeshes) }
        encoding.writtenMeshes += 1
        return GLTFDocument.Mesh(name: mesh.name.isEmpty ? nil : mesh.name, primitives: primitives)
    }

    /// `grid`: the scene-wide position grid when this primitive's mesh is position-quantized.
    mutating func writePrimitive(_ p: Primitive, grid: PositionGrid? = nil) -> GLTFDocument.Primitive {
        let material = p.material.flatMap { scene.materials.indices.contains($0) ? $0 : nil }
        let uvSets = p.texCoords.filter { $0.count == p.vertexCount }
        var streams = [positionStream(p.positions, grid: grid)]
        if p.normals.count == p.vertexCount { streams.append(normalStream(p.normals)) }
        for (set, uvs) in uvSets.enumerated() {
            let mode = encoding.quantize ? encoding.texCoords[TexCoordKey(material: material, set: set)] ?? .float : .float
            streams.append(texCoordStream(uvs, set: set, mode: mode))
        }
        if p.colors.count == p.vertexCount { streams.append(colorStream(p.colors)) }
        streams += skinStreams(p) // JOINTS_0 / WEIGHTS_0 share the vertex view (WriterState+Animation.swift)
        let attributes = writeStreams(streams, count: p.vertexCount)
        let indices = writeIndices(p.indices, vertexCount: p.vertexCount)
        let materialIndex = material.map { writeMaterial($0, uvSets: uvSets.count) }
        let targets = writeMorphTargets(p, grid: grid)
        return GLTFDocument.Primitive(attributes: attributes, indices: indices, material: materialIndex,
                                      targets: targets.isEmpty ? nil : targets)
    }

    // MARK: - Streams

    /// One vertex attribute as stored: `bytes` holds `count` elements of `stride` bytes.
    struct VertexStream {
        var attribute: String
        var bytes: [UInt8]
        var stride: Int
        var componentType: Int
        var normalized = false
        var type: String
        var min: [Double]?
        var max: [Double]?
        /// The EXT_meshopt_compression filter `bytes` already went through (they are its output).
        var filter: String?
        /// A stride larger than the element (padding) must be written as byteStride.
        var padded = false
    }

    func positionStream(_ positions: [SIMD3<Float>], grid: PositionGrid?) -> VertexStream {
        guard let grid else {
            let bounds = Bounds(points: positions)
            return VertexStream(attribute: "POSITION", bytes: BinaryChunk.floats(positions.flatMap { [$0.x, $0.y, $0.z] }), stride: 12,
                                componentType: GLTFConstant.float, type: "VEC3",
                                min: [bounds.min.x, bounds.min.y, bounds.min.z].map(Double.init),
                                max: [bounds.max.x, bounds.max.y, bounds.max.z].map(Double.init))
        }
        let q = positions.map(grid.quantize)
        let lo = q.reduce(SIMD3<UInt16>(repeating: .max)) { pointwiseMin($0, $1) }
        let hi = q.reduce(SIMD3<UInt16>(repeating: 0)) { pointwiseMax($0, $1) }
        // 6-byte elements padded to 8: vertex elements start 4-byte aligned.
        return VertexStream(attribute: "POSITION", bytes: BinaryChunk.integers(q.flatMap { [$0.x, $0.y, $0.z] }, components: 3, stride: 8),
                            stride: 8, componentType: GLTFConstant.unsignedShort, type: "VEC3",
                            min: [lo.x, lo.y, lo.z].map(Double.init), max: [hi.x, hi.y, hi.z].map(Double.init), padded: true)
    }

    func normalStream(_ normals: [SIMD3<Float>]) -> VertexStream {
        guard encoding.quantize else {
            return VertexStream(attribute: "NORMAL", bytes: BinaryChunk.floats(normals.flatMap { [$0.x, $0.y, $0.z] }), stride: 12,
                                componentType: GLTFConstant.float, type: "VEC3")
        }
        let unit = normals.map { n -> SIMD3<Float> in
            let finite = SIMD3(n.x.isFinite ? n.x : 0, n.y.isFinite ? n.y : 0, n.z.isFinite ? n.z : 0)
            let length = (finite * finite).sum().squareRoot()
            return length > 0 ? finite / length : finite
        }
        var stream = VertexStream(attribute: "NORMAL", bytes: [], stride: 4, componentType: GLTFConstant.byte, normalized: true,
                                  type: "VEC3", padded: true)
        if encoding.compression == .meshopt,
           let oct = try? MeshoptCodec.encodeFilterOct(unit.map { SIMD4($0, 0) }, stride: 4, bits: EncodingState.normalBits) {
            // Octahedral x/y compress far better than x/y/z; the decoder rebuilds BYTE xyz.
            stream.bytes = oct
            stream.filter = "OCTAHEDRAL"
        } else {
            let scale = Float((1 << (EncodingState.normalBits - 1)) - 1) // 127: BYTE normalized, c = round(f · 127)
            let q = unit.flatMap { [$0.x, $0.y, $0.z].map { Int8(($0 * scale).rounded()) } }
            stream.bytes = BinaryChunk.integers(q, components: 3, stride: 4)
        }
        return stream
    }

    func texCoordStream(_ uvs: [SIMD2<Float>], set: Int, mode: TexCoordEncoding) -> VertexStream {
        let name = "TEXCOORD_\(set)"
        let steps = Double((1 << EncodingState.texCoordBits) - 1) // 4095
        func clamp(_ x: Double) -> UInt16 { x.isFinite ? UInt16(Swift.max(0, Swift.min(65535, x.rounded()))) : 0 }
        let q: [UInt16]
        switch mode {
        case .float:
            return VertexStream(attribute: name, bytes: BinaryChunk.floats(uvs.flatMap { [$0.x, $0.y] }), stride: 8,
                                componentType: GLTFConstant.float, type: "VEC2")
        case .unit:
            // Round to the 12-bit grid first (so deltas stay small and repeat), then spread it
            // over the 16-bit normalized range, so no texture transform is needed.
            q = uvs.flatMap { [$0.x, $0.y] }.map { clamp((Double($0) * steps).rounded() * 65535 / steps) }
        case let .grid(offset, extent):
            q = uvs.flatMap { uv in
                [clamp(Double(uv.x - offset.x) / Double(extent.x) * steps), clamp(Double(uv.y - offset.y) / Double(extent.y) * steps)]
            }
        }
        // UNSIGNED_SHORT normalized VEC2 is a core TEXCOORD format: no quantization extension.
        return VertexStream(attribute: name, bytes: BinaryChunk.integers(q, components: 2, stride: 4), stride: 4,
                            componentType: GLTFConstant.unsignedShort, normalized: true, type: "VEC2")
    }

    func colorStream(_ colors: [SIMD4<Float>]) -> VertexStream {
        let inRange = colors.allSatisfy { c in [c.x, c.y, c.z, c.w].allSatisfy { $0 >= 0 && $0 <= 1 } } // NaN fails too
        guard encoding.quantize, inRange else {
            return VertexStream(attribute: "COLOR_0", bytes: BinaryChunk.floats(colors.flatMap { [$0.x, $0.y, $0.z, $0.w] }), stride: 16,
                                componentType: GLTFConstant.float, type: "VEC4")
        }
        let scale = Float((1 << EncodingState.colorBits) - 1)
        let q = colors.flatMap { [$0.x, $0.y, $0.z, $0.w].map { UInt8(($0 * scale).rounded()) } }
        return VertexStream(attribute: "COLOR_0", bytes: q, stride: 4, componentType: GLTFConstant.unsignedByte, normalized: true, type: "VEC4")
    }

    // MARK: - Views and accessors

    /// Pools the streams (one slot each, or interleaved when asked) and returns the attributes.
    mutating func writeStreams(_ streams: [VertexStream], count: Int) -> [String: Int] {
        var attributes: [String: Int] = [:]
        var alone = streams
        if encoding.interleave {
            // Normals stay alone in every mode (OCTAHEDRAL needs a view of their own under meshopt),
            // so quantize-only and meshopt files share one layout and differ only in encoding.
            let shared = streams.filter { $0.filter == nil && $0.attribute != "NORMAL" }
            let stride = shared.reduce(0) { $0 + $1.stride }
            if shared.count > 1, stride <= 252 {
                alone = streams.filter { $0.filter != nil || $0.attribute == "NORMAL" }
                var bytes = [UInt8](repeating: 0, count: count * stride)
                var offset = 0
                for stream in shared {
                    for element in 0..<count {
                        bytes.replaceSubrange(element * stride + offset..<element * stride + offset + stream.stride,
                                              with: stream.bytes[element * stream.stride..<(element + 1) * stream.stride])
                    }
                    offset += stream.stride
                }
                let slot = geometry.addVertices(bytes, count: count, stride: stride, filter: nil, padded: true)
                offset = 0
                for stream in shared {
                    attributes[stream.attribute] = appendAccessor(stream, slot: slot, offset: offset, count: count)
                    offset += stream.stride
                }
            }
        }
        for stream in alone {
            let slot = geometry.addVertices(stream.bytes, count: count, stride: stream.stride, filter: stream.filter, padded: stream.padded)
            attributes[stream.attribute] = appendAccessor(stream, slot: slot, offset: 0, count: count)
        }
        return attributes
    }

    /// An accessor for `stream`, reading `offset` bytes into each element of `slot`; its view is
    /// filled in when the pools are written (`writeGeometryViews`).
    mutating func appendAccessor(_ stream: VertexStream, slot: GeometryPools.Slot, offset: Int, count: Int) -> Int {
        if stream.componentType == GLTFConstant.byte || stream.componentType == GLTFConstant.short
            || (stream.attribute == "POSITION" && stream.componentType != GLTFConstant.float) {
            encoding.extensions.insert(GLTFConstant.khrQuantization)
        }
        accessors.append(.init(bufferView: -1, componentType: stream.componentType,
                               normalized: stream.normalized ? true : nil, count: count, type: stream.type,
                               min: stream.min, max: stream.max))
        geometry.attach(accessor: accessors.count - 1, to: slot, offset: offset)
        return accessors.count - 1
    }

    /// 16-bit indices whenever they fit (65535 stays unused: primitive restart value).
    mutating func writeIndices(_ indices: [UInt32], vertexCount: Int) -> Int {
        let small = vertexCount <= 65535
        let slot = geometry.addIndices(indices, vertexCount: vertexCount, size: small ? 2 : 4)
        accessors.append(.init(bufferView: -1, componentType: small ? GLTFConstant.unsignedShort : GLTFConstant.unsignedInt,
                               count: indices.count, type: "SCALAR"))
        geometry.attach(accessor: accessors.count - 1, to: slot)
        return accessors.count - 1
    }

    /// Writes each geometry pool as one view and points its accessors at their slices:
    /// meshopt-encoded when compression is on (mode ATTRIBUTES for vertices, TRIANGLES for
    /// triangle lists, INDICES otherwise), plain otherwise.
    mutating func writeGeometryViews() {
        for pool in geometry.pools {
            let view: Int
            switch pool.layout {
            case let .vertices(stride, filter):
                view = appendVertexView(pool.bytes, count: pool.count, stride: stride, filter: filter,
                                        strided: pool.padded || pool.members.count > 1)
            case let .indices(size, triangles):
                view = appendIndexView(pool.indices, vertexCount: pool.vertexCount, size: size, triangles: triangles)
            }
            for (accessor, offset) in pool.members {
                accessors[accessor].bufferView = view
                accessors[accessor].byteOffset = offset == 0 ? nil : offset
            }
        }
    }

    /// A vertex view: meshopt-encoded (mode ATTRIBUTES) when compression is on, plain otherwise.
    /// `strided`: write byteStride on a plain view (padded or shared elements need it).
    private mutating func appendVertexView(_ bytes: [UInt8], count: Int, stride: Int, filter: String?, strided: Bool) -> Int {
        if encoding.compression == .meshopt, count > 0, stride % 4 == 0, stride <= 252 {
            do {
                let encoded = try MeshoptCodec.encodeVertexBuffer(bytes, count: count, stride: stride)
                encoding.extensions.insert(GLTFConstant.extMeshopt)
                return bin.appendCompressedView(encoded, count: count, stride: stride, mode: "ATTRIBUTES", filter: filter,
                                                target: GLTFConstant.arrayBuffer, byteStride: stride)
            } catch {
                encoding.failure = encoding.failure ?? "vertex stream: \(error)"
            }
        }
        return bin.appendView(bytes, target: GLTFConstant.arrayBuffer, byteStride: strided ? stride : nil)
    }

    private mutating func appendIndexView(_ indices: [UInt32], vertexCount: Int, size: Int, triangles: Bool) -> Int {
        if encoding.compression == .meshopt, !indices.isEmpty {
            do {
                let encoded = triangles ? try MeshoptCodec.encodeIndexBuffer(indices, vertexCount: vertexCount)
                                        : try MeshoptCodec.encodeIndexSequence(indices, vertexCount: vertexCount)
                encoding.extensions.insert(GLTFConstant.extMeshopt)
                return bin.appendCompressedView(encoded, count: indices.count, stride: size, mode: triangles ? "TRIANGLES" : "INDICES",
                                                filter: nil, target: GLTFConstant.elementArrayBuffer, byteStride: nil)
            } catch {
                encoding.failure = encoding.failure ?? "indices: \(error)"
            }
        }
        return bin.appendView(size == 2 ? BinaryChunk.uint16s(indices) : BinaryChunk.uint32s(indices),
                              target: GLTFConstant.elementArrayBuffer)
    }
}
