import SceneModel
import ScenePasses
import TestSupport
import XCTest

final class PlacementTests: XCTestCase {
    /// A box 1 wide, 2 high, 3 deep, off centre.
    private func box() -> Scene {
        var cube = SceneFixtures.cube()
        cube.positions = cube.positions.map { $0 * SIMD3(1, 2, 3) + SIMD3(5, 7, -4) }
        return Scene(nodes: [Node(name: "box", mesh: 0)], roots: [0], meshes: [Mesh(primitives: [cube])])
    }

    func testScalesToHeightCentresAndGrounds() throws {
        var scene = box()
        let report = try place(&scene, PlacementOptions(height: 1.2))
        let b = visibleBounds(of: scene)
        XCTAssertEqual(b.min.y, 0, accuracy: 0.012)
        XCTAssertEqual(b.max.y, 1.2, accuracy: 0.012)
        XCTAssertEqual(b.center.x, 0, accuracy: 1e-5)
        XCTAssertEqual(b.center.z, 0, accuracy: 1e-5)
        XCTAssertEqual(report.scale, 0.6, accuracy: 1e-6)
        assertClose(report.size, SIMD3(0.6, 1.2, 1.8))
        assertClose(b.size, report.size)
        XCTAssertEqual(scene.meshes, box().meshes, "vertices are untouched: one root transform does it")
        XCTAssertEqual(scene.roots, [0], "the single still root takes the placement itself")
        XCTAssertEqual(scene.nodes.count, 1)
        XCTAssertEqual(scene.nodes[0].transform, report.transform)
        XCTAssertEqual("\(report)", "0.6 m wide × 1.2 m high × 1.8 m deep")
    }

    func testHeightWinsThenWidthThenLength() throws {
        var a = box(), b = box(), c = box()
        XCTAssertEqual(try place(&a, PlacementOptions(height: 4, width: 10, length: 10)).scale, 2, accuracy: 1e-6)
        XCTAssertEqual(try place(&b, PlacementOptions(width: 10, length: 10)).scale, 10, accuracy: 1e-6)
        XCTAssertEqual(try place(&c, PlacementOptions(length: 6)).scale, 2, accuracy: 1e-6)
    }

    func testZUpSourceStandsUp() throws {
        var scene = box()
        let report = try place(&scene, PlacementOptions(up: .z))
        assertClose(report.size, SIMD3(1, 3, 2), tolerance: 1e-5)
        let b = visibleBounds(of: scene)
        assertClose(b.size, SIMD3(1, 3, 2), tolerance: 1e-5)
        XCTAssertEqual(b.min.y, 0, accuracy: 1e-5)
        // (x, y, z) → (x, z, −y): the box's +Z face (z = 0.5) is now its top.
        let world = scene.worldTransforms()[0]
        let top = world.transformPoint(SIMD3(5, 7, -4 + 1.5))
        XCTAssertEqual(top.y, b.max.y, accuracy: 1e-5)
    }

    func testSourceUnitsWhenNoSizeIsGiven() throws {
        var scene = box()
        scene.source.metresPerUnit = 0.01
        let report = try place(&scene, .default)
        assertClose(report.size, SIMD3(0.01, 0.02, 0.03), tolerance: 1e-7)
        var ignored = box()
        ignored.source.metresPerUnit = 0.01
        XCTAssertEqual(try place(&ignored, PlacementOptions(useSourceUnits: false)).scale, 1)
    }

    func testAnimatedSceneKeepsItsNodes() throws {
        var scene = box()
        scene.animations = [Animation(channels: [AnimationChannel(node: 0, path: .translation, times: [0, 1], values: [0, 0, 0, 0, 1, 0])])]
        try place(&scene, PlacementOptions(height: 1))
        XCTAssertEqual(scene.animations[0].channels[0].node, 0, "animations still address the same node")
        XCTAssertEqual(scene.nodes[0], box().nodes[0], "an animated root would lose the placement to its keys")
        XCTAssertEqual(scene.roots, [1])
        XCTAssertEqual(scene.nodes[1].children, [0])
        assertValid(scene)
    }

    func testSeveralRootsGetOneParent() throws {
        var scene = box()
        scene.nodes.append(Node(name: "second", transform: .translation(SIMD3(0, 10, 0)), mesh: 0))
        scene.roots = [0, 1]
        let report = try place(&scene, PlacementOptions(height: 1))
        XCTAssertEqual(scene.roots, [2])
        XCTAssertEqual(scene.nodes[2].children, [0, 1])
        XCTAssertEqual(scene.nodes[2].transform, report.transform)
        XCTAssertEqual(scene.nodes[1].transform, .translation(SIMD3(0, 10, 0)))
        assertValid(scene)
    }

    func testTheRootsOwnTransformIsKeptUnderThePlacement() throws {
        var scene = box()
        scene.nodes[0].transform = .translation(SIMD3(0, 0, 1))
        let report = try place(&scene, PlacementOptions(height: 1))
        XCTAssertEqual(scene.nodes[0].transform, report.transform * .translation(SIMD3(0, 0, 1)))
        XCTAssertEqual(visibleBounds(of: scene).min.y, 0, accuracy: 1e-5)
        XCTAssertEqual(visibleBounds(of: scene).center.z, 0, accuracy: 1e-5)
    }

    func testFlatModelCannotTakeAHeight() {
        var scene = Scene(nodes: [Node(mesh: 0)], roots: [0],
                          meshes: [Mesh(primitives: [Primitive(positions: [SIMD3(0, 0, 0), SIMD3(1, 0, 0), SIMD3(0, 0, 1)], indices: [0, 1, 2])])])
        XCTAssertThrowsError(try place(&scene, PlacementOptions(height: 2)))
        XCTAssertNoThrow(try place(&scene, PlacementOptions(width: 2)))
    }
}
