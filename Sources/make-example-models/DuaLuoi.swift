import Foundation
import Imaging

// Dưa lưới (netted melon): a slightly tall ellipsoid with a T-shaped stem, OBJ + MTL + PNG.
// The rind texture is two layers of Voronoi borders (a coarse net and a faint fine one) over a
// mottled green — the "lưới" that gives the melon its name.

enum DuaLuoi {
    static let directory = "dua-luoi"

    static func make() throws -> GeneratedModel {
        let rx: Float = 0.07, ry: Float = 0.075
        let rings = 32, segments = 48
        // Ellipsoid, bottom pole on y = 0; the very top dips a little where the stem sits.
        let profile = (0...rings).map { k -> Vec2 in
            let phi = -Float.pi / 2 + Float.pi * Float(k) / Float(rings)
            let dip: Float = k == rings ? -0.002 : 0
            return Vec2(rx * cos(phi), ry + ry * sin(phi) + dip)
        }
        let body = Mesh.lathe(profile, segments: segments)

        var stem = Mesh.cylinder(radius: 0.0045, height: 0.018, segments: 10)
            .transformed(.translate(0, 2 * ry - 0.004, 0))
        // The short piece of vine melons are sold with, across the top of the stem.
        stem.append(Mesh.cylinder(radius: 0.0035, height: 0.036, segments: 10),
                    .translate(-0.018, 2 * ry + 0.011, 0) * .rotateZ(-.pi / 2))

        let materials = [
            MaterialSpec(name: "vo_dua_luoi", diffuse: Vec3(1, 1, 1), texture: "dua-luoi-vo.png",
                         specular: Vec3(0.08, 0.08, 0.08), shininess: 30),
            MaterialSpec(name: "cuong_dua", diffuse: rgb(0x7A7A3A), specular: Vec3(0.02, 0.02, 0.02), shininess: 8),
        ]
        let parts = [Part(name: "qua_dua", material: 0, mesh: body), Part(name: "cuong", material: 1, mesh: stem)]
        var files = OBJWriter.write(baseName: "dua-luoi", directory: directory,
                                    title: "Dưa lưới (netted melon) — SmartVillage example model",
                                    parts: parts, materials: materials)
        files.append(try encodePNG(try rindTexture(), path: "\(directory)/dua-luoi-vo.png"))
        return GeneratedModel(name: "dua-luoi", files: files, parts: parts)
    }

    /// Feature points of a jittered grid that wraps in both directions.
    struct Cells {
        let nx: Int, ny: Int
        let points: [Vec2]
        init(nx: Int, ny: Int, seed: UInt64) {
            var rng = SplitMix64(seed: seed)
            var pts: [Vec2] = []
            for _ in 0..<(nx * ny) { pts.append(Vec2(0.15 + 0.7 * rng.nextFloat(), 0.15 + 0.7 * rng.nextFloat())) }
            self.nx = nx; self.ny = ny; points = pts
        }
        /// Distance from the nearest cell border, in cell units (F2 − F1 of the Voronoi diagram).
        func border(_ u: Float, _ v: Float) -> Float {
            let x = u * Float(nx), y = v * Float(ny)
            let cx = Int(x.rounded(.down)), cy = Int(y.rounded(.down))
            var f1 = Float.infinity, f2 = Float.infinity
            for dy in -1...1 {
                for dx in -1...1 {
                    let i = cx + dx, j = cy + dy
                    let p = points[(((j % ny) + ny) % ny) * nx + ((i % nx) + nx) % nx]
                    let d = Vec2(Float(i) + p.x - x, Float(j) + p.y - y)
                    let dist = (d * d).sum().squareRoot()
                    if dist < f1 { f2 = f1; f1 = dist } else if dist < f2 { f2 = dist }
                }
            }
            return f2 - f1
        }
    }

    static func rindTexture() throws -> RGBAImage {
        // u runs around the melon (≈ 0.44 m), v from pole to pole (≈ 0.23 m): twice as many cells
        // across u keeps them roughly square on the fruit.
        let coarse = Cells(nx: 22, ny: 11, seed: 0xD0A_1101)
        let fine = Cells(nx: 44, ny: 22, seed: 0xD0A_1102)
        let deep = rgb(0x3F6B2A), light = rgb(0x6E9A45), net = rgb(0xD8D8B8), netShadow = rgb(0x2F4F22)
        return try paintTexture(width: 512, height: 512) { u, v in
            let mottle = tileFBM(u, v, periodX: 8, periodY: 4, seed: 77)
            var c = mix(deep, light, mottle)
            // Faint lengthwise bands, like the sutures of a cantaloupe.
            let band = 0.5 + 0.5 * cos(u * 2 * .pi * 10)
            c = mix(c, deep * 0.85, 0.18 * band * band)
            // Fine net: thin, half-transparent.
            let fb = fine.border(u, v)
            c = mix(c, net, 0.45 * (1 - smoothstep(0.03, 0.09, fb)))
            // Coarse net: a shadow just beside the raised cork ridge, then the ridge itself.
            let width = 0.07 + 0.05 * tileNoise(u, v, periodX: 16, periodY: 8, seed: 99)
            let cb = coarse.border(u, v)
            c = mix(c, netShadow, 0.35 * (1 - smoothstep(width, width * 1.9, cb)))
            c = mix(c, net * (0.9 + 0.1 * mottle), 1 - smoothstep(width * 0.6, width, cb))
            // Stem scar on top, blossom scar underneath.
            if v > 0.965 { c = mix(c, rgb(0x8A8250), smoothstep(0.965, 0.99, v)) }
            if v < 0.03 { c = mix(c, rgb(0xA09A70), 1 - smoothstep(0.01, 0.03, v)) }
            return c
        }
    }
}
