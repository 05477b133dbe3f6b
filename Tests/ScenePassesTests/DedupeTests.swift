import SceneModel
import ScenePasses
import XCTest

final class DedupeTests: XCTestCase {
    func testCollapsesIdenticalImagesMaterialsAndMeshes() throws {
        let tri = { (material: Int) in Primitive(positions: [SIMD3(0, 0, 0), SIMD3(1, 0, 0), SIMD3(0, 1, 0)], indices: [0, 1, 2], material: material) }
        var scene = Scene(
            nodes: [Node(name: "a", mesh: 0), Node(name: "b", mesh: 1), Node(name: "c", mesh: 2)], roots: [0, 1, 2],
            meshes: [Mesh(name: "m0", primitives: [tri(0)]), Mesh(name: "m1", primitives: [tri(1)]), Mesh(name: "m2", primitives: [tri(2)])],
            materials: [Material(name: "wood", baseColorTexture: TextureRef(image: 0)), Material(name: "wood.001", baseColorTexture: TextureRef(image: 1)),
                        Material(name: "stone", baseColorTexture: TextureRef(image: 2))],
            images: [Image(name: "w", format: .png, data: [1, 2, 3]), Image(name: "w copy", format: .png, data: [1, 2, 3]),
                     Image(name: "s", format: .png, data: [4, 5, 6])])
        try dedupe(&scene, .default)
        XCTAssertEqual(scene.images.map(\.name), ["w", "s"])
        XCTAssertEqual(scene.materials.map(\.name), ["wood", "stone"])
        XCTAssertEqual(scene.materials.map { $0.baseColorTexture?.image }, [0, 1])
        XCTAssertEqual(scene.meshes.map(\.name), ["m0", "m2"])
        XCTAssertEqual(scene.meshes.map { $0.primitives[0].material }, [0, 1])
        XCTAssertEqual(scene.nodes.map(\.mesh), [0, 0, 1])
        assertValid(scene)
    }

    func testKeepNamedMaterials() throws {
        var scene = Scene(nodes: [], roots: [], materials: [Material(name: "a"), Material(name: "b"), Material(name: "a")])
        try dedupe(&scene, DedupeOptions(keepNamedMaterials: true))
        XCTAssertEqual(scene.materials.map(\.name), ["a", "b"])
        try dedupe(&scene, .default)
        XCTAssertEqual(scene.materials.map(\.name), ["a"])
    }
}
