import Foundation
import GLTFExport
import SceneImport
import SceneModel
import TestSupport
import XCTest

/// Skins, morph targets and animations: Scene → .glb (checked structurally) → assimp → Scene.
final class AnimationRoundTripTests: XCTestCase {
    // MARK: - A small scene with known bytes

    /// An unreachable node first (so written indices shift by one), then
    /// root ─ hip ─ knee and root ─ body (a skinned, morphed triangle), and a clip that moves
    /// hip and knee and the body's morph weight.
    static func skinnedScene() -> Scene {
        let triangle = Primitive(
            positions: [SIMD3(0, 0, 0), SIMD3(1, 0, 0), SIMD3(0, 2, 0)], indices: [0, 1, 2],
            joints: [SIMD4(0, 0, 0, 0), SIMD4(0, 1, 0, 0), SIMD4(1, 0, 0, 0)],
            weights: [SIMD4(1, 0, 0, 0), SIMD4(0.5, 0.5, 0, 0), SIMD4(1, 0, 0, 0)],
            targets: [MorphTarget(name: "up", positions: [SIMD3(0, 0, 1), .zero, SIMD3(0, 0, -1)])])
        return Scene(
            nodes: [
                Node(name: "orphan"),
                Node(name: "root", children: [2, 4]),
                Node(name: "hip", transform: .translation(SIMD3(0, 1, 0)), children: [3]),
                Node(name: "knee", transform: .translation(SIMD3(0, 1, 0))),
                Node(name: "body", mesh: 0, skin: 0),
            ],
            roots: [1],
            meshes: [Mesh(name: "body", primitives: [triangle], morphWeights: [0.5])],
            skins: [Skin(name: "legs", joints: [2, 3], inverseBindMatrices: [.translation(SIMD3(0, -1, 0)), .translation(SIMD3(0, -2, 0))], skeleton: 2)],
            animations: [Animation(name: "bend", channels: [
                AnimationChannel(node: 3, path: .rotation, times: [0, 1], values: [0, 0, 0, 1, 0, 0, 2, 0]),
                AnimationChannel(node: 2, path: .translation, times: [0, 1], values: [0, 1, 0, 0, 2, 0]),
                AnimationChannel(node: 4, path: .weights, times: [0, 0.5, 1], values: [0, 1, 0]),
            ])])
    }

    func testSkinnedSceneIsWrittenExactly() throws {
        let inspector = GLBInspector(try GLTFWriter.glb(Self.skinnedScene()))
        XCTAssertEqual(inspector.issues, [])
        let json = inspector.json
        let nodes = try XCTUnwrap(json["nodes"] as? [[String: Any]])
        XCTAssertEqual(nodes.map { $0["name"] as? String }, ["root", "hip", "knee", "body"])
        XCTAssertEqual(nodes[3]["skin"] as? Int, 0)
        XCTAssertNil(nodes[1]["matrix"])
        XCTAssertEqual(nodes[1]["translation"] as? [Double], [0, 1, 0])

        let skin = try XCTUnwrap((json["skins"] as? [[String: Any]])?.first)
        XCTAssertEqual(skin["joints"] as? [Int], [1, 2])
        XCTAssertEqual(skin["skeleton"] as? Int, 1)
        XCTAssertEqual(try data(inspector, skin["inverseBindMatrices"]),
                       [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, -1, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, -2, 0, 1])

        let mesh = try XCTUnwrap((json["meshes"] as? [[String: Any]])?.first)
        XCTAssertEqual(mesh["weights"] as? [Double], [0.5])
        let primitive = try XCTUnwrap((mesh["primitives"] as? [[String: Any]])?.first)
        let attributes = try XCTUnwrap(primitive["attributes"] as? [String: Int])
        let accessors = try XCTUnwrap(json["accessors"] as? [[String: Any]])
        XCTAssertEqual(accessors[try XCTUnwrap(attributes["JOINTS_0"])]["componentType"] as? Int, 5121, "under 256 joints: bytes")
        XCTAssertEqual(try data(inspector, attributes["JOINTS_0"]), [0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0])
        XCTAssertEqual(try data(inspector, attributes["WEIGHTS_0"]), [1, 0, 0, 0, 0.5, 0.5, 0, 0, 1, 0, 0, 0])
        let target = try XCTUnwrap((primitive["targets"] as? [[String: Int]])?.first)
        XCTAssertEqual(try data(inspector, target["POSITION"]), [0, 0, 1, 0, 0, 0, 0, 0, -1])
        XCTAssertEqual(accessors[try XCTUnwrap(target["POSITION"])]["min"] as? [Double], [0, 0, -1])
        XCTAssertEqual(accessors[try XCTUnwrap(target["POSITION"])]["max"] as? [Double], [0, 0, 1])

        let animation = try XCTUnwrap((json["animations"] as? [[String: Any]])?.first)
        XCTAssertEqual(animation["name"] as? String, "bend")
        let channels = try XCTUnwrap(animation["channels"] as? [[String: Any]])
        XCTAssertEqual(channels.map { ($0["target"] as? [String: Any])?["node"] as? Int }, [2, 1, 3])
        XCTAssertEqual(channels.map { ($0["target"] as? [String: Any])?["path"] as? String }, ["rotation", "translation", "weights"])
        let samplers = try XCTUnwrap(animation["samplers"] as? [[String: Any]])
        XCTAssertEqual(samplers[0]["input"] as? Int, samplers[1]["input"] as? Int, "equal key times share one input accessor")
        XCTAssertEqual(try data(inspector, samplers[0]["input"]), [0, 1])
        XCTAssertEqual(accessors[try XCTUnwrap(samplers[0]["input"] as? Int)]["max"] as? [Double], [1])
        XCTAssertEqual(try data(inspector, samplers[0]["output"]), [0, 0, 0, 1, 0, 0, 1, 0], "rotations are written unit length")
        XCTAssertEqual(try data(inspector, samplers[2]["output"]), [0, 1, 0])
        // Animation and inverse-bind-matrix views carry neither target nor stride.
        let views = try XCTUnwrap(json["bufferViews"] as? [[String: Any]])
        for index in [samplers[0]["input"], samplers[0]["output"], skin["inverseBindMatrices"]] {
            let view = views[try XCTUnwrap(accessors[try XCTUnwrap(index as? Int)]["bufferView"] as? Int)]
            XCTAssertNil(view["target"])
            XCTAssertNil(view["byteStride"])
        }
    }

    func testManyJointsUseUnsignedShort() throws {
        var scene = Self.skinnedScene()
        // 300 joints in a chain under root; the triangle's last vertex follows joint 299.
        let first = scene.nodes.count
        for i in 0..<300 { scene.nodes.append(Node(name: "j\(i)", children: i < 299 ? [first + i + 1] : [])) }
        scene.nodes[1].children.append(first)
        scene.skins[0] = Skin(joints: Array(first..<first + 300), inverseBindMatrices: Array(repeating: .identity, count: 300))
        scene.meshes[0].primitives[0].joints[2] = SIMD4(299, 0, 0, 0)
        scene.animations = []
        let inspector = GLBInspector(try GLTFWriter.glb(scene))
        XCTAssertEqual(inspector.issues, [])
        let attributes = try XCTUnwrap((((inspector.json["meshes"] as? [[String: Any]])?.first?["primitives"] as? [[String: Any]])?.first)?["attributes"] as? [String: Int])
        let joints = try XCTUnwrap((inspector.json["accessors"] as? [[String: Any]])?[try XCTUnwrap(attributes["JOINTS_0"])])
        XCTAssertEqual(joints["componentType"] as? Int, 5123)
        XCTAssertEqual(try data(inspector, attributes["JOINTS_0"]).suffix(4), [299, 0, 0, 0])
    }

    func testSkinWithAnUnwrittenJointFallsBackToTheBindPose() throws {
        var scene = Self.skinnedScene()
        scene.skins[0].joints = [2, 0] // node 0 is not reachable, so it is not written
        let inspector = GLBInspector(try GLTFWriter.glb(scene))
        XCTAssertEqual(inspector.issues, [])
        XCTAssertNil(inspector.json["skins"])
        let nodes = try XCTUnwrap(inspector.json["nodes"] as? [[String: Any]])
        XCTAssertNil(nodes[3]["skin"])
        let attributes = try XCTUnwrap((((inspector.json["meshes"] as? [[String: Any]])?.first?["primitives"] as? [[String: Any]])?.first)?["attributes"] as? [String: Int])
        XCTAssertNil(attributes["JOINTS_0"])
        XCTAssertNil(attributes["WEIGHTS_0"])
        XCTAssertEqual((inspector.json["animations"] as? [Any])?.count, 1, "the clip still plays")
    }

    func testBrokenKeysAndShearedAnimatedNodesAreWrittenValidly() throws {
        var scene = Self.skinnedScene()
        scene.nodes[2].transform = Transform(columns: [SIMD4(1, 0, 0, 0), SIMD4(0.5, 1, 0, 0), SIMD4(0, 0, 1, 0), SIMD4(0, 1, 0, 1)])
        scene.animations[0].channels[1] = AnimationChannel(node: 2, path: .translation, times: [0, 0, .nan, 2, 1],
                                                           values: [0, 1, 0, 9, 9, 9, 8, 8, 8, 0, 2, 0, 7, 7, 7])
        scene.animations[0].channels.append(AnimationChannel(node: 2, path: .translation, times: [0], values: [1, 1, 1]))
        scene.animations[0].channels.append(AnimationChannel(node: 0, path: .scale, times: [0], values: [1, 1, 1]))
        scene.animations.append(Animation(name: "empty"))
        let inspector = GLBInspector(try GLTFWriter.glb(scene))
        XCTAssertEqual(inspector.issues, [])
        let nodes = try XCTUnwrap(inspector.json["nodes"] as? [[String: Any]])
        XCTAssertNil(nodes[1]["matrix"], "an animated node is written as TRS even when sheared")
        let animations = try XCTUnwrap(inspector.json["animations"] as? [[String: Any]])
        XCTAssertEqual(animations.count, 1, "a clip with no channel is left out")
        let channels = try XCTUnwrap(animations[0]["channels"] as? [[String: Any]])
        XCTAssertEqual(channels.count, 3, "the duplicate target and the unwritten node are left out")
        let samplers = try XCTUnwrap(animations[0]["samplers"] as? [[String: Any]])
        XCTAssertEqual(try data(inspector, samplers[1]["input"]), [0, 2])
        XCTAssertEqual(try data(inspector, samplers[1]["output"]), [0, 1, 0, 0, 2, 0])
    }

    func testQuantizedWritesStoreWeightsAsBytesSummingTo255() throws {
        let inspector = GLBInspector(try GLTFWriter.glb(Self.skinnedScene(), options: .init(quantize: true)))
        XCTAssertEqual(inspector.issues, [])
        let attributes = try XCTUnwrap((((inspector.json["meshes"] as? [[String: Any]])?.first?["primitives"] as? [[String: Any]])?.first)?["attributes"] as? [String: Int])
        let weights = try XCTUnwrap((inspector.json["accessors"] as? [[String: Any]])?[try XCTUnwrap(attributes["WEIGHTS_0"])])
        XCTAssertEqual(weights["componentType"] as? Int, 5121)
        XCTAssertEqual(weights["normalized"] as? Bool, true)
        // 0.5 and 0.5 round to 128 each; the extra unit comes off the first (largest) slot.
        // Read through the accessor's stride: quantized, the weights share the interleaved vertex view.
        let bytes = try XCTUnwrap(inspector.floats(ofAccessor: try XCTUnwrap(attributes["WEIGHTS_0"]))).map { ($0 * 255).rounded() }
        XCTAssertEqual(bytes, [255, 0, 0, 0, 127, 128, 0, 0, 255, 0, 0, 0])
    }

    func testOutputIsDeterministic() throws {
        XCTAssertEqual(try GLTFWriter.glb(Self.skinnedScene()), try GLTFWriter.glb(Self.skinnedScene()))
    }

    // MARK: - Corpus round trip

    func testAnimatedCorpusModelsRoundTrip() throws {
        guard let corpus = Corpus.locate() else { throw XCTSkip(Corpus.missingMessage) }
        let temp = try TemporaryDirectory("anim-roundtrip")
        defer { temp.remove() }
        // (file, joints per skin, channels per animation, morph targets per primitive)
        let models: [(String, [Int], [Int], [Int])] = [
            ("gltf/CesiumMan/CesiumMan.gltf", [19], [57], [0]),
            ("gltf/AnimatedMorphCube/AnimatedMorphCube.gltf", [], [1], [2]),
            ("fbx/huesitos.fbx", [9], [30], [0]),
            ("x/anim_test.x", [3], [12], [0]),
            ("dae/box_nested_animation.dae", [1], [3], [0]),
        ]
        for (index, (path, joints, channels, targets)) in models.enumerated() {
            let source = try SceneImporter.importFile(at: corpus.root.appendingPathComponent(path)).scene
            XCTAssertEqual(source.skins.map(\.joints.count), joints, path)
            XCTAssertEqual(source.animations.map(\.channels.count), channels, path)
            XCTAssertEqual(source.meshes.flatMap { $0.primitives.map(\.targets.count) }, targets, path)

            let glb = try GLTFWriter.glb(source)
            let inspector = GLBInspector(glb)
            XCTAssertEqual(inspector.issues, [], path)
            XCTAssertEqual((inspector.json["skins"] as? [Any])?.count ?? 0, joints.count, path)
            XCTAssertEqual((inspector.json["animations"] as? [Any])?.count ?? 0, channels.count, path)

            let output = temp.url.appendingPathComponent("\(index).glb")
            try Data(glb).write(to: output)
            let reread = try SceneImporter.importFile(at: output).scene
            XCTAssertEqual(reread.skins.map(\.joints.count), joints, "\(path): joints after re-import")
            XCTAssertEqual(reread.animations.map(\.channels.count), channels, "\(path): channels after re-import")
            XCTAssertEqual(reread.meshes.flatMap { $0.primitives.map(\.targets.count) }, targets, "\(path): targets after re-import")
            XCTAssertEqual(reread.drawnTriangleCount, source.drawnTriangleCount, "\(path): triangles after re-import")
            XCTAssertEqual(reread.animations.map(\.duration).map { ($0 * 100).rounded() }, source.animations.map(\.duration).map { ($0 * 100).rounded() },
                           "\(path): clip length")
        }
    }

    // MARK: - Helpers

    /// An accessor's values as the inspector decoded them (raw integers for integer types).
    func data(_ inspector: GLBInspector, _ index: Any?, file: StaticString = #filePath, line: UInt = #line) throws -> [Double] {
        let accessors = try XCTUnwrap(inspector.json["accessors"] as? [[String: Any]], file: file, line: line)
        let accessor = accessors[try XCTUnwrap(index as? Int, file: file, line: line)]
        let view = (try XCTUnwrap(inspector.json["bufferViews"] as? [[String: Any]]))[try XCTUnwrap(accessor["bufferView"] as? Int)]
        let start = (view["byteOffset"] as? Int ?? 0) + (accessor["byteOffset"] as? Int ?? 0)
        let size = [5121: 1, 5123: 2, 5126: 4][try XCTUnwrap(accessor["componentType"] as? Int)]!
        let components = ["SCALAR": 1, "VEC3": 3, "VEC4": 4, "MAT4": 16][try XCTUnwrap(accessor["type"] as? String)]!
        let count = try XCTUnwrap(accessor["count"] as? Int) * components
        return (0..<count).map { i in
            let at = start + i * size
            let raw = (0..<size).reduce(UInt32(0)) { $0 | UInt32(inspector.bin[at + $1]) << (8 * $1) }
            return size == 4 ? Double(Float(bitPattern: raw)) : Double(raw)
        }
    }
}

/// The animation checks of GLBInspector must catch broken files, or the tests above are hollow.
final class AnimationInspectorTests: XCTestCase {
    func valid() throws -> GLBInspector {
        let inspector = GLBInspector(try GLTFWriter.glb(AnimationRoundTripTests.skinnedScene()))
        XCTAssertEqual(inspector.issues, [])
        return inspector
    }

    /// The same BIN with an edited JSON chunk.
    func repack(_ inspector: GLBInspector, bin: [UInt8]? = nil, _ edit: (inout [String: Any]) -> Void) throws -> [String] {
        var json = inspector.json
        edit(&json)
        var text = [UInt8](try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]))
        while text.count % 4 != 0 { text.append(0x20) }
        let body = bin ?? inspector.bin
        func word(_ v: Int) -> [UInt8] { withUnsafeBytes(of: UInt32(v).littleEndian) { Array($0) } }
        var glb = word(0x4654_6C67) + word(2) + word(12 + 8 + text.count + 8 + body.count)
        glb += word(text.count) + word(0x4E4F_534A) + text + word(body.count) + word(0x004E_4942) + body
        return GLBInspector(glb).issues
    }

    func edit(_ json: inout [String: Any], _ key: String, _ index: Int, _ change: (inout [String: Any]) -> Void) {
        var items = json[key] as! [[String: Any]]
        change(&items[index])
        json[key] = items
    }

    func assertIssue(_ issues: [String], _ needle: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertTrue(issues.contains { $0.contains(needle) }, "expected an issue with '\(needle)': \(issues)", file: file, line: line)
    }

    func testRepackingAloneKeepsTheFileValid() throws {
        XCTAssertEqual(try repack(try valid()) { _ in }, [])
    }

    func testSkinJointAndMatrixCountsMustAgree() throws {
        let issues = try repack(try valid()) { json in edit(&json, "skins", 0) { $0["joints"] = [1] } }
        assertIssue(issues, "inverse bind matrices")
        assertIssue(issues, "JOINTS_0 value 1 >= the skin's 1 joints")
    }

    func testSkinnedMeshNeedsASkinAndSkinNeedsASkinnedMesh() throws {
        let inspector = try valid()
        assertIssue(try repack(inspector) { json in edit(&json, "nodes", 3) { $0["skin"] = nil } }, "has no skin")
        assertIssue(try repack(inspector) { json in edit(&json, "nodes", 2) { $0["skin"] = 0 } }, "has a skin but no mesh")
        assertIssue(try repack(inspector) { json in
            edit(&json, "meshes", 0) { mesh in
                var primitives = mesh["primitives"] as! [[String: Any]]
                var attributes = primitives[0]["attributes"] as! [String: Int]
                attributes["WEIGHTS_0"] = nil
                primitives[0]["attributes"] = attributes
                mesh["primitives"] = primitives
            }
        }, "only one of JOINTS_0 and WEIGHTS_0")
        assertIssue(try repack(inspector) { json in edit(&json, "skins", 0) { $0["skeleton"] = 2 } }, "not an ancestor")
    }

    func testWeightsMustSumToOne() throws {
        let inspector = try valid()
        var bin = inspector.bin
        let (offset, _) = try location(inspector, attribute: "WEIGHTS_0")
        // Vertex 1's first weight: 0.5 → 0.9.
        withUnsafeBytes(of: Float(0.9).bitPattern.littleEndian) { bin.replaceSubrange(offset + 16..<offset + 20, with: $0) }
        assertIssue(try repack(inspector, bin: bin) { _ in }, "sums to")
    }

    func testAnimationInputMustIncreaseAndOutputsMatch() throws {
        let inspector = try valid()
        let animation = (inspector.json["animations"] as! [[String: Any]])[0]
        let samplers = animation["samplers"] as! [[String: Any]]
        // Second key time 1 → 0 (the min/max check notices too, but the order check must say so).
        var bin = inspector.bin
        let input = samplers[0]["input"] as! Int
        let offset = try viewOffset(inspector, accessor: input)
        withUnsafeBytes(of: Float(0).bitPattern.littleEndian) { bin.replaceSubrange(offset + 4..<offset + 8, with: $0) }
        assertIssue(try repack(inspector, bin: bin) { _ in }, "strictly increasing")

        // The rotation sampler pointed at the weights output: wrong type and count.
        let issues = try repack(inspector) { json in
            edit(&json, "animations", 0) { a in
                var s = a["samplers"] as! [[String: Any]]
                s[0]["output"] = samplers[2]["output"]
                a["samplers"] = s
            }
        }
        assertIssue(issues, "expected 2 for 2 keys")
        assertIssue(issues, "rotation needs VEC4")
        assertIssue(try repack(inspector) { json in
            edit(&json, "accessors", input) { $0["min"] = nil }
        }, "input lacks min/max")
    }

    func testAnimatedNodesMustNotHaveAMatrixAndTargetsMustBeUnique() throws {
        let inspector = try valid()
        assertIssue(try repack(inspector) { json in
            edit(&json, "nodes", 1) { node in
                node["translation"] = nil
                node["matrix"] = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 1, 0, 1]
            }
        }, "which has a matrix")
        assertIssue(try repack(inspector) { json in
            edit(&json, "animations", 0) { a in
                var channels = a["channels"] as! [[String: Any]]
                channels.append(channels[0])
                a["channels"] = channels
            }
        }, "a second time")
        assertIssue(try repack(inspector) { json in
            edit(&json, "animations", 0) { a in
                var channels = a["channels"] as! [[String: Any]]
                channels[2]["target"] = ["node": 1, "path": "weights"]
                a["channels"] = channels
            }
        }, "has no morph targets")
    }

    func testMorphTargetsNeedBoundsAndMatchingCounts() throws {
        let inspector = try valid()
        let primitive = ((inspector.json["meshes"] as! [[String: Any]])[0]["primitives"] as! [[String: Any]])[0]
        let target = (primitive["targets"] as! [[String: Int]])[0]["POSITION"]!
        assertIssue(try repack(inspector) { json in edit(&json, "accessors", target) { $0["max"] = nil } }, "POSITION lacks min/max")
        assertIssue(try repack(inspector) { json in
            edit(&json, "meshes", 0) { $0["weights"] = [0.5, 0.5] }
        }, "2 values for 1 morph targets")
    }

    // MARK: - Helpers

    func location(_ inspector: GLBInspector, attribute: String) throws -> (Int, Int) {
        let primitive = ((inspector.json["meshes"] as! [[String: Any]])[0]["primitives"] as! [[String: Any]])[0]
        let accessor = try XCTUnwrap((primitive["attributes"] as? [String: Int])?[attribute])
        return (try viewOffset(inspector, accessor: accessor), accessor)
    }

    func viewOffset(_ inspector: GLBInspector, accessor: Int) throws -> Int {
        let a = (inspector.json["accessors"] as! [[String: Any]])[accessor]
        let view = (inspector.json["bufferViews"] as! [[String: Any]])[try XCTUnwrap(a["bufferView"] as? Int)]
        return (view["byteOffset"] as? Int ?? 0) + (a["byteOffset"] as? Int ?? 0)
    }
}
