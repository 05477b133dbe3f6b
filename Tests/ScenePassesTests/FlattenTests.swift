import SceneModel
import ScenePasses
import XCTest

final class FlattenTests: XCTestCase {
    private let triangle = Primitive(positions: [SIMD3(0, 0, 0), SIMD3(1, 0, 0), SIMD3(0, 1, 0)],
                                     normals: Array(repeating: SIMD3(0, 0, 1), count: 3), indices: [0, 1, 2], material: 0)

    private func rotation() -> Transform {
        // 90° about Z.
        Transform(columns: [SIMD4(0, 1, 0, 0), SIMD4(-1, 0, 0, 0), SIMD4(0, 0, 1, 0), SIMD4(0, 0, 0, 1)])
    }

    func testBakesTransformsIncludingMirroredAndNonUniform() throws {
        var slanted = triangle
        slanted.normals = Array(repeating: SIMD3<Float>(1, 1, 0) / (2 as Float).squareRoot(), count: 3)
        var scene = Scene(
            nodes: [Node(name: "house", transform: .translation(SIMD3(10, 0, 0)), children: [1, 2, 3]),
                    Node(name: "mirrored", transform: .scale(SIMD3(-1, 1, 1)), mesh: 0),
                    Node(name: "door", transform: rotation(), mesh: 1),
                    Node(name: "stretched", transform: .scale(SIMD3(2, 1, 1)), mesh: 2)],
            roots: [0], meshes: [Mesh(primitives: [triangle]), Mesh(primitives: [triangle]), Mesh(primitives: [slanted])],
            materials: [Material()],
            animations: [Animation(name: "open", channels: [AnimationChannel(node: 2, path: .rotation, times: [0, 1], values: [0, 0, 0, 1, 0, 0, 0.7071, 0.7071])])])
        try flatten(&scene, .default)
        XCTAssertEqual(scene.roots, [4])
        XCTAssertEqual(scene.nodes[4].name, "house", "named for the model (its single root)")
        XCTAssertEqual(scene.nodes[4].children, [0])
        XCTAssertEqual(scene.nodes.map(\.mesh), [nil, nil, 1, nil, 3], "the animated door keeps its mesh")
        let baked = scene.meshes[3].primitives
        XCTAssertEqual(baked.count, 2)
        // Mirrored: x → 10 − x, winding reversed so the face still faces its normal.
        XCTAssertEqual(baked[0].positions, [SIMD3(10, 0, 0), SIMD3(9, 0, 0), SIMD3(10, 1, 0)])
        XCTAssertEqual(baked[0].indices, [0, 2, 1])
        XCTAssertEqual(baked[0].normals, Array(repeating: SIMD3(0, 0, 1), count: 3))
        let p = baked[0].positions, i = baked[0].indices.map(Int.init)
        let geometric = cross(p[i[1]] - p[i[0]], p[i[2]] - p[i[0]])
        XCTAssertGreaterThan((geometric * baked[0].normals[0]).sum(), 0)
        // Non-uniform: normals by the inverse transpose, (1, 1, 0) → (0.5, 1, 0) normalised.
        XCTAssertEqual(baked[1].positions, [SIMD3(10, 0, 0), SIMD3(12, 0, 0), SIMD3(10, 1, 0)])
        assertClose(baked[1].normals[0], SIMD3(0.5, 1, 0) / (1.25 as Float).squareRoot())
        XCTAssertEqual(baked[1].indices, [0, 1, 2])
        assertValid(scene)
        // World positions of what is drawn do not change.
        try prune(&scene, .default)
        XCTAssertEqual(scene.nodes.map(\.name), ["house", "door", "house"])
        assertValid(scene)
    }

    func testSkinnedMorphedAndJointGeometryStays() throws {
        var skinned = triangle
        skinned.joints = Array(repeating: SIMD4(0, 0, 0, 0), count: 3)
        skinned.weights = Array(repeating: SIMD4(1, 0, 0, 0), count: 3)
        var morphed = triangle
        morphed.targets = [MorphTarget(positions: Array(repeating: SIMD3(0, 0, 1), count: 3))]
        var scene = Scene(
            nodes: [Node(name: "root", children: [1, 2, 3]), Node(name: "body", mesh: 0, skin: 0), Node(name: "face", mesh: 1),
                    Node(name: "bone", transform: .translation(SIMD3(0, 1, 0)), mesh: 2)],
            roots: [0], meshes: [Mesh(primitives: [skinned]), Mesh(primitives: [morphed], morphWeights: [0]), Mesh(primitives: [triangle])],
            materials: [Material()], skins: [Skin(joints: [3], inverseBindMatrices: [.identity])])
        let before = scene
        try flatten(&scene, .default)
        XCTAssertEqual(scene, before, "nothing here may be baked")
    }

    func testInstancesMergeWhenSmallAndStayInstancedOtherwise() throws {
        let scene = Scene(nodes: [Node(name: "a", transform: .translation(SIMD3(1, 0, 0)), mesh: 0),
                                  Node(name: "b", transform: .translation(SIMD3(2, 0, 0)), mesh: 0)],
                          roots: [0, 1], meshes: [Mesh(primitives: [triangle])], materials: [Material()])
        var merged = scene
        try flatten(&merged, .default)
        XCTAssertEqual(merged.nodes[2].name, "model", "two roots: the generic name")
        XCTAssertEqual(merged.meshes[1].primitives.map { $0.positions[0] }, [SIMD3(1, 0, 0), SIMD3(2, 0, 0)])
        var instanced = scene
        try flatten(&instanced, FlattenOptions(instanceMergeLimit: 0))
        XCTAssertEqual(instanced, scene)
        var named = scene
        try flatten(&named, FlattenOptions(modelName: "đình làng", keepNamedNodes: true))
        XCTAssertEqual(named, scene, "-kn: named nodes keep their meshes")
    }
}

final class MergeByMaterialTests: XCTestCase {
    func testJoinsPrimitivesSharingAMaterialInFirstSeenOrder() throws {
        let a = Primitive(positions: [SIMD3(0, 0, 0), SIMD3(1, 0, 0), SIMD3(0, 1, 0)], colors: Array(repeating: SIMD4(1, 0, 0, 1), count: 3),
                          indices: [0, 1, 2], material: 0)
        let b = Primitive(positions: [SIMD3(5, 0, 0), SIMD3(6, 0, 0), SIMD3(5, 1, 0)], indices: [0, 1, 2], material: 1)
        let c = Primitive(positions: [SIMD3(0, 0, 1), SIMD3(1, 0, 1), SIMD3(0, 1, 1), SIMD3(1, 1, 1)], indices: [0, 1, 2, 2, 1, 3], material: 0)
        var scene = Shapes.singleMeshScene([a, b, c], materials: [Material(name: "red"), Material(name: "blue")])
        try mergeByMaterial(&scene, .default)
        let out = scene.meshes[0].primitives
        XCTAssertEqual(out.map(\.material), [0, 1])
        XCTAssertEqual(out[0].positions, a.positions + c.positions)
        XCTAssertEqual(out[0].indices, [0, 1, 2, 3, 4, 5, 5, 4, 6])
        XCTAssertEqual(out[0].colors, Array(repeating: SIMD4(1, 0, 0, 1), count: 3) + Array(repeating: SIMD4(1, 1, 1, 1), count: 4))
        XCTAssertEqual(out[1], b)
        assertValid(scene)
    }

    func testDifferentLayoutsStayApart() throws {
        let a = Primitive(positions: [SIMD3(0, 0, 0), SIMD3(1, 0, 0), SIMD3(0, 1, 0)], indices: [0, 1, 2], material: 0)
        var b = a
        b.normals = Array(repeating: SIMD3(0, 0, 1), count: 3)
        var scene = Shapes.singleMeshScene([a, b], materials: [Material()])
        try mergeByMaterial(&scene, .default)
        XCTAssertEqual(scene.meshes[0].primitives.count, 2)
    }
}

private func cross(_ a: SIMD3<Float>, _ b: SIMD3<Float>) -> SIMD3<Float> {
    SIMD3(a.y * b.z - a.z * b.y, a.z * b.x - a.x * b.z, a.x * b.y - a.y * b.x)
}
