import Foundation
@testable import SceneImport
import SceneModel
import TestSupport
import XCTest

/// Skins, morph targets and animations read through assimp into the Scene.
final class AnimationImportTests: XCTestCase {
    // MARK: - Corpus

    func load(_ path: String) throws -> SceneImporter.Result {
        guard let corpus = Corpus.locate() else { throw XCTSkip(Corpus.missingMessage) }
        return try SceneImporter.importFile(at: corpus.root.appendingPathComponent(path), options: .init(displayName: path))
    }

    func testCesiumManKeepsItsSkinAndClip() throws {
        let result = try load("gltf/CesiumMan/CesiumMan.gltf")
        let scene = result.scene
        XCTAssertEqual(scene.skins.map(\.joints.count), [19])
        XCTAssertEqual(scene.skins[0].inverseBindMatrices.count, 19)
        XCTAssertEqual(scene.animations.count, 1)
        // 19 joints, each keyed in translation, rotation and scale.
        XCTAssertEqual(scene.animations[0].channels.count, 57)
        XCTAssertEqual(scene.animations[0].duration, 2, accuracy: 0.01)
        XCTAssertEqual(scene.nodes.filter { $0.skin == 0 }.count, 1)
        XCTAssertEqual(result.warnings, [])
        try assertConsistent(scene)
    }

    func testAnimatedMorphCubeKeepsTargetsAndWeightAnimation() throws {
        let scene = try load("gltf/AnimatedMorphCube/AnimatedMorphCube.gltf").scene
        let mesh = try XCTUnwrap(scene.meshes.first)
        XCTAssertEqual(mesh.primitives.map(\.targets.count), [2])
        XCTAssertEqual(mesh.morphWeights, [0, 0])
        let channel = try XCTUnwrap(scene.animations.first?.channels.first)
        XCTAssertEqual(scene.animations[0].channels.count, 1)
        XCTAssertEqual(channel.path, .weights)
        XCTAssertEqual(channel.values.count, channel.times.count * 2)
        // The cube's targets move vertices: the deltas are not all zero.
        XCTAssertTrue(mesh.primitives[0].targets[0].positions.contains { $0 != .zero })
        try assertConsistent(scene)
    }

    func testFBXColladaAndXSkinsAndClips() throws {
        // (file, joints per skin, channels per animation)
        let expectations: [(String, [Int], [Int])] = [
            ("fbx/huesitos.fbx", [9], [30]),
            ("dae/box_nested_animation.dae", [1], [3]),
            // Two of the four bones name frames the file does not have (joint3, joint4);
            // the rest bind, plus the mesh node for vertices left without weight.
            ("x/anim_test.x", [3], [12]),
        ]
        for (path, joints, channels) in expectations {
            let result = try load(path)
            XCTAssertEqual(result.scene.skins.map(\.joints.count), joints, path)
            XCTAssertEqual(result.scene.animations.map(\.channels.count), channels, path)
            try assertConsistent(result.scene, path)
        }
        let x = try load("x/anim_test.x")
        XCTAssertTrue(x.warnings.contains { $0.message.contains("'joint3'") }, "\(x.warnings)")
    }

    /// What every importer output must satisfy for the writer (and glTF) to accept it.
    func assertConsistent(_ scene: Scene, _ label: String = "", file: StaticString = #filePath, line: UInt = #line) throws {
        for (n, node) in scene.nodes.enumerated() {
            guard let skin = node.skin else { continue }
            let joints = scene.skins[skin].joints.count
            for p in scene.meshes[try XCTUnwrap(node.mesh)].primitives {
                XCTAssertEqual(p.joints.count, p.vertexCount, label, file: file, line: line)
                XCTAssertEqual(p.weights.count, p.vertexCount, label, file: file, line: line)
                XCTAssertTrue(p.joints.allSatisfy { Int($0.max()) < joints }, "\(label) node \(n): joint index out of range", file: file, line: line)
                if let bad = p.weights.first(where: { abs($0.sum() - 1) > 1e-5 || $0.min() < 0 }) {
                    XCTFail("\(label): weights \(bad) do not sum to 1", file: file, line: line)
                }
            }
        }
        for animation in scene.animations {
            for channel in animation.channels {
                XCTAssertTrue(zip(channel.times, channel.times.dropFirst()).allSatisfy { $0 < $1 }, "\(label): times increase", file: file, line: line)
                XCTAssertGreaterThanOrEqual(channel.times.first ?? 0, 0, label, file: file, line: line)
                if channel.path == .rotation {
                    for q in stride(from: 0, to: channel.values.count, by: 4) {
                        let length = channel.values[q..<q + 4].map { $0 * $0 }.reduce(0, +).squareRoot()
                        XCTAssertEqual(length, 1, accuracy: 1e-4, label, file: file, line: line)
                    }
                }
            }
        }
    }

    // MARK: - In-code import, exact arrays

    /// root ─ hip ─ knee, and a mesh node under root whose three vertices are weighted
    /// (hip 1), (hip 0.25 + knee 0.25: renormalized to halves), and (nothing).
    func rawSkinnedImport() -> RawImport {
        var raw = RawImport()
        raw.nodes = [
            RawNode(name: "root", transform: .identity, meshes: [], children: [1, 3]),
            RawNode(name: "hip", transform: .translation(SIMD3(0, 1, 0)), meshes: [], children: [2]),
            RawNode(name: "knee", transform: .translation(SIMD3(0, 1, 0)), meshes: [], children: []),
            RawNode(name: "body", transform: .translation(SIMD3(5, 0, 0)), meshes: [0], children: []),
        ]
        var mesh = RawMesh(name: "body", materialIndex: 0)
        mesh.positions = [SIMD3(0, 0, 0), SIMD3(1, 0, 0), SIMD3(0, 2, 0)]
        mesh.indices = [0, 1, 2]
        mesh.bones = [
            RawBone(name: "hip", offset: .translation(SIMD3(0, -1, 0)), weights: [(0, 1), (1, 0.25)]),
            RawBone(name: "knee", offset: .translation(SIMD3(0, -2, 0)), weights: [(1, 0.25)]),
            RawBone(name: "missing", offset: .identity, weights: [(2, 1)]),
        ]
        mesh.morphTargets = [RawMorphTarget(name: "up", positionDeltas: [SIMD3(0, 0, 1), .zero, SIMD3(0, 0, -1)], normalDeltas: [], weight: 0.5)]
        raw.meshes = [mesh]
        var clip = RawAnimation(name: "bend")
        var knee = RawNodeChannel(nodeName: "knee")
        // Out of order, a repeated time, and a quaternion that is not unit length.
        knee.rotations = [RawKey(time: 1, value: SIMD4(0, 0, 2, 0)), RawKey(time: 0, value: SIMD4(0, 0, 0, 1)),
                          RawKey(time: 1, value: SIMD4(1, 0, 0, 0))]
        clip.nodeChannels = [knee, RawNodeChannel(nodeName: "ghost", translations: [RawKey(time: 0, value: .zero)])]
        clip.morphChannels = [RawMorphChannel(name: "body", keys: [
            .init(time: 0, weights: [(0, 0)]), .init(time: 0.5, weights: [(0, 1), (7, 3)]),
        ])]
        raw.animations = [clip]
        return raw
    }

    func testSkinTargetsAndClipAreBuiltExactly() throws {
        let temp = try TemporaryDirectory("anim-import")
        defer { temp.remove() }
        let textures = TextureLoader(modelURL: temp.url.appendingPathComponent("x.obj"), root: temp.url, embedded: [])
        var builder = SceneBuilder(raw: rawSkinnedImport(), textures: textures, file: "x.obj", format: "obj")
        let scene = builder.build()

        XCTAssertEqual(scene.nodes[3].skin, 0)
        XCTAssertEqual(scene.skins.count, 1)
        let skin = scene.skins[0]
        // hip, knee, then the mesh node itself for the vertex without weights.
        XCTAssertEqual(skin.joints, [1, 2, 3])
        XCTAssertEqual(skin.inverseBindMatrices, [.translation(SIMD3(0, -1, 0)), .translation(SIMD3(0, -2, 0)), .identity])
        XCTAssertEqual(skin.skeleton, 0)

        let p = try XCTUnwrap(scene.meshes.first?.primitives.first)
        XCTAssertEqual(p.joints, [SIMD4(0, 0, 0, 0), SIMD4(0, 1, 0, 0), SIMD4(2, 0, 0, 0)])
        XCTAssertEqual(p.weights, [SIMD4(1, 0, 0, 0), SIMD4(0.5, 0.5, 0, 0), SIMD4(1, 0, 0, 0)])
        XCTAssertEqual(p.targets.map(\.positions), [[SIMD3(0, 0, 1), .zero, SIMD3(0, 0, -1)]])
        XCTAssertEqual(scene.meshes[0].morphWeights, [0.5])

        let clip = try XCTUnwrap(scene.animations.first)
        XCTAssertEqual(clip.channels, [
            AnimationChannel(node: 2, path: .rotation, times: [0, 1], values: [0, 0, 0, 1, 0, 0, 1, 0]),
            AnimationChannel(node: 3, path: .weights, times: [0, 0.5], values: [0, 1]),
        ])
        XCTAssertTrue(builder.warnings.contains { $0.message.contains("'missing'") }, "\(builder.warnings)")
        XCTAssertTrue(builder.warnings.contains { $0.message.contains("'ghost'") }, "\(builder.warnings)")
    }

    func testStrongestFourKeepsTheLargestAndSumsToOne() throws {
        let (joints, weights) = try XCTUnwrap(BoneBinding.strongestFour([(5, 0.1), (1, 0.3), (2, 0.3), (3, 0.2), (4, 0.1), (1, 0.1)]))
        // Joint 1 is listed twice (0.4 in all); the two 0.1s tie and the lower joint index wins.
        XCTAssertEqual(joints, SIMD4(1, 2, 3, 4))
        XCTAssertEqual(weights.sum(), 1, accuracy: 1e-7)
        XCTAssertEqual(weights[1], 0.3 / 1.0, accuracy: 1e-6)
        XCTAssertNil(BoneBinding.strongestFour([(0, 0)]))
    }

    func testNegativeClipStartIsShiftedToZero() throws {
        var raw = rawSkinnedImport()
        raw.animations[0].nodeChannels[0].rotations = [RawKey(time: -0.5, value: SIMD4(0, 0, 0, 1)), RawKey(time: 0.5, value: SIMD4(0, 0, 0, 1))]
        raw.animations[0].morphChannels = []
        let temp = try TemporaryDirectory("anim-import")
        defer { temp.remove() }
        var builder = SceneBuilder(raw: raw, textures: TextureLoader(modelURL: temp.url, root: temp.url, embedded: []), file: "x", format: "obj")
        XCTAssertEqual(builder.build().animations.first?.channels.first?.times, [0, 1])
    }
}
