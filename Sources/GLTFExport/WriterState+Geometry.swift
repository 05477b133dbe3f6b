import SceneModel

/// Vertex streams and indices: how each primitive's data is laid out in the BIN chunk.
extension WriterState {
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

}
