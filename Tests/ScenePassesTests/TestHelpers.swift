import Foundation
import SceneModel
import ScenePasses
import XCTest

/// Shared builders and measurements for the pass tests.
enum Shapes {
    /// A UV sphere of radius `r` around `centre`, with normals; about 2 × rings × segments triangles.
    static func sphere(rings: Int, segments: Int, radius r: Float = 1, centre: SIMD3<Float> = .zero, material: Int? = nil) -> Primitive {
        var positions: [SIMD3<Float>] = [], normals: [SIMD3<Float>] = [], uvs: [SIMD2<Float>] = [], indices: [UInt32] = []
        for i in 0...rings {
            let theta = Float.pi * Float(i) / Float(rings)
            for j in 0...segments {
                let phi = 2 * Float.pi * Float(j) / Float(segments)
                let n = SIMD3(sin(theta) * cos(phi), cos(theta), sin(theta) * sin(phi))
                positions.append(centre + n * r)
                normals.append(n)
                uvs.append(SIMD2(Float(j) / Float(segments), Float(i) / Float(rings)))
            }
        }
        let row = UInt32(segments + 1)
        for i in 0..<UInt32(rings) {
            for j in 0..<UInt32(segments) {
                let a = i * row + j, b = a + row
                if i != 0 { indices += [a, a + 1, b] }
                if i != UInt32(rings) - 1 { indices += [a + 1, b + 1, b] }
            }
        }
        return Primitive(positions: positions, normals: normals, texCoords: [uvs], indices: indices, material: material)
    }

    /// A closed cylinder along Y: thin when `radius` is small.
    static func cylinder(radius: Float, height: Float, segments: Int, centre: SIMD3<Float>) -> Primitive {
        var positions: [SIMD3<Float>] = [], indices: [UInt32] = []
        for j in 0..<segments {
            let phi = 2 * Float.pi * Float(j) / Float(segments)
            positions.append(centre + SIMD3(radius * cos(phi), 0, radius * sin(phi)))
            positions.append(centre + SIMD3(radius * cos(phi), height, radius * sin(phi)))
        }
        positions.append(centre)
        positions.append(centre + SIMD3(0, height, 0))
        let s = UInt32(segments), bottom = 2 * s, top = 2 * s + 1
        for j in 0..<s {
            let k = (j + 1) % s
            indices += [2 * j, 2 * j + 1, 2 * k, 2 * k, 2 * j + 1, 2 * k + 1, bottom, 2 * j, 2 * k, top, 2 * k + 1, 2 * j + 1]
        }
        return Primitive(positions: positions, indices: indices)
    }

    static func singleMeshScene(_ primitives: [Primitive], materials: [Material] = []) -> Scene {
        Scene(nodes: [Node(name: "model", mesh: 0)], roots: [0], meshes: [Mesh(name: "mesh", primitives: primitives)], materials: materials)
    }
}

func assertValid(_ scene: Scene, _ label: String = "", file: StaticString = #filePath, line: UInt = #line) {
    let issues = validationIssues(in: scene)
    XCTAssert(issues.isEmpty, "\(label): \(issues.prefix(5))", file: file, line: line)
}

func assertClose(_ a: SIMD3<Float>, _ b: SIMD3<Float>, tolerance: Float = 1e-5, file: StaticString = #filePath, line: UInt = #line) {
    XCTAssert(((a - b) * (a - b)).sum().squareRoot() <= tolerance, "\(a) != \(b)", file: file, line: line)
}

/// Every drawn triangle in world space (node transforms applied; skinning ignored).
func worldTriangles(_ scene: Scene) -> [SIMD3<Float>] {
    let world = scene.worldTransforms()
    var out: [SIMD3<Float>] = []
    for n in scene.reachableNodes() {
        guard let m = scene.nodes[n].mesh else { continue }
        for primitive in scene.meshes[m].primitives {
            let placed = primitive.positions.map { world[n].transformPoint($0) }
            for index in primitive.indices { out.append(placed[Int(index)]) }
        }
    }
    return out
}

/// A tiny coverage rasterizer: the fraction of agreement between two scenes' silhouettes seen
/// along X, Y and Z (intersection over union of covered pixels), on a `resolution`² grid
/// spanning the first scene's bounds. Returns one IoU per axis.
func silhouetteIoU(_ a: Scene, _ b: Scene, resolution: Int = 128) -> [Double] {
    let trianglesA = worldTriangles(a), trianglesB = worldTriangles(b)
    let box = Bounds(points: trianglesA)
    return (0..<3).map { axis in
        let (u, v) = [(1, 2), (0, 2), (0, 1)][axis]
        let maskA = coverage(trianglesA, u, v, box, resolution), maskB = coverage(trianglesB, u, v, box, resolution)
        var inter = 0, union = 0
        for i in maskA.indices {
            if maskA[i] && maskB[i] { inter += 1 }
            if maskA[i] || maskB[i] { union += 1 }
        }
        return union == 0 ? 1 : Double(inter) / Double(union)
    }
}

private func coverage(_ triangles: [SIMD3<Float>], _ u: Int, _ v: Int, _ box: Bounds, _ n: Int) -> [Bool] {
    var mask = [Bool](repeating: false, count: n * n)
    let minU = box.min[u], minV = box.min[v]
    let spanU = max(box.max[u] - minU, 1e-9), spanV = max(box.max[v] - minV, 1e-9)
    func px(_ p: SIMD3<Float>) -> SIMD2<Float> { SIMD2((p[u] - minU) / spanU * Float(n), (p[v] - minV) / spanV * Float(n)) }
    var t = 0
    while t + 2 < triangles.count {
        let a = px(triangles[t]), b = px(triangles[t + 1]), c = px(triangles[t + 2])
        t += 3
        let area = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x)
        guard area != 0 else { continue }
        let x0 = max(0, Int(min(a.x, b.x, c.x).rounded(.down))), x1 = min(n - 1, Int(max(a.x, b.x, c.x).rounded(.up)))
        let y0 = max(0, Int(min(a.y, b.y, c.y).rounded(.down))), y1 = min(n - 1, Int(max(a.y, b.y, c.y).rounded(.up)))
        guard x0 <= x1, y0 <= y1 else { continue }
        for y in y0...y1 {
            for x in x0...x1 {
                let p = SIMD2(Float(x) + 0.5, Float(y) + 0.5)
                let w0 = (b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)
                let w1 = (c.x - b.x) * (p.y - b.y) - (c.y - b.y) * (p.x - b.x)
                let w2 = (a.x - c.x) * (p.y - c.y) - (a.y - c.y) * (p.x - c.x)
                if (w0 >= 0 && w1 >= 0 && w2 >= 0) || (w0 <= 0 && w1 <= 0 && w2 <= 0) { mask[y * n + x] = true }
            }
        }
    }
    return mask
}
