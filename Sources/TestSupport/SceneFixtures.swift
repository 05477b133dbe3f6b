import SceneModel

/// Small in-code scenes with known numbers, for writer and pass tests.
public enum SceneFixtures {
    /// A unit cube centred on the origin, 24 vertices (flat normals, UVs per face), 12 triangles.
    public static func cube(material: Int? = nil) -> Primitive {
        let faces: [(normal: SIMD3<Float>, u: SIMD3<Float>, v: SIMD3<Float>)] = [
            (SIMD3(1, 0, 0), SIMD3(0, 0, -1), SIMD3(0, 1, 0)), (SIMD3(-1, 0, 0), SIMD3(0, 0, 1), SIMD3(0, 1, 0)),
            (SIMD3(0, 1, 0), SIMD3(1, 0, 0), SIMD3(0, 0, -1)), (SIMD3(0, -1, 0), SIMD3(1, 0, 0), SIMD3(0, 0, 1)),
            (SIMD3(0, 0, 1), SIMD3(1, 0, 0), SIMD3(0, 1, 0)), (SIMD3(0, 0, -1), SIMD3(-1, 0, 0), SIMD3(0, 1, 0)),
        ]
        var positions: [SIMD3<Float>] = [], normals: [SIMD3<Float>] = [], uvs: [SIMD2<Float>] = [], indices: [UInt32] = []
        for face in faces {
            let base = UInt32(positions.count)
            for (su, sv) in [(-1, -1), (1, -1), (1, 1), (-1, 1)] as [(Float, Float)] {
                positions.append(face.normal * 0.5 + face.u * (su * 0.5) + face.v * (sv * 0.5))
                normals.append(face.normal)
                uvs.append(SIMD2((su + 1) / 2, (1 - sv) / 2))
            }
            indices += [base, base + 1, base + 2, base, base + 2, base + 3]
        }
        return Primitive(positions: positions, normals: normals, texCoords: [uvs], indices: indices, material: material)
    }

    /// One node with one cube, optionally textured with `image`.
    public static func cubeScene(image: Image? = nil) -> Scene {
        var material = Material(name: "cube", baseColorFactor: SIMD4(0.8, 0.2, 0.2, 1), metallicFactor: 0, roughnessFactor: 0.7)
        var images: [Image] = []
        if let image {
            images = [image]
            material.baseColorTexture = TextureRef(image: 0)
        }
        return Scene(nodes: [Node(name: "cube", mesh: 0)], roots: [0],
                     meshes: [Mesh(name: "cube", primitives: [cube(material: 0)])],
                     materials: [material], images: images)
    }
}
