import Foundation
@testable import GLTFExport
import SceneImport
import SceneModel
import TestSupport
import XCTest

/// Skins, morph targets and animations under quantization and meshopt compression: the files
/// stay valid, a viewer's rest pose matches the float file within the position grid's
/// precision (skinned positions are dequantized by the inverse bind matrices, morph deltas are
/// in grid units), and decoded animation keys match the scene's within each encoding's precision.
final class AnimationCompressionTests: XCTestCase {
    static let quantized = GLTFWriter.Options(quantize: true)
    static let compressed = GLTFWriter.Options(quantize: true, compression: .meshopt)
    static let models = [
        "gltf/CesiumMan/CesiumMan.gltf", "gltf/AnimatedMorphCube/AnimatedMorphCube.gltf", "fbx/huesitos.fbx",
        "x/anim_test.x", "dae/box_nested_animation.dae",
    ]

    func corpusScenes() throws -> [(path: String, scene: Scene)] {
        guard let corpus = Corpus.locate() else { throw XCTSkip(Corpus.missingMessage) }
        return try Self.models.map { path in
            let url = corpus.root.appendingPathComponent(path)
            guard FileManager.default.fileExists(atPath: url.path) else {
                throw XCTSkip("the corpus at \(corpus.root.path) lacks \(path), which the animation compression tests read")
            }
            return (path, try SceneImporter.importFile(at: url).scene)
        }
    }

    // MARK: - Corpus

    func testCorpusModelsDrawTheSameRestPoseQuantizedAndCompressed() throws {
        for (path, scene) in try corpusScenes() {
            let reference = GLBInspector(try GLTFWriter.glb(scene))
            XCTAssertEqual(reference.issues, [], path)
            let want = try XCTUnwrap(reference.restPose(), path)
            for (label, options) in [("quantized", Self.quantized), ("compressed", Self.compressed)] {
                let inspector = GLBInspector(try GLTFWriter.glb(scene, options: options))
                XCTAssertEqual(inspector.issues, [], "\(path) \(label)")
                let got = try XCTUnwrap(inspector.restPose(), "\(path) \(label)")
                XCTAssertEqual(got.map(\.positions.count).sorted(), want.map(\.positions.count).sorted(), "\(path) \(label): drawn primitives")
                // Half a grid step per axis (14 bits over the model), once for the base and once
                // for a morph delta, measured against the drawn model's extent; 4 steps is slack.
                let points = want.flatMap(\.positions)
                let lo = points.reduce(SIMD3(repeating: Double.infinity)) { pointwiseMin($0, $1) }
                let hi = points.reduce(SIMD3(repeating: -Double.infinity)) { pointwiseMax($0, $1) }
                let limit = 4 * (hi - lo).max() / 16383
                var worst = 0.0
                for expected in want {
                    // Primitives can be written in another node order; match on the vertex count and nearest.
                    let errors = got.filter { $0.positions.count == expected.positions.count }.map { candidate in
                        zip(candidate.positions, expected.positions).map { a, b in ((a - b) * (a - b)).sum().squareRoot() }.max() ?? 0
                    }
                    worst = max(worst, errors.min() ?? .infinity)
                }
                XCTAssertLessThanOrEqual(worst, limit, "\(path) \(label): rest pose moved by more than the grid allows")
                XCTAssertGreaterThan(worst, 0, "\(path) \(label): positions went through the grid")
                for mesh in inspector.json["meshes"] as? [[String: Any]] ?? [] {
                    for primitive in mesh["primitives"] as? [[String: Any]] ?? [] {
                        let position = try XCTUnwrap((primitive["attributes"] as? [String: Int])?["POSITION"])
                        XCTAssertEqual(accessor(inspector, position)["componentType"] as? Int, 5123,
                                       "\(path) \(label): skinned and morphed meshes are quantized too")
                    }
                }
            }
        }
    }

    func testCorpusAnimationKeysMatchTheSceneWithinTheirPrecision() throws {
        for (path, scene) in try corpusScenes() {
            // The float file holds the scene's keys exactly (AnimationRoundTripTests checks it).
            let reference = GLBInspector(try GLTFWriter.glb(scene))
            for (label, options) in [("quantized", Self.quantized), ("compressed", Self.compressed)] {
                let inspector = GLBInspector(try GLTFWriter.glb(scene, options: options))
                XCTAssertEqual(inspector.issues, [], "\(path) \(label)")
                try assertKeysMatch(inspector, reference, "\(path) \(label)")
            }
        }
    }

    func testCompressedCesiumManRoutesSkinAndAnimationThroughMeshopt() throws {
        guard let corpus = Corpus.locate() else { throw XCTSkip(Corpus.missingMessage) }
        let url = corpus.root.appendingPathComponent(Self.models[0])
        guard FileManager.default.fileExists(atPath: url.path) else { throw XCTSkip("the corpus lacks \(Self.models[0])") }
        let scene = try SceneImporter.importFile(at: url).scene
        let plain = try GLTFWriter.glb(scene, options: Self.quantized)
        let glb = try GLTFWriter.glb(scene, options: Self.compressed)
        let inspector = GLBInspector(glb)
        XCTAssertEqual(inspector.issues, [])
        let primitive = try XCTUnwrap(((inspector.json["meshes"] as? [[String: Any]])?.first?["primitives"] as? [[String: Any]])?.first)
        let attributes = try XCTUnwrap(primitive["attributes"] as? [String: Int])
        for name in ["JOINTS_0", "WEIGHTS_0"] { XCTAssertNotNil(meshopt(inspector, accessor: try XCTUnwrap(attributes[name])), name) }
        var filters: [String: Set<String>] = [:]
        let animation = try XCTUnwrap((inspector.json["animations"] as? [[String: Any]])?.first)
        let samplers = try XCTUnwrap(animation["samplers"] as? [[String: Any]])
        for (channel, sampler) in zip(try XCTUnwrap(animation["channels"] as? [[String: Any]]), samplers.indices) {
            let path = try XCTUnwrap((channel["target"] as? [String: Any])?["path"] as? String)
            let output = try XCTUnwrap(samplers[sampler]["output"] as? Int)
            let ext = try XCTUnwrap(meshopt(inspector, accessor: output), "\(path) output is compressed")
            filters[path, default: []].insert(ext["filter"] as? String ?? "NONE")
        }
        XCTAssertEqual(filters["rotation"], ["QUATERNION"])
        XCTAssertEqual(filters["translation"], ["EXPONENTIAL"])
        XCTAssertEqual(filters["scale"], ["EXPONENTIAL"])
        // Pooled by kind: a handful of animation views, not one per sampler.
        let views = Set(samplers.flatMap { [$0["input"] as! Int, $0["output"] as! Int] }.map { accessor(inspector, $0)["bufferView"] as! Int })
        XCTAssertLessThanOrEqual(views.count, 4)
        XCTAssertLessThan(glb.count, plain.count)
    }

    // MARK: - A small skinned and morphed scene

    func testSkinnedFixtureUsesTheNewEncodings() throws {
        let scene = AnimationRoundTripTests.skinnedScene()
        let inspector = GLBInspector(try GLTFWriter.glb(scene, options: Self.compressed))
        XCTAssertEqual(inspector.issues, [])
        let json = inspector.json
        let nodes = try XCTUnwrap(json["nodes"] as? [[String: Any]])
        XCTAssertEqual(nodes.count, 4, "a skinned mesh gets no dequantizing child node")
        XCTAssertNil(nodes[3]["scale"], "a skinned vertex ignores its node: the skin dequantizes")
        let primitive = try XCTUnwrap(((json["meshes"] as? [[String: Any]])?.first?["primitives"] as? [[String: Any]])?.first)
        let attributes = try XCTUnwrap(primitive["attributes"] as? [String: Int])
        XCTAssertEqual(accessor(inspector, try XCTUnwrap(attributes["POSITION"]))["componentType"] as? Int, 5123)
        XCTAssertEqual(accessor(inspector, try XCTUnwrap(attributes["JOINTS_0"]))["bufferView"] as? Int,
                       accessor(inspector, try XCTUnwrap(attributes["POSITION"]))["bufferView"] as? Int, "skin attributes share the vertex view")
        XCTAssertNotNil(meshopt(inspector, accessor: try XCTUnwrap(attributes["WEIGHTS_0"])))
        let target = try XCTUnwrap((primitive["targets"] as? [[String: Int]])?.first)
        XCTAssertTrue([5120, 5122].contains(accessor(inspector, try XCTUnwrap(target["POSITION"]))["componentType"] as? Int ?? 0),
                      "morph deltas are grid integers")

        let skin = try XCTUnwrap((json["skins"] as? [[String: Any]])?.first)
        let matrices = try XCTUnwrap(inspector.floats(ofAccessor: try XCTUnwrap(skin["inverseBindMatrices"] as? Int)))
        XCTAssertNotEqual(Array(matrices[0..<16]), scene.skins[0].inverseBindMatrices[0].flattened, "the grid went into the matrices")

        let animation = try XCTUnwrap((json["animations"] as? [[String: Any]])?.first)
        let samplers = try XCTUnwrap(animation["samplers"] as? [[String: Any]])
        let rotation = try XCTUnwrap(samplers[0]["output"] as? Int)
        XCTAssertEqual(accessor(inspector, rotation)["componentType"] as? Int, 5122)
        XCTAssertEqual(accessor(inspector, rotation)["normalized"] as? Bool, true)
        XCTAssertEqual(meshopt(inspector, accessor: rotation)?["filter"] as? String, "QUATERNION")
        XCTAssertEqual(meshopt(inspector, accessor: try XCTUnwrap(samplers[1]["output"] as? Int))?["filter"] as? String, "EXPONENTIAL")
        let quaternions = try XCTUnwrap(inspector.floats(ofAccessor: rotation))
        for (got, want) in zip(quaternions, [0, 0, 0, 1, 0, 0, 1, 0] as [Float]) { XCTAssertEqual(abs(got), want, accuracy: 1e-4) }
        XCTAssertEqual(try XCTUnwrap(inspector.floats(ofAccessor: try XCTUnwrap(samplers[1]["output"] as? Int))), [0, 1, 0, 0, 2, 0])
        XCTAssertEqual(try XCTUnwrap(inspector.floats(ofAccessor: try XCTUnwrap(samplers[2]["output"] as? Int))), [0, 1, 0], "weights as bytes")
        try assertKeysMatch(inspector, GLBInspector(try GLTFWriter.glb(scene)), "fixture")
    }

    func testQuantizeOnlyStoresRotationsAsExactShorts() throws {
        let inspector = GLBInspector(try GLTFWriter.glb(AnimationRoundTripTests.skinnedScene(), options: Self.quantized))
        XCTAssertEqual(inspector.issues, [])
        let samplers = try XCTUnwrap(((inspector.json["animations"] as? [[String: Any]])?.first)?["samplers"] as? [[String: Any]])
        let rotation = try XCTUnwrap(samplers[0]["output"] as? Int)
        XCTAssertEqual(accessor(inspector, rotation)["componentType"] as? Int, 5122)
        XCTAssertEqual(try XCTUnwrap(inspector.floats(ofAccessor: rotation)), [0, 0, 0, 1, 0, 0, 1, 0])
        XCTAssertFalse((inspector.json["extensionsUsed"] as? [String] ?? []).contains("EXT_meshopt_compression"))
    }

    /// A morphed mesh on a node with children moves to a dequantizing child node; its weights
    /// channel must follow it there (a weights channel on a node without mesh is invalid).
    func testWeightsChannelFollowsAMorphedMeshToItsChildNode() throws {
        var scene = AnimationRoundTripTests.skinnedScene()
        scene.skins = []
        scene.nodes[4].skin = nil
        scene.nodes.append(Node(name: "hat", transform: .translation(SIMD3(0, 3, 0))))
        scene.nodes[4].children = [5]
        for options in [Self.quantized, Self.compressed] {
            let inspector = GLBInspector(try GLTFWriter.glb(scene, options: options))
            XCTAssertEqual(inspector.issues, [])
            let nodes = try XCTUnwrap(inspector.json["nodes"] as? [[String: Any]])
            let channels = try XCTUnwrap(((inspector.json["animations"] as? [[String: Any]])?.first)?["channels"] as? [[String: Any]])
            let weights = try XCTUnwrap(channels.first { ($0["target"] as? [String: Any])?["path"] as? String == "weights" })
            let node = try XCTUnwrap((weights["target"] as? [String: Any])?["node"] as? Int)
            XCTAssertNotNil(nodes[node]["mesh"], "the weights channel targets the node drawing the mesh")
            XCTAssertNotNil(nodes[node]["scale"], "that node is the dequantizing child")
            let want = try XCTUnwrap(GLBInspector(try GLTFWriter.glb(scene)).restPose()).flatMap(\.positions)
            let got = try XCTUnwrap(inspector.restPose()).flatMap(\.positions)
            XCTAssertEqual(got.count, want.count)
            for (a, b) in zip(got, want) { XCTAssertLessThan(((a - b) * (a - b)).sum().squareRoot(), 4 * 3.0 / 16383) }
        }
    }

    func testDeltasBeyondShortRangeStayFloatInGridUnits() throws {
        var scene = AnimationRoundTripTests.skinnedScene()
        // 1e5 grid steps (the triangle spans 2 units over 16383 steps): beyond SHORT.
        scene.meshes[0].primitives[0].targets[0].positions[0] = SIMD3(0, 0, 20)
        let inspector = GLBInspector(try GLTFWriter.glb(scene, options: Self.compressed))
        XCTAssertEqual(inspector.issues, [])
        let target = try XCTUnwrap(((((inspector.json["meshes"] as? [[String: Any]])?.first?["primitives"] as? [[String: Any]])?.first)?["targets"] as? [[String: Int]])?.first)
        XCTAssertEqual(accessor(inspector, try XCTUnwrap(target["POSITION"]))["componentType"] as? Int, 5126)
        let want = try XCTUnwrap(GLBInspector(try GLTFWriter.glb(scene)).restPose()).flatMap(\.positions)
        let got = try XCTUnwrap(inspector.restPose()).flatMap(\.positions)
        for (a, b) in zip(got, want) { XCTAssertLessThan(((a - b) * (a - b)).sum().squareRoot(), 4 * 2.0 / 16383) }
    }

    func testOutputIsDeterministic() throws {
        let scene = AnimationRoundTripTests.skinnedScene()
        XCTAssertEqual(try GLTFWriter.glb(scene, options: Self.compressed), try GLTFWriter.glb(scene, options: Self.compressed))
    }

    // MARK: - The checker catches broken encodings

    func testCheckerRejectsBadAnimationAndMorphFormats() throws {
        let glb = try GLTFWriter.glb(AnimationRoundTripTests.skinnedScene(), options: Self.quantized)
        let inspector = GLBInspector(glb)
        XCTAssertEqual(inspector.issues, [])
        let samplers = try XCTUnwrap(((inspector.json["animations"] as? [[String: Any]])?.first)?["samplers"] as? [[String: Any]])
        let rotation = try XCTUnwrap(samplers[0]["output"] as? Int), translation = try XCTUnwrap(samplers[1]["output"] as? Int)
        let target = try XCTUnwrap(((((inspector.json["meshes"] as? [[String: Any]])?.first?["primitives"] as? [[String: Any]])?.first)?["targets"] as? [[String: Int]])?.first?["POSITION"])

        func issues(_ edit: (inout [[String: Any]]) -> Void, bin: ((inout [UInt8]) -> Void)? = nil) throws -> [String] {
            GLBInspector(try repacked(glb, { json in
                var accessors = json["accessors"] as! [[String: Any]]
                edit(&accessors)
                json["accessors"] = accessors
            }, bin: bin)).issues
        }
        XCTAssertTrue(try issues { $0[rotation]["normalized"] = false }.contains { $0.contains("output (rotation) may not use componentType 5122") })
        XCTAssertTrue(try issues { $0[translation]["componentType"] = 5122; $0[translation]["normalized"] = true }
            .contains { $0.contains("output (translation) may not use componentType 5122 normalized") })
        XCTAssertTrue(try issues { $0[target]["componentType"] = 5123 }.contains { $0.contains("targets[0].POSITION may not use componentType 5123") })
        // A rotation key that is no longer unit length once dequantized.
        let views = try XCTUnwrap(inspector.json["bufferViews"] as? [[String: Any]])
        let a = accessor(inspector, rotation)
        let at = (views[try XCTUnwrap(a["bufferView"] as? Int)]["byteOffset"] as? Int ?? 0) + (a["byteOffset"] as? Int ?? 0)
        let broken = try issues({ _ in }, bin: { bin in bin[at] = 0x00; bin[at + 1] = 0x40 }) // x = 16384 / 32767 ≈ 0.5
        XCTAssertTrue(broken.contains { $0.contains("is not a unit quaternion") }, "\(broken)")
    }

    // MARK: - Helpers

    func accessor(_ inspector: GLBInspector, _ index: Int) -> [String: Any] {
        (inspector.json["accessors"] as? [[String: Any]] ?? [])[index]
    }

    /// The EXT_meshopt_compression object of the view an accessor reads, if compressed.
    func meshopt(_ inspector: GLBInspector, accessor index: Int) -> [String: Any]? {
        guard let view = accessor(inspector, index)["bufferView"] as? Int,
              let views = inspector.json["bufferViews"] as? [[String: Any]], views.indices.contains(view) else { return nil }
        return (views[view]["extensions"] as? [String: Any])?["EXT_meshopt_compression"] as? [String: Any]
    }

    /// Every sampler of `file` against the same sampler of the float `reference`: times exact,
    /// values within what their encoding keeps — 16-bit normalized rotations half a step
    /// (1/65534), QUATERNION-filtered ones (12 bits for the three smallest components, each
    /// within ±1/√2) about 1.7e-4, so 5e-4; EXPONENTIAL (16 significant bits of the channel's
    /// largest magnitude, at most 24 bits: AnimationData.exponentialBits) 2^-15 of that
    /// magnitude or 2^-24; byte weights half of 1/255.
    func assertKeysMatch(_ file: GLBInspector, _ reference: GLBInspector, _ label: String) throws {
        let got = file.json["animations"] as? [[String: Any]] ?? [], want = reference.json["animations"] as? [[String: Any]] ?? []
        XCTAssertEqual(got.count, want.count, label)
        for (a, (g, w)) in zip(got, want).enumerated() {
            let gs = try XCTUnwrap(g["samplers"] as? [[String: Any]]), ws = try XCTUnwrap(w["samplers"] as? [[String: Any]])
            let gc = try XCTUnwrap(g["channels"] as? [[String: Any]]), wc = try XCTUnwrap(w["channels"] as? [[String: Any]])
            XCTAssertEqual(gs.count, ws.count, label)
            for (c, (gChannel, wChannel)) in zip(gc, wc).enumerated() {
                let name = "\(label) animations[\(a)].channels[\(c)]"
                let path = try XCTUnwrap((wChannel["target"] as? [String: Any])?["path"] as? String)
                XCTAssertEqual((gChannel["target"] as? [String: Any])?["path"] as? String, path, name)
                let gSampler = gs[try XCTUnwrap(gChannel["sampler"] as? Int)], wSampler = ws[try XCTUnwrap(wChannel["sampler"] as? Int)]
                XCTAssertEqual(file.floats(ofAccessor: try XCTUnwrap(gSampler["input"] as? Int)),
                               reference.floats(ofAccessor: try XCTUnwrap(wSampler["input"] as? Int)), "\(name): key times are exact")
                let gOutput = try XCTUnwrap(gSampler["output"] as? Int)
                let values = try XCTUnwrap(file.floats(ofAccessor: gOutput), name)
                let expected = try XCTUnwrap(reference.floats(ofAccessor: try XCTUnwrap(wSampler["output"] as? Int)), name)
                XCTAssertEqual(values.count, expected.count, name)
                let filter = meshopt(file, accessor: gOutput)?["filter"] as? String
                let componentType = accessor(file, gOutput)["componentType"] as? Int
                let width = path == "rotation" ? 4 : path == "weights" ? 1 : 3
                var worstExcess: Float = 0
                let channelLargest = expected.map(abs).max() ?? 0
                for key in Swift.stride(from: 0, to: min(values.count, expected.count) - width + 1, by: width) {
                    let g = Array(values[key..<key + width]), e = Array(expected[key..<key + width])
                    let largest = e.map(abs).max() ?? 0
                    let tolerance: Float = switch (filter, componentType) {
                    case ("QUATERNION", _): 5e-4
                    case (_, 5122): 0.5 / 32767 + 1e-6
                    case (_, 5121): 0.5 / 255 + 1e-6
                    case ("EXPONENTIAL", _): max(channelLargest * Float(pow(2.0, -15.0)), Float(pow(2.0, -24.0))) + largest.ulp
                    default: 0
                    }
                    // q and −q are one rotation; the QUATERNION filter may flip the sign.
                    let signs: [Float] = path == "rotation" ? [1, -1] : [1]
                    let error = signs.map { s in zip(g, e).map { abs($0 * s - $1) }.max() ?? 0 }.min() ?? 0
                    worstExcess = max(worstExcess, error - tolerance)
                }
                XCTAssertLessThanOrEqual(worstExcess, 0, "\(name) (\(path), filter \(filter ?? "none"), componentType \(componentType ?? 0))")
            }
        }
    }
}
