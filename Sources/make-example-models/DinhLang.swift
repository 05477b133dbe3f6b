import Foundation

// Đình làng (village communal house), binary PLY with vertex colours: a stone platform with
// steps, sixteen lacquered columns on base stones, tie beams, wooden walls and door panels, and
// a hip roof whose slopes curve (steep at the ridge, flat at the eaves) with corners turned up,
// ridges on top and a gilded orb in the middle. About 7.8 m × 6 m, 5.2 m high. Front faces +Z.

enum DinhLang {
    static let directory = "dinh-lang"

    // Roof: eaves at ±ax / ±az, ridge along x with half-length `ridge`.
    static let ax: Float = 3.9, az: Float = 3.0, ridge: Float = 1.6
    static let eaveY: Float = 2.45, ridgeY: Float = 4.6, roofThickness: Float = 0.15
    static let floorY: Float = 0.45

    /// Height of the roof's top surface at fraction `d` from ridge (0) to eave (1).
    static func roofHeight(_ d: Float) -> Float { eaveY + (ridgeY - eaveY) * pow(1 - d, 1.35) }
    /// The upturn towards the four corners.
    static func cornerLift(_ x: Float, _ z: Float) -> Float {
        0.45 * pow(min(abs(x) / ax, 1.2), 4) * pow(min(abs(z) / az, 1.2), 4)
    }
    static func halfSpan(_ q: Float) -> Float { ridge + q * (ax - ridge) }

    enum Face: CaseIterable { case front, back, right, left }

    /// A point of one roof face: `q` from ridge (0) to eave (1), `p` across the face, oriented
    /// so that ∂/∂p × ∂/∂q points up and out (see the winding note in Shapes.swift).
    static func roofPoint(_ face: Face, _ p: Float, _ q: Float, drop: Float = 0) -> Vec3 {
        let span = halfSpan(q)
        let xz: Vec2
        switch face {
        case .front: xz = Vec2(span - 2 * span * p, q * az)
        case .back: xz = Vec2(-span + 2 * span * p, -q * az)
        case .right: xz = Vec2(span, -q * az + 2 * q * az * p)
        case .left: xz = Vec2(-span, q * az - 2 * q * az * p)
        }
        return Vec3(xz.x, roofHeight(q) + cornerLift(xz.x, xz.y) - drop, xz.y)
    }

    /// The roof at (x, z), for fitting columns under it.
    static func roofUnderside(x: Float, z: Float) -> Float {
        let d = max(abs(z) / az, (abs(x) - ridge) / (ax - ridge), 0)
        return roofHeight(d) + cornerLift(x, z) - roofThickness
    }

    static func make() throws -> GeneratedModel {
        let stone = rgb(0xA39E93), plinth = rgb(0x7D786E), baseStone = rgb(0x8C8578)
        let lacquer = rgb(0x7A2E1E), beamWood = rgb(0x5E3A22), wallWood = rgb(0x8B5A33), door = rgb(0x6B4226)
        let tileA = rgb(0x9C4A2E), tileB = rgb(0xB8643C), rafters = rgb(0x5A3A24)
        let ridgeLime = rgb(0xD8D0BE), gold = rgb(0xD4A53A)

        var house = Mesh()
        // Platform on a slightly wider plinth, two steps up in front of the middle bay.
        house.append(Mesh.box(min: Vec3(-3.6, 0, -2.6), max: Vec3(3.6, 0.1, 2.6), color: plinth))
        house.append(Mesh.box(min: Vec3(-3.5, 0.1, -2.5), max: Vec3(3.5, floorY, 2.5), color: stone))
        house.append(Mesh.box(min: Vec3(-1.1, 0, 2.5), max: Vec3(1.1, 0.30, 2.8), color: stone))
        house.append(Mesh.box(min: Vec3(-1.1, 0, 2.79), max: Vec3(1.1, 0.15, 3.1), color: stone))

        // Columns: four rows of four; the inner ones (cột cái) run up to the high part of the roof.
        let xs: [Float] = [-2.7, -0.9, 0.9, 2.7], zs: [Float] = [-1.8, -0.6, 0.6, 1.8]
        for z in zs {
            for x in xs {
                house.append(Mesh.box(min: Vec3(x - 0.17, floorY, z - 0.17), max: Vec3(x + 0.17, floorY + 0.1, z + 0.17),
                                      color: baseStone))
                let top = roofUnderside(x: x, z: z) + 0.05
                let r: Float = abs(z) < 1 ? 0.13 : 0.11
                house.append(Mesh.cylinder(radius: r, height: top - floorY - 0.1, segments: 14, color: lacquer),
                             .translate(x, floorY + 0.1, z))
            }
        }
        // Tie beams along the front and back rows and across each column line.
        for z in [Float(-1.8), 1.8] {
            house.append(Mesh.box(min: Vec3(-2.85, 2.6, z - 0.09), max: Vec3(2.85, 2.8, z + 0.09), color: beamWood))
        }
        for x in xs {
            house.append(Mesh.box(min: Vec3(x - 0.09, 2.6, -1.9), max: Vec3(x + 0.09, 2.8, 1.9), color: beamWood))
        }
        // Walls: back and sides of the hall, wooden door panels in the side bays of the front
        // wall (second column row); the middle bay stays open, the front row is a veranda.
        house.append(Mesh.box(min: Vec3(-2.7, floorY, -1.86), max: Vec3(2.7, 2.6, -1.74), color: wallWood))
        for x in [Float(-2.7), 2.7] {
            house.append(Mesh.box(min: Vec3(x - 0.06, floorY, -1.8), max: Vec3(x + 0.06, 2.6, 0.6), color: wallWood))
        }
        for x0 in [Float(-2.7), 0.9] {
            for k in 0..<4 {
                let a = x0 + 0.1 + Float(k) * 0.42
                house.append(Mesh.box(min: Vec3(a, floorY, 0.56), max: Vec3(a + 0.38, 2.4, 0.64), color: door))
            }
            house.append(Mesh.box(min: Vec3(x0, 2.4, 0.55), max: Vec3(x0 + 1.8, 2.6, 0.65), color: wallWood))
        }

        house.append(roof(tileA: tileA, tileB: tileB, underside: rafters))

        // Main ridge with turned-up ends, hip ridges curling up at the corners (đầu đao), and
        // the gilded orb in the middle of the ridge.
        house.append(Mesh.box(min: Vec3(-ridge - 0.15, ridgeY - 0.06, -0.13), max: Vec3(ridge + 0.15, ridgeY + 0.28, 0.13),
                              color: ridgeLime))
        for side in [Float(-1), 1] {
            let end = Mesh.box(min: Vec3(-0.12, 0, -0.1), max: Vec3(0.12, 0.55, 0.1), color: ridgeLime)
            house.append(end, .translate(side * (ridge + 0.1), ridgeY + 0.1, 0) * .rotateZ(-side * 0.45))
        }
        for (sx, sz) in [(Float(1), Float(1)), (1, -1), (-1, 1), (-1, -1)] {
            var path: [Vec3] = []
            for k in 0...12 {
                let q = Float(k) / 12
                let x = sx * halfSpan(q), z = sz * q * az
                path.append(Vec3(x, roofHeight(q) + cornerLift(x, z), z))
            }
            // The curl beyond the corner.
            let corner = path.last!, dir = normalize(Vec3(sx * (ax - ridge), 0, sz * az))
            path.append(corner + dir * 0.2 + Vec3(0, 0.12, 0))
            path.append(corner + dir * 0.35 + Vec3(0, 0.38, 0))
            house.append(sweepBox(path, halfWidth: 0.09, height: 0.2, color: ridgeLime))
        }
        house.append(Mesh.box(min: Vec3(-0.16, ridgeY + 0.28, -0.1), max: Vec3(0.16, ridgeY + 0.4, 0.1), color: ridgeLime))
        house.append(Mesh.sphere(radius: 0.2, segments: 20, rings: 12, color: gold), .translate(0, ridgeY + 0.58, 0))

        let file = PLYWriter.write(path: "\(directory)/dinh-lang.ply",
                                   comment: "SmartVillage example model: dinh lang (village communal house)", mesh: house)
        return GeneratedModel(name: "dinh-lang", files: [file], parts: [Part(name: "dinh_lang", material: 0, mesh: house)])
    }

    /// The roof as a closed slab: four tiled top faces, the same faces lowered by the thickness
    /// as the (rafter-coloured) underside, and strips along the eaves joining them.
    static func roof(tileA: Vec3, tileB: Vec3, underside: Vec3) -> Mesh {
        var roof = Mesh()
        for face in Face.allCases {
            let cols = (face == .front || face == .back) ? 30 : 16, rows = 10
            var top = Mesh.grid(cols: cols, rows: rows) { p, q in roofPoint(face, p, q) }
            // Alternating colours across the slope read as rows of channel tiles.
            for i in 0..<top.vertexCount { top.colors[i] = (i % (cols + 1)) % 2 == 0 ? tileA : tileB }
            roof.append(top)
            roof.append(Mesh.grid(cols: cols, rows: rows, color: underside) { p, q in
                roofPoint(face, p, q, drop: roofThickness)
            }.flipped())
            roof.append(Mesh.grid(cols: cols, rows: 1, color: tileA) { p, t in
                mix(roofPoint(face, p, 1), roofPoint(face, p, 1, drop: roofThickness), t)
            })
        }
        return roof
    }

    /// A box-section beam swept along `path` (which must not be vertical), sitting on it.
    static func sweepBox(_ path: [Vec3], halfWidth: Float, height: Float, color: Vec3) -> Mesh {
        var rings: [[Vec3]] = []
        for k in path.indices {
            let tangent = normalize(path[min(k + 1, path.count - 1)] - path[max(k - 1, 0)])
            let side = normalize(cross(tangent, Vec3(0, 1, 0)))
            let up = cross(side, tangent)
            let base = path[k] - up * 0.04
            rings.append([base - side * halfWidth, base + side * halfWidth,
                          base + side * halfWidth + up * height, base - side * halfWidth + up * height])
        }
        let n = path.count - 1
        var m = Mesh()
        for c in 0..<4 {
            m.append(Mesh.grid(cols: 1, rows: n, color: color) { s, t in
                let k = Int((t * Float(n)).rounded())
                return mix(rings[k][(c + 1) % 4], rings[k][c], s)
            })
        }
        let first = rings[0], last = rings[n]
        m.addQuad(first[0], first[1] - first[0], first[3] - first[0], color: color)
        m.addQuad(last[0], last[3] - last[0], last[1] - last[0], color: color)
        return m
    }
}
