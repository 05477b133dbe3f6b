import SceneModel

/// One `Primitive` → one `Mesh` prim (triangles, vertex-interpolated primvars, bound material).
///
/// One prim per primitive rather than GeomSubsets: every prim then has a single direct binding,
/// the simplest shape for Quick Look and for the ARKit material-binding check.
enum USDMeshBuilder {
    /// The primvar name of a UV set: `st`, `st1`, `st2` …
    static func stName(set: Int) -> String { set == 0 ? "st" : "st\(set)" }

    /// nil when nothing drawable is left (no valid triangle).
    static func mesh(_ primitive: Primitive, morphWeights: [Float], name: String, material: USDPath?,
                     doubleSided: Bool, options: USDZOptions) -> USDPrim? {
        let count = primitive.positions.count
        var indices: [Int32] = []
        indices.reserveCapacity(primitive.indices.count)
        var t = 0
        while t + 2 < primitive.indices.count {
            let a = primitive.indices[t], b = primitive.indices[t + 1], c = primitive.indices[t + 2]
            t += 3
            // Out-of-range triangles are dropped rather than trapping or writing an invalid topology.
            guard Int(a) < count, Int(b) < count, Int(c) < count else { continue }
            indices += [Int32(a), Int32(b), Int32(c)]
        }
        guard !indices.isEmpty else { return nil }

        var positions = primitive.positions
        var normals = primitive.normals.count == count ? primitive.normals : []
        if options.bakeMorphWeights {
            for (target, weight) in zip(primitive.targets, morphWeights) where weight != 0 && weight.isFinite {
                if target.positions.count == count {
                    for i in 0..<count { positions[i] += target.positions[i] * weight }
                }
                if !normals.isEmpty, target.normals.count == count {
                    for i in 0..<count { normals[i] += target.normals[i] * weight }
                }
            }
        }
        positions = positions.map(finite)
        normals = normals.map { n in
            let f = finite(n)
            let length = (f * f).sum().squareRoot()
            return length > 0 ? f / length : SIMD3(0, 1, 0)
        }

        var bounds = Bounds(points: positions)
        if bounds.isEmpty { bounds = Bounds(min: .zero, max: .zero) }

        var attributes: [USDAttribute] = [
            USDAttribute(name: "extent", typeName: "float3[]", value: .float3Array([bounds.min, bounds.max])),
            USDAttribute(name: "faceVertexCounts", typeName: "int[]",
                         value: .intArray([Int32](repeating: 3, count: indices.count / 3))),
            USDAttribute(name: "faceVertexIndices", typeName: "int[]", value: .intArray(indices)),
            USDAttribute(name: "points", typeName: "point3f[]", value: .float3Array(positions)),
        ]
        if !normals.isEmpty {
            attributes.append(USDAttribute(name: "normals", typeName: "normal3f[]", value: .float3Array(normals),
                                           interpolation: "vertex"))
        }
        for (set, uvs) in primitive.texCoords.enumerated() where uvs.count == count {
            // glTF's UV origin is the image's top-left, USD's the bottom-left.
            let st = uvs.map { uv in finite(SIMD2(uv.x, 1 - uv.y)) }
            attributes.append(USDAttribute(name: "primvars:" + stName(set: set), typeName: "texCoord2f[]",
                                           value: .float2Array(st), interpolation: "vertex"))
        }
        if options.writeVertexColors, primitive.colors.count == count {
            let colors = primitive.colors.map { c in finite(SIMD3(c.x, c.y, c.z)) }
            attributes.append(USDAttribute(name: "primvars:displayColor", typeName: "color3f[]",
                                           value: .float3Array(colors), interpolation: "vertex"))
        }
        if doubleSided {
            attributes.append(USDAttribute(name: "doubleSided", typeName: "bool", value: .bool(true), variability: .uniform))
        }
        attributes.append(USDAttribute(name: "subdivisionScheme", typeName: "token", value: .token("none"), variability: .uniform))

        var properties = attributes.map { USDProperty.attribute($0) }
        var schemas: [String] = []
        if let material {
            properties.append(.relationship(USDRelationship(name: "material:binding", targets: [material])))
            schemas.append("MaterialBindingAPI")
        }
        return USDPrim(name: name, typeName: "Mesh", apiSchemas: schemas, properties: properties)
    }
}
