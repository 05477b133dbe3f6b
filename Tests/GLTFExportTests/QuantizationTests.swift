import Foundation
@testable import GLTFExport
import SceneModel
import TestSupport
import XCTest

/// KHR_mesh_quantization as the writer does it: what a viewer decodes lies within half a
/// quantization step of the scene's floats, and the file declares what it relies on.
final class QuantizationTests: XCTestCase {
    static let quantized = GLTFWriter.Options(quantize: true)
    static let compressed = GLTFWriter.Options(quantize: true, compression: .meshopt)

    /// World-space positions of every drawn vertex, in the file and in the scene.
    func assertPositionsRoundTrip(_ scene: Scene, _ options: GLTFWriter.Options, file: StaticString = #filePath, line: UInt = #line) throws {
        let glb = try GLTFWriter.glb(scene, options: options)
        let decoded = DecodedGLB(glb)
        XCTAssertEqual(decoded.inspector.issues, [], file: file, line: line)
        // The grid spans the largest extent of all quantized meshes (in mesh space): 14 bits.
        var lo = SIMD3<Float>(repeating: .infinity), hi = -lo
        for mesh in scene.meshes { for p in mesh.primitives { for v in p.positions { lo = pointwiseMin(lo, v); hi = pointwiseMax(hi, v) } } }
        let step = (hi - lo).max() / 16383
        let world = scene.worldTransforms()
        var expected: [(points: [SIMD3<Float>], limit: Float)] = []
        for index in scene.reachableNodes() {
            guard let m = scene.nodes[index].mesh else { continue }
            let points = scene.meshes[m].primitives[0].positions.map(world[index].transformPoint)
            // Half a mesh-space step per axis is a distance of at most √3 half steps, which the
            // instance's transform stretches by its largest axis scale; plus float rounding of
            // offset + step · q and of the transform at the world magnitude.
            let c = world[index].columns
            let axisScale = [c[0], c[1], c[2]].map { ($0 * $0).sum().squareRoot() }.max() ?? 1
            let magnitude = points.map { maxDifference($0, .zero) }.max() ?? 0
            let limit: Float = Float(3).squareRoot() * step / 2 * axisScale + 8 * magnitude * Float.ulpOfOne
            expected.append((points, limit))
        }
        var actual: [[SIMD3<Float>]] = []
        for instance in decoded.instances {
            let raw = try XCTUnwrap(decoded.attribute("POSITION", mesh: instance.mesh), file: file, line: line)
            actual.append(stride(from: 0, to: raw.count, by: 3).map { instance.world.transformPoint(SIMD3(raw[$0], raw[$0 + 1], raw[$0 + 2])) })
        }
        XCTAssertEqual(actual.count, expected.count, "every instance is drawn once", file: file, line: line)
        // Instances can come out in another order; match each expected set to its nearest.
        for want in expected {
            let errors = actual.filter { $0.count == want.points.count }.map { got in zip(got, want.points).map(Self.distance).max() ?? 0 }
            let worst = errors.min() ?? .infinity
            XCTAssertLessThanOrEqual(worst, want.limit, "worst position error vs half a step \(step / 2)", file: file, line: line)
            XCTAssertGreaterThan(worst, 0, "positions did go through the grid", file: file, line: line)
        }
    }

    static func distance(_ a: SIMD3<Float>, _ b: SIMD3<Float>) -> Float {
        let d = a - b
        return (d * d).sum().squareRoot()
    }

    func testPositionsNormalsUVsAndColoursRoundTripWithinHalfAStep() throws {
        let scene = EncodingFixtures.oddCube()
        let p = scene.meshes[0].primitives[0]
        for options in [Self.quantized, Self.compressed] {
            try assertPositionsRoundTrip(scene, options)
            let decoded = DecodedGLB(try GLTFWriter.glb(scene, options: options))
            XCTAssertEqual(decoded.inspector.issues, [])

            let position = try XCTUnwrap(decoded.accessor("POSITION"))
            XCTAssertEqual(position["componentType"] as? Int, 5123, "positions are UNSIGNED_SHORT")
            XCTAssertNil(position["normalized"])
            XCTAssertEqual((position["max"] as? [Double])?.max(), 16383, "min/max in the quantized domain: the largest axis spans the 14-bit grid")
            XCTAssertEqual((position["min"] as? [Double])?.min(), 0)

            let normal = try XCTUnwrap(decoded.accessor("NORMAL"))
            XCTAssertEqual(normal["componentType"] as? Int, 5120)
            XCTAssertEqual(normal["normalized"] as? Bool, true)
            let normals = try XCTUnwrap(decoded.attribute("NORMAL"))
            // Plain BYTE: round(f · 127), so half a step; octahedral (meshopt) spends the 8 bits
            // on two components and renormalizes, so allow one and a half steps there.
            let normalLimit: Float = options.compression == .meshopt ? 1.5 / 127 : 0.5 / 127 + 1e-6
            var normalError: Float = 0
            for (i, n) in p.normals.enumerated() { normalError = max(normalError, maxDifference(SIMD3(normals[i * 3], normals[i * 3 + 1], normals[i * 3 + 2]), n)) }
            XCTAssertLessThanOrEqual(normalError, normalLimit, "normals, \(options.compression)")

            let uv = try XCTUnwrap(decoded.accessor("TEXCOORD_0"))
            XCTAssertEqual(uv["componentType"] as? Int, 5123)
            XCTAssertEqual(uv["normalized"] as? Bool, true, "UVs in [0, 1] need no transform: core UNSIGNED_SHORT normalized")
            let uvs = try XCTUnwrap(decoded.attribute("TEXCOORD_0"))
            var uvError: Float = 0
            for (i, t) in p.texCoords[0].enumerated() { uvError = max(uvError, maxDifference(SIMD2(uvs[i * 2], uvs[i * 2 + 1]), t)) }
            // Half a 12-bit step, plus half a 16-bit step for spreading the grid over 0...65535.
            XCTAssertLessThanOrEqual(uvError, 0.5 / 4095 + 0.5 / 65535 + 1e-7)

            let colors = try XCTUnwrap(decoded.attribute("COLOR_0"))
            XCTAssertEqual(decoded.accessor("COLOR_0")?["componentType"] as? Int, 5121)
            var colorError: Float = 0
            for (i, c) in p.colors.enumerated() { colorError = max(colorError, maxDifference(SIMD4(colors[i * 4], colors[i * 4 + 1], colors[i * 4 + 2], colors[i * 4 + 3]), c)) }
            XCTAssertLessThanOrEqual(colorError, 0.5 / 255 + 1e-6)

            XCTAssertEqual(decoded.inspector.drawnTriangles, 12)
        }
    }

    func testExtensionListsPerMode() throws {
        let scene = EncodingFixtures.oddCube()
        let plain = DecodedGLB(try GLTFWriter.glb(scene))
        XCTAssertEqual(plain.extensionsUsed, [])
        XCTAssertNil(plain.json["extensionsRequired"])
        XCTAssertEqual(plain.accessor("POSITION")?["componentType"] as? Int, 5126, "the default stays plain floats")

        let quantized = DecodedGLB(try GLTFWriter.glb(scene, options: Self.quantized))
        XCTAssertEqual(quantized.extensionsUsed, ["KHR_mesh_quantization"])
        XCTAssertEqual(quantized.extensionsRequired, ["KHR_mesh_quantization"])
        XCTAssertEqual(quantized.list("buffers").count, 1)

        let compressed = DecodedGLB(try GLTFWriter.glb(scene, options: Self.compressed))
        XCTAssertEqual(compressed.extensionsUsed, ["EXT_meshopt_compression", "KHR_mesh_quantization"])
        XCTAssertEqual(compressed.extensionsRequired, ["EXT_meshopt_compression", "KHR_mesh_quantization"])

        let floatsCompressed = DecodedGLB(try GLTFWriter.glb(scene, options: GLTFWriter.Options(compression: .meshopt)))
        XCTAssertEqual(floatsCompressed.extensionsRequired, ["EXT_meshopt_compression"], "meshopt on float streams needs no quantization")
        XCTAssertEqual(floatsCompressed.inspector.issues, [])

        var unlit = scene
        unlit.materials[0].unlit = true
        let both = DecodedGLB(try GLTFWriter.glb(unlit, options: Self.quantized))
        XCTAssertEqual(both.extensionsUsed, ["KHR_materials_unlit", "KHR_mesh_quantization"])
        XCTAssertEqual(both.extensionsRequired, ["KHR_mesh_quantization"], "unlit stays optional")
    }

    func testUVsOutsideTheUnitSquareUseTextureTransform() throws {
        var scene = EncodingFixtures.oddCube(textured: true)
        scene.materials[0].normalTexture = TextureRef(image: 0)
        let tiled = scene.meshes[0].primitives[0].texCoords[0].map { $0 * 3 - SIMD2(1, 0.5) } // [-1, 2] × [-0.5, 2.5]
        scene.meshes[0].primitives[0].texCoords = [tiled]
        for options in [Self.quantized, Self.compressed] {
            let decoded = DecodedGLB(try GLTFWriter.glb(scene, options: options))
            XCTAssertEqual(decoded.inspector.issues, [])
            XCTAssertTrue(decoded.extensionsRequired.contains("KHR_texture_transform"), "\(decoded.extensionsRequired)")
            XCTAssertTrue(decoded.extensionsUsed.contains("KHR_texture_transform"))
            let material = try XCTUnwrap(decoded.list("materials").first)
            let infos = textureInfos(material)
            XCTAssertEqual(infos.count, 2, "base colour and normal texture")
            var transforms: [[String: Any]] = []
            for info in infos {
                transforms.append(try XCTUnwrap((info["extensions"] as? [String: Any])?["KHR_texture_transform"] as? [String: Any],
                                                "every texture info reading the set carries the dequantization"))
            }
            let offset = try XCTUnwrap(transforms[0]["offset"] as? [Double]).map(Float.init)
            let scale = try XCTUnwrap(transforms[0]["scale"] as? [Double]).map(Float.init)
            XCTAssertEqual(transforms[1]["offset"] as? [Double], transforms[0]["offset"] as? [Double])
            XCTAssertEqual(transforms[1]["scale"] as? [Double], transforms[0]["scale"] as? [Double])
            XCTAssertNil(transforms[0]["rotation"])

            let raw = try XCTUnwrap(decoded.attribute("TEXCOORD_0"))
            var worst: Float = 0
            for (i, uv) in tiled.enumerated() {
                let got = SIMD2(offset[0] + scale[0] * raw[i * 2], offset[1] + scale[1] * raw[i * 2 + 1])
                worst = max(worst, maxDifference(got, uv))
            }
            // Extents 3 and 3 over 4095 steps: half a step, plus float rounding.
            XCTAssertLessThanOrEqual(worst, 0.5 * 3 / 4095 + 1e-5)
            XCTAssertGreaterThan(worst, 0, "the values did go through the grid")
        }
    }

    func testUVsOutsideTheUnitSquareWithoutTextureStayFloat() throws {
        var scene = EncodingFixtures.oddCube()
        scene.meshes[0].primitives[0].texCoords[0] = scene.meshes[0].primitives[0].texCoords[0].map { $0 * 4 }
        let decoded = DecodedGLB(try GLTFWriter.glb(scene, options: Self.quantized))
        XCTAssertEqual(decoded.inspector.issues, [])
        XCTAssertEqual(decoded.accessor("TEXCOORD_0")?["componentType"] as? Int, 5126, "no texture info could carry a transform")
        XCTAssertFalse(decoded.extensionsUsed.contains("KHR_texture_transform"))
    }

    func testNodeWithChildrenGetsTheMeshOnItsOwnChildAndInstancesShareOneMesh() throws {
        var scene = EncodingFixtures.oddCube()
        let rotation = TRS.matrix(rotation: SIMD4(0, 0.38268343, 0, 0.9238795), scale: SIMD3(2, 2, 2), translation: SIMD3(5, 0, -1))
        scene.nodes = [
            Node(name: "parent", transform: rotation, mesh: 0, children: [1, 2]),
            Node(name: "instance", transform: .translation(SIMD3(0, 3, 0)), mesh: 0),
            Node(name: "empty", transform: .scale(SIMD3(1, 1, 0.5)), children: [3]),
            Node(name: "deep instance", transform: .translation(SIMD3(-2, 0, 0)), mesh: 0),
        ]
        scene.roots = [0]
        for options in [Self.quantized, Self.compressed] {
            try assertPositionsRoundTrip(scene, options)
            let decoded = DecodedGLB(try GLTFWriter.glb(scene, options: options))
            XCTAssertEqual(decoded.list("meshes").count, 1, "one mesh, three instances")
            XCTAssertEqual(decoded.inspector.drawnTriangles, 36)
            let nodes = decoded.list("nodes")
            XCTAssertEqual(nodes.count, 5, "the parent's mesh moved to a fifth, child node")
            XCTAssertNil(nodes[0]["mesh"])
            XCTAssertEqual(nodes[0]["children"] as? [Int], [1, 2, 4])
            XCTAssertEqual(nodes[4]["mesh"] as? Int, 0)
            XCTAssertNil(nodes[4]["rotation"], "the mesh node carries only translate + uniform scale")
            let scale = try XCTUnwrap(nodes[4]["scale"] as? [Double])
            XCTAssertEqual(scale[0], scale[1]); XCTAssertEqual(scale[1], scale[2])
            XCTAssertEqual(nodes[0]["name"] as? String, "parent")
        }
    }

    func testAnimatedNodeKeepsItsTransformAndMorphedMeshesUseTheGrid() throws {
        var scene = EncodingFixtures.oddCube()
        scene.animations = [Animation(name: "spin", channels: [AnimationChannel(node: 0, path: .translation, times: [0, 1], values: [0, 0, 0, 1, 0, 0])])]
        let animated = DecodedGLB(try GLTFWriter.glb(scene, options: Self.quantized))
        let nodes = animated.list("nodes")
        XCTAssertEqual(nodes.count, 2, "an animated node can't absorb the dequantization")
        XCTAssertNil(nodes[0]["mesh"])
        XCTAssertNil(nodes[0]["translation"], "the node's own (identity) transform is untouched")
        XCTAssertEqual(nodes[1]["mesh"] as? Int, 0)

        var morphed = EncodingFixtures.oddCube()
        let p = morphed.meshes[0].primitives[0]
        morphed.meshes[0].primitives[0].targets = [MorphTarget(name: "grow", positions: p.positions.map { $0 * 0.1 })]
        morphed.meshes[0].morphWeights = [0]
        let decoded = DecodedGLB(try GLTFWriter.glb(morphed, options: Self.quantized))
        XCTAssertEqual(decoded.inspector.issues, [])
        XCTAssertEqual(decoded.accessor("POSITION")?["componentType"] as? Int, 5123, "morphed meshes are on the grid too")
        let target = try XCTUnwrap((decoded.primitive(mesh: 0)?["targets"] as? [[String: Int]])?.first?["POSITION"])
        XCTAssertEqual(decoded.list("accessors")[target]["componentType"] as? Int, 5122, "deltas in grid units, SHORT (AnimationCompressionTests)")
        XCTAssertEqual(decoded.accessor("NORMAL")?["componentType"] as? Int, 5120, "other attributes are still quantized")
        XCTAssertEqual(decoded.list("nodes").count, 1)
        XCTAssertNotNil(decoded.list("nodes")[0]["scale"], "the childless, unanimated node absorbs the dequantization")
    }

    /// Joints on a mesh no skinned node draws: whichever way the animation writer treats them,
    /// the positions written and the node that dequantizes them must agree.
    func testJointsWithoutASkinStillRoundTrip() throws {
        var scene = EncodingFixtures.oddCube()
        let count = scene.meshes[0].primitives[0].vertexCount
        scene.meshes[0].primitives[0].joints = Array(repeating: SIMD4(0, 0, 0, 0), count: count)
        scene.meshes[0].primitives[0].weights = Array(repeating: SIMD4(1, 0, 0, 0), count: count)
        for options in [Self.quantized, Self.compressed] { try assertPositionsRoundTrip(scene, options) }
    }

    func testOutputIsDeterministic() throws {
        let scene = EncodingFixtures.oddCube(textured: true)
        for options in [Self.quantized, Self.compressed] {
            XCTAssertEqual(try GLTFWriter.glb(scene, options: options), try GLTFWriter.glb(scene, options: options))
        }
    }

    func testDegenerateAndNonFiniteInputDoesNotTrap() throws {
        var scene = EncodingFixtures.oddCube()
        scene.meshes[0].primitives[0].positions = Array(repeating: SIMD3(1, 2, 3), count: 24) // zero extent
        scene.meshes[0].primitives[0].normals[0] = .zero
        scene.meshes[0].primitives[0].colors[1] = SIMD4(2, 0, 0, 1) // out of range: stays float
        for options in [Self.quantized, Self.compressed] {
            let decoded = DecodedGLB(try GLTFWriter.glb(scene, options: options))
            XCTAssertEqual(decoded.accessor("COLOR_0")?["componentType"] as? Int, 5126)
            let positions = try XCTUnwrap(decoded.attribute("POSITION"))
            let world = decoded.instances[0].world
            XCTAssertEqual(world.transformPoint(SIMD3(positions[0], positions[1], positions[2])), SIMD3(1, 2, 3))
        }
        var broken = EncodingFixtures.oddCube()
        broken.meshes[0].primitives[0].positions[3] = SIMD3(.nan, 0, .infinity)
        broken.meshes[0].primitives[0].texCoords[0][2] = SIMD2(.nan, 0)
        XCTAssertNoThrow(try GLTFWriter.glb(broken, options: Self.compressed))
        XCTAssertEqual(DecodedGLB(try GLTFWriter.glb(broken, options: Self.quantized)).accessor("TEXCOORD_0")?["componentType"] as? Int, 5126)
    }

    func testCompressionRejectsIndicesOutOfRangeWithAnError() throws {
        var scene = SceneFixtures.cubeScene()
        scene.meshes[0].primitives[0].indices[5] = 99
        XCTAssertThrowsError(try GLTFWriter.glb(scene, options: Self.compressed))
    }
}
