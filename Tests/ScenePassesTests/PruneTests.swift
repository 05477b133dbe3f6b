import SceneModel
import ScenePasses
import XCTest

final class PruneTests: XCTestCase {
    private func triangle(material: Int?, skinned: Bool = false) -> Primitive {
        var primitive = Primitive(positions: [SIMD3(0, 0, 0), SIMD3(1, 0, 0), SIMD3(0, 1, 0)],
                                  normals: Array(repeating: SIMD3(0, 0, 1), count: 3),
                                  texCoords: [[SIMD2(0, 0), SIMD2(1, 0), SIMD2(0, 1)], [SIMD2(0, 0), SIMD2(2, 0), SIMD2(0, 2)]],
                                  colors: Array(repeating: SIMD4(1, 1, 1, 1), count: 3), indices: [0, 1, 2], material: material)
        if skinned {
            primitive.joints = Array(repeating: SIMD4(0, 0, 0, 0), count: 3)
            primitive.weights = Array(repeating: SIMD4(1, 0, 0, 0), count: 3)
        }
        return primitive
    }

    /// 0 root → [1 empty group → [4 empty leaf], 2 mesh, 3 animated, 5 skinned]; 6 an
    /// unreachable joint; 7 an unreachable animated orphan drawing mesh 0.
    private func scene() -> Scene {
        let nodes = [
            Node(name: "root", children: [1, 2, 3, 5]),
            Node(name: "group", children: [4]),
            Node(name: "mesh", mesh: 1),
            Node(name: "animated"),
            Node(name: "leaf"),
            Node(name: "skinned", mesh: 2, skin: 0),
            Node(name: "joint"),
            Node(name: "orphan", mesh: 0),
        ]
        let meshes = [Mesh(name: "unused", primitives: [triangle(material: 0)]),
                      Mesh(name: "used", primitives: [triangle(material: 1), Primitive(positions: [], indices: [])]),
                      Mesh(name: "skinned", primitives: [triangle(material: 2, skinned: true)])]
        let materials = [Material(name: "unused", baseColorTexture: TextureRef(image: 0)),
                         Material(name: "textured", baseColorTexture: TextureRef(image: 1)),
                         Material(name: "unlit", unlit: true)]
        let images = [Image(name: "unused", format: .png, data: [1]), Image(name: "used", format: .png, data: [2])]
        let animations = [Animation(name: "spin", channels: [AnimationChannel(node: 3, path: .rotation, times: [0], values: [0, 0, 0, 1])]),
                          Animation(name: "orphan", channels: [AnimationChannel(node: 7, path: .translation, times: [0], values: [0, 0, 0])])]
        return Scene(nodes: nodes, roots: [0], meshes: meshes, materials: materials, images: images,
                     skins: [Skin(name: "rig", joints: [6], inverseBindMatrices: [.identity], skeleton: 6)], animations: animations)
    }

    func testRenumbersEveryReference() throws {
        var pruned = scene()
        try prune(&pruned, .default)
        XCTAssertEqual(pruned.nodes.map(\.name), ["root", "mesh", "animated", "skinned", "joint"])
        XCTAssertEqual(pruned.roots, [0])
        XCTAssertEqual(pruned.nodes[0].children, [1, 2, 3])
        XCTAssertEqual(pruned.nodes.map(\.mesh), [nil, 0, nil, 1, nil])
        XCTAssertEqual(pruned.nodes.map(\.skin), [nil, nil, nil, 0, nil])
        XCTAssertEqual(pruned.meshes.map(\.name), ["used", "skinned"])
        XCTAssertEqual(pruned.meshes[0].primitives.count, 1, "the empty primitive goes")
        XCTAssertEqual(pruned.materials.map(\.name), ["textured", "unlit"])
        XCTAssertEqual(pruned.meshes.map { $0.primitives[0].material }, [0, 1])
        XCTAssertEqual(pruned.materials[0].baseColorTexture?.image, 0)
        XCTAssertEqual(pruned.images.map(\.name), ["used"])
        XCTAssertEqual(pruned.skins[0].joints, [4])
        XCTAssertEqual(pruned.skins[0].skeleton, 4)
        XCTAssertEqual(pruned.animations.map(\.name), ["spin"])
        XCTAssertEqual(pruned.animations[0].channels[0].node, 2)
        assertValid(pruned)
    }

    func testRemovesStreamsNothingReads() throws {
        var pruned = scene()
        try prune(&pruned, .default)
        let textured = pruned.meshes[0].primitives[0], unlit = pruned.meshes[1].primitives[0]
        XCTAssertEqual(textured.texCoords.count, 1, "the material reads only UV set 0")
        XCTAssertEqual(textured.colors, [], "all-white colours change nothing")
        XCTAssertEqual(textured.normals.count, 3)
        XCTAssertEqual(unlit.normals, [], "unlit shading ignores normals")
        XCTAssertEqual(unlit.texCoords.count, 0, "no texture, no UVs")
        XCTAssertEqual(unlit.joints.count, 3, "a skin binds this mesh")
    }

    func testKeepsColoursThatAreNotWhiteAndUnskinnedJointsGo() throws {
        var s = Shapes.singleMeshScene([triangle(material: nil, skinned: true)])
        s.meshes[0].primitives[0].colors[1] = SIMD4(1, 0.5, 1, 1)
        try prune(&s, .default)
        XCTAssertEqual(s.meshes[0].primitives[0].colors.count, 3)
        XCTAssertEqual(s.meshes[0].primitives[0].joints, [], "no node binds a skin to this mesh")
    }

    func testKeepNamedNodes() throws {
        var pruned = scene()
        try prune(&pruned, PruneOptions(keepNamedNodes: true))
        XCTAssertEqual(pruned.nodes.map(\.name), ["root", "group", "mesh", "animated", "leaf", "skinned", "joint"])
        XCTAssertEqual(pruned.nodes[1].children, [4])
        assertValid(pruned)
    }
}
