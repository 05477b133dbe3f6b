import SceneModel
import TestSupport
import XCTest
@testable import USDZExport

/// What the layer says: stage metadata, hierarchy and transforms, mesh data, the material network.
final class USDLayerTests: XCTestCase {
    func testStageMetadataInText() {
        let text = USDZWriter.usda(SceneFixtures.cubeScene())
        XCTAssertTrue(text.hasPrefix("#usda 1.0\n(\n"))
        XCTAssertTrue(text.contains("defaultPrim = \"Root\"\n"))
        XCTAssertTrue(text.contains("metersPerUnit = 1\n"))
        XCTAssertTrue(text.contains("upAxis = \"Y\"\n"))
        XCTAssertTrue(text.contains("def Xform \"Root\"\n"))
    }

    func testMaterialNetworkIsConnectedInText() {
        let scene = SceneFixtures.cubeScene(image: Image(name: "tex", format: .png, data: USDZPackageTests.pngBytes))
        let text = USDZWriter.usda(scene)
        let material = "/Root/Materials/cube"
        for line in [
            "token outputs:surface.connect = <\(material)/PreviewSurface.outputs:surface>",
            "uniform token info:id = \"UsdPreviewSurface\"",
            "color3f inputs:diffuseColor.connect = <\(material)/BaseColorTexture.outputs:rgb>",
            "float inputs:metallic = 0",
            "float inputs:roughness = 0.7",
            "int inputs:useSpecularWorkflow = 0",
            "uniform token info:id = \"UsdUVTexture\"",
            "asset inputs:file = @textures/tex.png@",
            "float2 inputs:st.connect = <\(material)/PrimvarReader_st.outputs:result>",
            "uniform token inputs:sourceColorSpace = \"sRGB\"",
            "float4 inputs:scale = (0.8, 0.2, 0.2, 1)",
            "uniform token info:id = \"UsdPrimvarReader_float2\"",
            "string inputs:varname = \"st\"",
            "prepend apiSchemas = [\"MaterialBindingAPI\"]",
            "rel material:binding = <\(material)>",
        ] {
            XCTAssertTrue(text.contains(line), "layer text should contain: \(line)\n\(text)")
        }
    }

    /// Every glTF channel maps to the input and texture output the reference note names.
    func testFullPBRMaterialMapping() throws {
        var scene = SceneFixtures.cubeScene()
        scene.images = (0..<5).map { Image(name: "t\($0)", format: .png, data: USDZPackageTests.pngBytes) }
        scene.materials[0] = Material(name: "full", baseColorFactor: SIMD4(1, 1, 1, 0.5), baseColorTexture: TextureRef(image: 0),
                                      metallicFactor: 1, roughnessFactor: 1, metallicRoughnessTexture: TextureRef(image: 1),
                                      normalTexture: TextureRef(image: 2, wrapS: .clampToEdge, wrapT: .mirroredRepeat),
                                      occlusionTexture: TextureRef(image: 3), emissiveFactor: SIMD3(1, 1, 1),
                                      emissiveTexture: TextureRef(image: 4), alphaMode: .mask, alphaCutoff: 0.25)
        let stage = USDStageBuilder.build(scene).stage
        let material = try XCTUnwrap(stage.rootPrims[0].child(named: "Materials")?.child(named: "full"))
        let surface = try XCTUnwrap(material.child(named: "PreviewSurface"))
        let base = USDPath(primNames: ["Root", "Materials", "full"])
        func source(_ input: String) -> USDPath? { surface.attribute(named: "inputs:" + input)?.connections.first }
        XCTAssertEqual(source("diffuseColor"), base.appendingPrim("BaseColorTexture").appendingProperty("outputs:rgb"))
        XCTAssertEqual(source("opacity"), base.appendingPrim("BaseColorTexture").appendingProperty("outputs:a"))
        XCTAssertEqual(surface.attribute(named: "inputs:opacityThreshold")?.value, .float(0.25))
        XCTAssertEqual(source("metallic"), base.appendingPrim("MetallicRoughnessTexture").appendingProperty("outputs:b"))
        XCTAssertEqual(source("roughness"), base.appendingPrim("MetallicRoughnessTexture").appendingProperty("outputs:g"))
        XCTAssertEqual(source("occlusion"), base.appendingPrim("OcclusionTexture").appendingProperty("outputs:r"))
        XCTAssertEqual(source("emissiveColor"), base.appendingPrim("EmissiveTexture").appendingProperty("outputs:rgb"))
        XCTAssertEqual(source("normal"), base.appendingPrim("NormalTexture").appendingProperty("outputs:rgb"))
        let normal = try XCTUnwrap(material.child(named: "NormalTexture"))
        XCTAssertEqual(normal.attribute(named: "inputs:scale")?.value, .float4(SIMD4(2, 2, 2, 1)))
        XCTAssertEqual(normal.attribute(named: "inputs:bias")?.value, .float4(SIMD4(-1, -1, -1, 0)))
        XCTAssertEqual(normal.attribute(named: "inputs:sourceColorSpace")?.value, .token("raw"))
        XCTAssertEqual(normal.attribute(named: "inputs:wrapS")?.value, .token("clamp"))
        XCTAssertEqual(normal.attribute(named: "inputs:wrapT")?.value, .token("mirror"))
        XCTAssertEqual(material.child(named: "BaseColorTexture")?.attribute(named: "inputs:scale")?.value, .float4(SIMD4(1, 1, 1, 0.5)))
        XCTAssertEqual(material.child(named: "EmissiveTexture")?.attribute(named: "inputs:sourceColorSpace")?.value, .token("sRGB"))
        XCTAssertEqual(material.child(named: "OcclusionTexture")?.attribute(named: "inputs:sourceColorSpace")?.value, .token("raw"))
        XCTAssertEqual(USDStageBuilder.build(scene).textures.map(\.path), (0..<5).map { "textures/t\($0).png" })
    }

    func testUVsAreFlippedAndTransformsAreRowMajor() throws {
        var scene = SceneFixtures.cubeScene()
        scene.nodes[0].transform = .translation(SIMD3(1, 2, 3)) * .scale(SIMD3(2, 2, 2))
        let stage = USDStageBuilder.build(scene).stage
        let node = try XCTUnwrap(stage.rootPrims[0].child(named: "cube"))
        XCTAssertEqual(node.attribute(named: "xformOp:transform")?.value,
                       .matrix4d([2, 0, 0, 0, 0, 2, 0, 0, 0, 0, 2, 0, 1, 2, 3, 1]), "translation in the last row")
        XCTAssertEqual(node.attribute(named: "xformOpOrder")?.value, .tokenArray(["xformOp:transform"]))
        let mesh = try XCTUnwrap(node.child(named: "cube"))
        guard case .float2Array(let st)? = mesh.attribute(named: "primvars:st")?.value else { return XCTFail("no st") }
        let uvs = scene.meshes[0].primitives[0].texCoords[0]
        XCTAssertEqual(st.count, uvs.count)
        for (a, b) in zip(st, uvs) { XCTAssertEqual(a, SIMD2(b.x, 1 - b.y)) }
        XCTAssertEqual(mesh.attribute(named: "primvars:st")?.interpolation, "vertex")
        XCTAssertEqual(mesh.attribute(named: "normals")?.interpolation, "vertex")
        XCTAssertEqual(mesh.attribute(named: "faceVertexCounts")?.value, .intArray(Array(repeating: 3, count: 12)))
        XCTAssertEqual(mesh.attribute(named: "extent")?.value, .float3Array([SIMD3(repeating: -0.5), SIMD3(repeating: 0.5)]))
    }

    func testNamesAreValidAndUnique() {
        var scene = SceneFixtures.cubeScene()
        scene.nodes = [Node(name: "Nhà văn hóa", mesh: 0), Node(name: "Nhà văn hóa", mesh: 0), Node(name: "3 Cây.001", mesh: 0),
                       Node(name: "Materials", mesh: 0), Node(name: "", mesh: 0)]
        scene.roots = [0, 1, 2, 3, 4]
        let names = USDStageBuilder.build(scene).stage.rootPrims[0].children.map(\.name)
        XCTAssertEqual(names, ["Materials", "Nha_van_hoa", "Nha_van_hoa_1", "_3_Cay_001", "Materials_1", "node4"])
    }

    func testBadInputDoesNotTrap() throws {
        var scene = SceneFixtures.cubeScene()
        scene.nodes[0].children = [0, 7]                              // a cycle and a dangling index
        scene.meshes[0].primitives[0].indices += [0, 1, 999]          // a triangle pointing nowhere
        scene.meshes[0].primitives[0].normals.removeLast()            // a stream of the wrong length
        scene.meshes[0].primitives[0].material = 42                   // a missing material
        scene.meshes[0].primitives.append(Primitive(positions: [], indices: []))
        let stage = USDStageBuilder.build(scene).stage
        let mesh = try XCTUnwrap(stage.rootPrims[0].child(named: "cube")?.children.first)
        XCTAssertEqual(mesh.attribute(named: "faceVertexIndices")?.value.map { if case .intArray(let a) = $0 { a.count } else { 0 } }, 36)
        XCTAssertNil(mesh.attribute(named: "normals"))
        XCTAssertEqual(mesh.relationship(named: "material:binding")?.targets, [USDPath(primNames: ["Root", "Materials", "Default"])])
        XCTAssertEqual(stage.rootPrims[0].child(named: "cube")?.children.count, 1, "the empty primitive is skipped")
        XCTAssertNoThrow(try USDZWriter.usdz(scene))
    }

    func testLeftOutNamesWhatUSDZDoesNotCarry() {
        var scene = SceneFixtures.cubeScene()
        XCTAssertEqual(USDZWriter.leftOut(scene), [])
        scene.animations = [Animation(name: "spin", channels: [AnimationChannel(node: 0, path: .rotation, times: [0, 1],
                                                                                values: [0, 0, 0, 1, 0, 1, 0, 0])])]
        scene.skins = [Skin(joints: [0], inverseBindMatrices: [.identity])]
        XCTAssertEqual(USDZWriter.leftOut(scene), ["animation", "skinning"])
    }

    func testMorphTargetsAreBakedAtDefaultWeights() throws {
        var scene = SceneFixtures.cubeScene()
        let count = scene.meshes[0].primitives[0].positions.count
        scene.meshes[0].primitives[0].targets = [MorphTarget(positions: Array(repeating: SIMD3(0, 1, 0), count: count))]
        scene.meshes[0].morphWeights = [0.5]
        let mesh = try XCTUnwrap(USDStageBuilder.build(scene).stage.rootPrims[0].child(named: "cube")?.children.first)
        guard case .float3Array(let points)? = mesh.attribute(named: "points")?.value else { return XCTFail("no points") }
        XCTAssertEqual(points[0], scene.meshes[0].primitives[0].positions[0] + SIMD3(0, 0.5, 0))
        XCTAssertEqual(mesh.attribute(named: "extent")?.value, .float3Array([SIMD3(-0.5, 0, -0.5), SIMD3(0.5, 1, 0.5)]))
    }
}
