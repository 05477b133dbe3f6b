import Foundation
import SceneImport
import SceneModel
import TestSupport
import XCTest

/// What the importer must get right, checked on real files from ../shared/corpus.
final class CorpusFeatureTests: XCTestCase {
    var corpus: Corpus!

    override func setUpWithError() throws {
        guard let found = Corpus.locate() else { throw XCTSkip(Corpus.missingMessage) }
        corpus = found
    }

    func load(_ path: String) throws -> SceneImporter.Result {
        try SceneImporter.importFile(at: corpus.root.appendingPathComponent(path), options: .init(displayName: path))
    }

    func testGLTFTextureAndCountsMatchTheSource() throws {
        let result = try load("gltf/BoxTextured/BoxTextured.gltf")
        XCTAssertEqual(result.scene.drawnTriangleCount, 12)
        XCTAssertEqual(result.scene.images.count, 1)
        XCTAssertEqual(result.scene.images[0].format, .png)
        XCTAssertNotNil(result.scene.materials.first?.baseColorTexture)
        XCTAssertEqual(result.warnings, [])
    }

    func testMissingTextureIsAWarningNamingModelAndPath() throws {
        let result = try load("gltf/Lantern/Lantern.gltf")
        XCTAssertTrue(result.warnings.contains { $0.file == "gltf/Lantern/Lantern.gltf" && $0.message.contains("Lantern_baseColor.png") },
                      "\(result.warnings)")
        let material = try XCTUnwrap(result.scene.materials.first)
        XCTAssertNil(material.baseColorTexture)
        XCTAssertNotNil(material.normalTexture)
        XCTAssertNotNil(material.metallicRoughnessTexture)
        XCTAssertNotNil(material.emissiveTexture)
    }

    func testAlphaModesAndCutoffsSurvive() throws {
        let modes = Set(try load("glb/AlphaBlendModeTest.glb").scene.materials.map(\.alphaMode))
        XCTAssertEqual(modes, [.opaque, .mask, .blend])
    }

    func testVertexColoursAreRead() throws {
        let scene = try load("obj/cube_with_vertexcolors.obj").scene
        let primitive = try XCTUnwrap(scene.meshes.first?.primitives.first)
        XCTAssertEqual(primitive.colors.count, primitive.vertexCount)
        XCTAssertGreaterThan(Set(primitive.colors.map { "\($0)" }).count, 1, "more than one colour")
    }

    func testTextureNamesWithWrongCaseAreFound() throws {
        // test1.3ds refers to *.JPG while the files are *.jpg.
        let result = try load("3ds/test1/test1.3ds")
        XCTAssertFalse(result.scene.images.isEmpty)
        XCTAssertFalse(result.warnings.contains { $0.message.contains("not found") }, "\(result.warnings)")
    }

    func testTGATexturesBecomePNG() throws {
        let result = try load("dae/duck/duck.dae")
        XCTAssertEqual(result.scene.images.map(\.format), [.png])
        XCTAssertEqual(Array(result.scene.images[0].data.prefix(4)), [0x89, 0x50, 0x4E, 0x47])
    }

    func testEmbeddedFBXTextureIsUsed() throws {
        let result = try load("fbx/embedded_ascii/box.FBX")
        XCTAssertEqual(result.scene.images.count, 1)
        XCTAssertNotNil(result.scene.materials.first?.baseColorTexture)
    }

    func testAbsoluteWindowsTexturePathsAreWarningsNotFailures() throws {
        let result = try load("fbx/spider.fbx")
        XCTAssertGreaterThan(result.scene.drawnTriangleCount, 0)
        XCTAssertFalse(result.warnings.isEmpty)
    }

    func testLeftOutFeaturesAreNamed() throws {
        // Skins, animations and morph targets are kept now (AnimationImportTests); what is still
        // lost is named: here, bones that name frames the file does not contain.
        let skinned = try load("x/anim_test.x")
        XCTAssertTrue(skinned.warnings.contains { $0.message.contains("bone 'joint4'") }, "\(skinned.warnings)")
        let temp = try TemporaryDirectory("lines")
        defer { temp.remove() }
        let obj = temp.url.appendingPathComponent("lines.obj")
        try Data("v 0 0 0\nv 1 0 0\nv 0 1 0\nv 0 0 1\nf 1 2 3\nl 1 4\nl 2 4\n".utf8).write(to: obj)
        let lines = try SceneImporter.importFile(at: obj)
        XCTAssertEqual(lines.scene.drawnTriangleCount, 1)
        XCTAssertTrue(lines.warnings.contains { $0.message.contains("points or lines") }, "\(lines.warnings)")
    }

    func testPhongMaterialsBecomeNonMetallicPBR() throws {
        let scene = try load("obj/mat_test/mat_test.obj").scene
        XCTAssertFalse(scene.materials.isEmpty)
        for material in scene.materials {
            XCTAssertEqual(material.metallicFactor, 0)
            XCTAssertGreaterThan(material.roughnessFactor, 0)
        }
    }

    func testFBXUnitsAreRecorded() throws {
        let scene = try load("fbx/cubes_with_names.fbx").scene
        XCTAssertEqual(scene.source.format, "fbx")
        XCTAssertNotNil(scene.source.metresPerUnit)
    }

    func testBrokenFilesFailWithTheFileNamed() throws {
        // The crashing .ply and the absurd-allocation .off are left to the child-process tests
        // (SiteBuildTests), which run them under a memory limit: here they would take this test
        // process down or make it allocate for a minute.
        for entry in corpus.broken where !entry.path.contains("crash-") && !entry.path.contains("OutOfMemory") {
            XCTAssertThrowsError(try load(entry.path), entry.path) { error in
                XCTAssertTrue("\(error)".hasPrefix(entry.path + ":"), "\(error)")
            }
        }
    }

    func testMissingFileAndFolderAreClearErrors() throws {
        XCTAssertThrowsError(try load("does-not-exist.obj")) { XCTAssertTrue("\($0)".contains("not found")) }
        XCTAssertThrowsError(try load("obj")) { XCTAssertTrue("\($0)".contains("folder")) }
    }
}
