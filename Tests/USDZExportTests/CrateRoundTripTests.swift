import SceneModel
import TestSupport
import XCTest
@testable import USDZExport

/// The Crate bytes, read back by the tests' own reader, say what the stage model says.
final class CrateRoundTripTests: XCTestCase {
    func testCubeLayerReadsBack() throws {
        var scene = SceneFixtures.cubeScene(image: Image(name: "tex", format: .png, data: USDZPackageTests.pngBytes))
        scene.nodes[0].transform = .translation(SIMD3(0, 0.5, 0))
        let content = USDStageBuilder.build(scene)
        let crate = try CrateReader(USDCWriter.write(content.stage))
        XCTAssertEqual(crate.version, [0, 2, 0])

        let root = try XCTUnwrap(crate.spec("/"))
        XCTAssertEqual(root.type, 7)
        XCTAssertEqual(root.fields["defaultPrim"], .value(.token("Root")))
        XCTAssertEqual(root.fields["metersPerUnit"], .value(.double(1)))
        XCTAssertEqual(root.fields["upAxis"], .value(.token("Y")))
        XCTAssertEqual(root.fields["primChildren"], .tokenVector(["Root"]))

        // Every prim and property of the model is a spec, and nothing else is.
        var expected: Set<String> = ["/"]
        for (path, prim) in content.stage.allPrims() {
            expected.insert(path.description)
            for property in prim.properties { expected.insert(path.appendingProperty(property.name).description) }
        }
        XCTAssertEqual(Set(crate.specs.map(\.path)), expected)
        XCTAssertEqual(crate.specs.count, expected.count, "no spec twice")

        let mesh = try XCTUnwrap(crate.spec("/Root/cube/cube"))
        XCTAssertEqual(mesh.fields["typeName"], .value(.token("Mesh")))
        XCTAssertEqual(mesh.fields["specifier"], .specifier(0))
        XCTAssertEqual(mesh.fields["apiSchemas"], .tokenListOp(prepended: ["MaterialBindingAPI"]))
        XCTAssertEqual(crate.spec("/Root/cube/cube.material:binding")?.fields["targetPaths"],
                       .pathListOp(explicit: ["/Root/Materials/cube"]))
        XCTAssertEqual(crate.spec("/Root/cube/cube.points")?.fields["default"],
                       .value(.float3Array(scene.meshes[0].primitives[0].positions)))
        XCTAssertEqual(crate.spec("/Root/cube/cube.points")?.fields["typeName"], .value(.token("point3f[]")))
        XCTAssertEqual(crate.spec("/Root/cube/cube.normals")?.fields["interpolation"], .value(.token("vertex")))
        XCTAssertEqual(crate.spec("/Root/cube/cube.subdivisionScheme")?.fields["variability"], .variability(1))
        XCTAssertEqual(crate.spec("/Root/cube.xformOpOrder")?.fields["default"], .value(.tokenArray(["xformOp:transform"])))

        let material = "/Root/Materials/cube"
        XCTAssertEqual(crate.spec(material + ".outputs:surface")?.fields["connectionPaths"],
                       .pathListOp(explicit: [material + "/PreviewSurface.outputs:surface"]))
        XCTAssertEqual(crate.spec(material + "/PreviewSurface.inputs:diffuseColor")?.fields["connectionPaths"],
                       .pathListOp(explicit: [material + "/BaseColorTexture.outputs:rgb"]))
        XCTAssertEqual(crate.spec(material + "/PreviewSurface.inputs:roughness")?.fields["default"], .value(.float(0.7)))
        XCTAssertEqual(crate.spec(material + "/BaseColorTexture.inputs:file")?.fields["default"], .value(.asset("textures/tex.png")))
        XCTAssertEqual(crate.spec(material + "/BaseColorTexture.inputs:scale")?.fields["default"],
                       .value(.float4(SIMD4(0.8, 0.2, 0.2, 1))))
        XCTAssertEqual(crate.spec(material + "/PrimvarReader_st.inputs:varname")?.fields["default"], .value(.string("st")))

        let bounds = try XCTUnwrap(crate.worldPointBounds())
        XCTAssertEqual(bounds.min, SIMD3(-0.5, 0, -0.5))
        XCTAssertEqual(bounds.max, SIMD3(0.5, 1, 0.5))
    }

    func testIdenticalArraysAreStoredOnce() throws {
        var scene = SceneFixtures.cubeScene()
        scene.nodes = [Node(name: "a", mesh: 0), Node(name: "b", transform: .translation(SIMD3(2, 0, 0)), mesh: 0)]
        scene.roots = [0, 1]
        let one = USDCWriter.write(USDStageBuilder.build(SceneFixtures.cubeScene()).stage).count
        let two = USDCWriter.write(USDStageBuilder.build(scene).stage).count
        XCTAssertLessThan(two - one, 1500, "the second instance adds specs, not a second copy of its arrays")
        let crate = try CrateReader(USDCWriter.write(USDStageBuilder.build(scene).stage))
        XCTAssertEqual(crate.spec("/Root/a/cube.points")?.fields["default"], crate.spec("/Root/b/cube.points")?.fields["default"])
        let bounds = try XCTUnwrap(crate.worldPointBounds())
        XCTAssertEqual(bounds.max.x, 2.5)
    }
}
