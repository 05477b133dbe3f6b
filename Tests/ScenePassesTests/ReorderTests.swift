import MeshOptimizer
import SceneModel
import ScenePasses
import XCTest

final class ReorderTests: XCTestCase {
    /// A 16×16 grid whose triangles are shuffled, with every stream derived from the position so
    /// a stream that fails to move with its vertex shows up.
    private func shuffledGrid() -> Primitive {
        let n = 16
        var positions: [SIMD3<Float>] = []
        for y in 0...n { for x in 0...n { positions.append(SIMD3(Float(x), Float(y), Float((x * 7 + y * 3) % 5) * 0.1)) } }
        var triangles: [[UInt32]] = []
        for y in 0..<n {
            for x in 0..<n {
                let a = UInt32(y * (n + 1) + x), b = a + 1, c = a + UInt32(n + 1), d = c + 1
                triangles += [[a, b, c], [c, b, d]]
            }
        }
        // Deterministic shuffle (LCG) so the test input is the same every run.
        var state: UInt64 = 12345
        for i in stride(from: triangles.count - 1, to: 0, by: -1) {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            triangles.swapAt(i, Int(state >> 33) % (i + 1))
        }
        positions.append(SIMD3(99, 99, 99))  // unused: must disappear
        return Primitive(positions: positions, normals: positions.map { SIMD3(0, 0, 1) + $0 * 0 },
                         texCoords: [positions.map { SIMD2($0.x, $0.y) }], colors: positions.map { SIMD4($0.x, $0.y, $0.z, 1) },
                         indices: triangles.flatMap { $0 },
                         joints: positions.map { SIMD4(UInt16($0.x), UInt16($0.y), 0, 0) },
                         weights: positions.map { SIMD4($0.z, 1 - $0.z, 0, 0) },
                         targets: [MorphTarget(positions: positions.map { $0 * 2 })])
    }

    private func triangleSet(_ p: Primitive) -> [[Float]] {
        stride(from: 0, to: p.indices.count, by: 3).map { t in
            // Rotate so the smallest vertex comes first: the same triangle compares equal whatever corner leads.
            let corners = (0..<3).map { p.positions[Int(p.indices[t + $0])] }
            let first = (0..<3).min { corners[$0].x * 1000 + corners[$0].y < corners[$1].x * 1000 + corners[$1].y }!
            return (0..<3).flatMap { k in let c = corners[(first + k) % 3]; return [c.x, c.y, c.z] }
        }.sorted { $0.lexicographicallyPrecedes($1) }
    }

    func testSameTrianglesBetterCacheAndFetchOrder() throws {
        let input = shuffledGrid()
        var scene = Shapes.singleMeshScene([input])
        try reorder(&scene, .default)
        let out = scene.meshes[0].primitives[0]
        XCTAssertEqual(triangleSet(out), triangleSet(input))
        XCTAssertEqual(out.vertexCount, input.vertexCount - 1, "the unused vertex is gone")
        // Fetch order: vertices appear in the order the indices first use them.
        var next: UInt32 = 0
        for index in out.indices where index >= next {
            XCTAssertEqual(index, next)
            next += 1
        }
        // Every stream moved with its vertex.
        for v in 0..<out.vertexCount {
            let p = out.positions[v]
            XCTAssertEqual(out.texCoords[0][v], SIMD2(p.x, p.y))
            XCTAssertEqual(out.colors[v], SIMD4(p.x, p.y, p.z, 1))
            XCTAssertEqual(out.joints[v], SIMD4(UInt16(p.x), UInt16(p.y), 0, 0))
            XCTAssertEqual(out.weights[v], SIMD4(p.z, 1 - p.z, 0, 0))
            XCTAssertEqual(out.targets[0].positions[v], p * 2)
        }
        let before = acmr(input), after = acmr(out)
        XCTAssertLessThan(after, before * 0.75, "ACMR \(before) → \(after)")
        assertValid(scene)
    }

    /// Average cache miss ratio with a 16-entry FIFO: vertices transformed per triangle.
    private func acmr(_ p: Primitive) -> Double {
        var cache: [UInt32] = [], misses = 0
        for index in p.indices where !cache.contains(index) {
            misses += 1
            cache.append(index)
            if cache.count > 16 { cache.removeFirst() }
        }
        return Double(misses) / Double(p.triangleCount)
    }
}
