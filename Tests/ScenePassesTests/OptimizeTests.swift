import Foundation
import SceneImport
import SceneModel
import ScenePasses
import TestSupport
import XCTest

final class OptimizeTests: XCTestCase {
    func testCompositeOnAnInCodeScene() throws {
        // Two copies of a triangle-soup sphere under a scaled group, plus a duplicate material.
        var soup = Shapes.sphere(rings: 30, segments: 30, material: 0)
        soup = unwelded(soup)
        soup.normals = []
        var scene = Scene(nodes: [Node(name: "group", transform: .scale(SIMD3(repeating: 2)), children: [1, 2]),
                                  Node(name: "left", transform: .translation(SIMD3(-2, 0, 0)), mesh: 0),
                                  Node(name: "right", transform: .translation(SIMD3(2, 0, 0)), mesh: 1),
                                  Node(name: "empty")],
                          roots: [0, 3], meshes: [Mesh(primitives: [soup]), Mesh(primitives: [with(soup, material: 1)])],
                          materials: [Material(name: "a"), Material(name: "b")])
        let input = scene
        let report = try optimize(&scene, OptimizeOptions(placement: PlacementOptions(height: 1.5)))
        var again = input
        try optimize(&again, OptimizeOptions(placement: PlacementOptions(height: 1.5)))
        XCTAssertEqual(again, scene, "deterministic")
        XCTAssertEqual(report.trianglesBefore, report.trianglesAfter, "under budget: only degenerate caps could go")
        XCTAssertLessThan(report.verticesAfter, report.verticesBefore / 3, "welded")
        XCTAssertEqual(report.drawCallsBefore, 2)
        XCTAssertEqual(report.drawCallsAfter, 1, "one material after dedupe, one mesh after flatten")
        XCTAssertEqual(scene.materials.count, 1)
        XCTAssertEqual(scene.nodes.map(\.name), ["group"], "the one still root holds the placement")
        XCTAssertFalse(scene.meshes[0].primitives[0].normals.isEmpty)
        let b = visibleBounds(of: scene)
        XCTAssertEqual(b.size.y, 1.5, accuracy: 1e-4)
        XCTAssertEqual(b.min.y, 0, accuracy: 1e-5)
        assertValid(scene)
    }

    /// Every good corpus model through the default pipeline: still a valid scene, and its box is
    /// the source box under the reported scale (within 1 %), centred and grounded.
    func testCorpusModelsStayValidAndInPlace() throws {
        guard let corpus = Corpus.locate() else { throw XCTSkip(Corpus.missingMessage) }
        var lines: [String] = []
        for entry in corpus.good {
            let source: Scene
            do {
                source = try SceneImporter.importFile(at: entry.url, options: .init(displayName: entry.path)).scene
            } catch {
                lines.append("\(entry.path): import failed (\(error)); not a pass concern")
                continue
            }
            var scene = source
            let start = Date()
            let report: OptimizeReport
            do {
                report = try optimize(&scene, .default)
            } catch {
                XCTFail("\(entry.path): \(error)")
                continue
            }
            let seconds = Date().timeIntervalSince(start)
            assertValid(scene, entry.path)
            XCTAssertLessThanOrEqual(report.trianglesAfter, max(100_000, 0), entry.path)
            let before = visibleBounds(of: source), after = visibleBounds(of: scene)
            let scale = report.placement?.scale ?? 1
            let expected = before.size * scale
            let tolerance = max(expected.max() * 0.01, 1e-6)
            XCTAssert(simdAbsMax(after.size - expected) <= tolerance, "\(entry.path): size \(after.size), expected \(expected)")
            XCTAssertEqual(after.min.y, 0, accuracy: tolerance, entry.path)
            XCTAssertEqual(after.center.x, 0, accuracy: tolerance, entry.path)
            XCTAssertEqual(after.center.z, 0, accuracy: tolerance, entry.path)
            XCTAssertEqual(scene.skins.count > 0, source.skins.count > 0, "\(entry.path): skins kept")
            XCTAssertEqual(scene.animations.count, source.animations.filter { !$0.channels.isEmpty }.count, "\(entry.path): animations kept")
            lines.append(String(format: "%@: %@ (%.2f s)", entry.path, report.description, seconds))
        }
        print(lines.joined(separator: "\n"))
    }
}

private func unwelded(_ p: Primitive) -> Primitive {
    var out = p
    out.positions = p.indices.map { p.positions[Int($0)] }
    out.normals = p.normals.isEmpty ? [] : p.indices.map { p.normals[Int($0)] }
    out.texCoords = p.texCoords.map { set in p.indices.map { set[Int($0)] } }
    out.indices = (0..<UInt32(p.indices.count)).map { $0 }
    return out
}

private func with(_ p: Primitive, material: Int) -> Primitive {
    var out = p
    out.material = material
    return out
}

private func simdAbsMax(_ v: SIMD3<Float>) -> Float { max(abs(v.x), abs(v.y), abs(v.z)) }
