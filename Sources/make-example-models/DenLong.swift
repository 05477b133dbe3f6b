import Foundation
import Imaging

// Đèn lồng (silk lantern): a bulging silk body between two lacquered caps, a hanging ring on top
// and a tassel below. OBJ + MTL with two materials: red silk (PNG texture) and gilded wood
// (plain colour). 0.45 m from the tassel's tip to the top of the ring.

enum DenLong {
    static let directory = "den-long"
    static let ribs = 8

    static func make() throws -> GeneratedModel {
        let segments = 32
        // Silk body between y = 0.125 and y = 0.385, widest (r = 0.15) in the middle.
        let bodyProfile = (0...24).map { k -> Vec2 in
            let t = Float(k) / 24
            let r = 0.062 + 0.088 * pow(sin(.pi * t), 0.75)
            return Vec2(r, 0.125 + 0.26 * t)
        }
        let silk = Mesh.lathe(bodyProfile, segments: segments)

        var wood = Mesh()
        // Caps: a short cylinder with a bead moulding round its outer edge.
        for (y, outward) in [(Float(0.095), Float(-1)), (Float(0.385), Float(1))] {
            wood.append(Mesh.cylinder(radius: 0.072, height: 0.03, segments: segments), .translate(0, y, 0))
            wood.append(Mesh.torus(major: 0.072, minor: 0.005, segments: segments, sides: 8),
                        .translate(0, y + (outward < 0 ? 0.006 : 0.024), 0))
        }
        // Knobs above and below.
        wood.append(Mesh.cylinder(radius: 0.013, height: 0.016, segments: 16), .translate(0, 0.414, 0))
        wood.append(Mesh.cylinder(radius: 0.013, height: 0.016, segments: 16), .translate(0, 0.080, 0))
        // Hanging ring, standing upright (a torus turned onto its side); top at y = 0.45.
        wood.append(Mesh.torus(major: 0.0095, minor: 0.0028, segments: 20, sides: 8),
                    .translate(0, 0.45 - 0.0095 - 0.0028, 0) * .rotateX(.pi / 2))

        // Tassel: a flared skirt of silk threads, closed at the bottom.
        var tassel = Mesh.lathe([Vec2(0, 0), Vec2(0.021, 0.0), Vec2(0.017, 0.02), Vec2(0.011, 0.05),
                                 Vec2(0.008, 0.072), Vec2(0.009, 0.082)], segments: 16)
        // Only plain red from the texture: no motif on the tassel.
        tassel.uvs = Array(repeating: Vec2(0.75 / Float(ribs), 0.3), count: tassel.vertexCount)

        let materials = [
            MaterialSpec(name: "lua_do", diffuse: Vec3(1, 1, 1), texture: "den-long-lua.png",
                         specular: Vec3(0.1, 0.1, 0.1), shininess: 40),
            MaterialSpec(name: "go_son_vang", diffuse: rgb(0xC8962E), specular: Vec3(0.45, 0.38, 0.2), shininess: 60),
        ]
        let parts = [Part(name: "than_den", material: 0, mesh: silk),
                     Part(name: "tua_den", material: 0, mesh: tassel),
                     Part(name: "nap_go", material: 1, mesh: wood)]
        var files = OBJWriter.write(baseName: "den-long", directory: directory,
                                    title: "Đèn lồng (silk lantern) — SmartVillage example model",
                                    parts: parts, materials: materials)
        files.append(try encodePNG(try silkTexture(), path: "\(directory)/den-long-lua.png"))
        return GeneratedModel(name: "den-long", files: files, parts: parts)
    }

    /// Red silk: eight panels between bamboo ribs, a gold medallion in each, gold borders at
    /// top and bottom.
    static func silkTexture() throws -> RGBAImage {
        let red = rgb(0xB0141E), redDark = rgb(0x7E0C14), gold = rgb(0xE2B447), ribColor = rgb(0x5A1A10)
        let panels = Float(ribs)
        return try paintTexture(width: 512, height: 512) { u, v in
            // Silk sheen: soft horizontal streaks.
            let sheen = tileNoise(u, v, periodX: 2, periodY: 40, seed: 21)
            var c = mix(redDark, red, 0.7 + 0.3 * sheen)
            let pu = u * panels - (u * panels).rounded(.down)   // 0…1 across one panel
            // Ribs: dark lines at the panel edges.
            let edge = min(pu, 1 - pu)
            c = mix(c, ribColor, 1 - smoothstep(0.01, 0.03, edge))
            // Gold borders near the caps, with a thin inner line.
            let border = min(v, 1 - v)
            if border < 0.075 { c = mix(c, gold, 1 - smoothstep(0.05, 0.06, border)) }
            let line = abs(border - 0.09)
            c = mix(c, gold, 1 - smoothstep(0.004, 0.008, line))
            // Medallion in each panel: a ring around a four-petal flower, squashed to look round
            // on the lantern (a panel is ≈ 0.12 m wide, the body ≈ 0.3 m tall).
            let dx = (pu - 0.5) * 0.12, dy = (v - 0.5) * 0.3
            let r = (dx * dx + dy * dy).squareRoot()
            let ring = abs(r - 0.038)
            c = mix(c, gold, 1 - smoothstep(0.0025, 0.0045, ring))
            let a = atan2(dy, dx)
            let petal = 0.026 * abs(cos(2 * a))
            if r < petal { c = mix(c, gold, 0.9) }
            if r < 0.006 { c = mix(c, redDark, 0.8) }
            return c
        }
    }
}
