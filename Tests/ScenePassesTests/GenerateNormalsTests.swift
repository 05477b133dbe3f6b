import SceneModel
import ScenePasses
import XCTest

final class GenerateNormalsTests: XCTestCase {
    /// The 8-corner cube with shared vertices and no normals, as an STL import gives it after welding.
    private func bareCube() -> Primitive {
        var positions: [SIMD3<Float>] = []
        for i in 0..<8 { positions.append(SIMD3(i & 1 == 0 ? -0.5 : 0.5, i & 2 == 0 ? -0.5 : 0.5, i & 4 == 0 ? -0.5 : 0.5)) }
        let quads: [[UInt32]] = [[0, 2, 3, 1], [4, 5, 7, 6], [0, 1, 5, 4], [2, 6, 7, 3], [0, 4, 6, 2], [1, 3, 7, 5]]
        let indices = quads.flatMap { [$0[0], $0[1], $0[2], $0[0], $0[2], $0[3]] }
        return Primitive(positions: positions, indices: indices)
    }

    func testHardEdgesStayHardBelowTheCreaseAngle() throws {
        var scene = Shapes.singleMeshScene([bareCube()])
        try generateNormals(&scene, .default)
        let out = scene.meshes[0].primitives[0]
        XCTAssertEqual(out.vertexCount, 24, "each corner splits into one vertex per face")
        XCTAssertEqual(out.triangleCount, 12)
        for t in 0..<out.triangleCount {
            let i = out.indices[3 * t..<3 * t + 3].map(Int.init)
            let face = cross(out.positions[i[1]] - out.positions[i[0]], out.positions[i[2]] - out.positions[i[0]])
            for k in i {
                XCTAssertEqual(out.normals[k], face / (face * face).sum().squareRoot(), "flat face normal on every corner")
                XCTAssertEqual((out.normals[k] * out.positions[k]).sum(), 0.5, accuracy: 1e-6, "points outwards")
            }
        }
        assertValid(scene)
    }

    func testSmoothAboveTheCreaseAngleAndOnlyWhereMissing() throws {
        var scene = Shapes.singleMeshScene([bareCube(), withNormals()])
        try generateNormals(&scene, GenerateNormalsOptions(creaseAngle: .pi))
        let out = scene.meshes[0].primitives[0]
        XCTAssertEqual(out.vertexCount, 8)
        for (p, n) in zip(out.positions, out.normals) {
            XCTAssertEqual((n * n).sum(), 1, accuracy: 1e-5)
            XCTAssertEqual(n.x.sign, p.x.sign)
            XCTAssertEqual(n.y.sign, p.y.sign)
            XCTAssertEqual(n.z.sign, p.z.sign)
        }
        XCTAssertEqual(scene.meshes[0].primitives[1], withNormals(), "existing normals are kept")
    }

    func testSmoothAcrossUVSeams() throws {
        // Two coplanar triangles whose shared edge is split by a UV seam: both sides get +Z.
        let p: [SIMD3<Float>] = [SIMD3(0, 0, 0), SIMD3(1, 0, 0), SIMD3(0, 1, 0), SIMD3(1, 0, 0), SIMD3(1, 1, 0.2), SIMD3(0, 1, 0)]
        let uv: [SIMD2<Float>] = [SIMD2(0, 0), SIMD2(1, 0), SIMD2(0, 1), SIMD2(5, 0), SIMD2(5, 5), SIMD2(0, 5)]
        var scene = Shapes.singleMeshScene([Primitive(positions: p, texCoords: [uv], indices: [0, 1, 2, 3, 4, 5])])
        try generateNormals(&scene, .default)
        let out = scene.meshes[0].primitives[0]
        XCTAssertEqual(out.vertexCount, 6, "seam vertices stay split by UV")
        XCTAssertEqual(out.normals[1], out.normals[3], "but share one smooth normal")
        XCTAssertEqual(out.normals[2], out.normals[5])
    }

    func testUnlitPrimitivesGetNone() throws {
        var scene = Shapes.singleMeshScene([bareCube()], materials: [Material(unlit: true)])
        scene.meshes[0].primitives[0].material = 0
        try generateNormals(&scene, .default)
        XCTAssertEqual(scene.meshes[0].primitives[0].normals, [])
    }
}

private func withNormals() -> Primitive {
    Primitive(positions: [SIMD3(0, 0, 0), SIMD3(1, 0, 0), SIMD3(0, 1, 0)], normals: Array(repeating: SIMD3(0, 0, 1), count: 3), indices: [0, 1, 2])
}

private func cross(_ a: SIMD3<Float>, _ b: SIMD3<Float>) -> SIMD3<Float> {
    SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
}
