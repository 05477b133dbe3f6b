import Foundation
import Imaging

// Giỏ tre (woven bamboo basket): flared round basket with a thick rim and a bow handle.
// OBJ + MTL + PNG: the walls carry a procedurally woven texture, rim and handle are plain
// bamboo. 0.36 m to the top of the handle.

enum GioTre {
    static let directory = "gio-tre"

    static func make() throws -> GeneratedModel {
        let segments = 48, t: Float = 0.006, rimY: Float = 0.2
        let wall = (0...8).map { k -> Vec2 in
            let s = Float(k) / 8
            return Vec2(0.10 + 0.06 * s * (0.6 + 0.4 * s), rimY * s)
        }
        var basket = Mesh.lathe([Vec2(0, 0), Vec2(0.10, 0)], segments: segments)
        basket.append(Mesh.lathe(wall, segments: segments))
        // Inside: the wall moved inwards and walked top-down, then the inner floor.
        let innerWall = wall.reversed().map { Vec2($0.x - t, max($0.y, t)) }
        basket.append(Mesh.lathe(Array(innerWall), segments: segments))
        basket.append(Mesh.lathe([Vec2(0.10 - t, t), Vec2(0, t)], segments: segments))

        var rim = Mesh.torus(major: wall.last!.x - t / 2, minor: 0.009, segments: segments, sides: 8)
            .transformed(.translate(0, rimY, 0))
        // Handle: half a torus standing over the basket, its ends sunk into the rim.
        let handleRadius: Float = 0.155, handleThickness: Float = 0.008
        let circle = (0...8).map { k -> Vec2 in
            let phi = -Float.pi + 2 * Float.pi * Float(k) / 8
            return Vec2(handleRadius + handleThickness * cos(phi), handleThickness * sin(phi))
        }
        rim.append(Mesh.lathe(circle, segments: 24, startAngle: -.pi / 2, sweep: .pi),
                   .translate(0, rimY, 0) * .rotateX(-.pi / 2))

        let materials = [
            MaterialSpec(name: "nan_tre", diffuse: Vec3(1, 1, 1), texture: "gio-tre-nan.png",
                         specular: Vec3(0.04, 0.04, 0.04), shininess: 12),
            MaterialSpec(name: "vanh_tre", diffuse: rgb(0xA47A42), specular: Vec3(0.06, 0.06, 0.05), shininess: 20),
        ]
        let parts = [Part(name: "than_gio", material: 0, mesh: basket), Part(name: "vanh_quai", material: 1, mesh: rim)]
        var files = OBJWriter.write(baseName: "gio-tre", directory: directory,
                                    title: "Giỏ tre (woven bamboo basket) — SmartVillage example model",
                                    parts: parts, materials: materials)
        files.append(try encodePNG(try weaveTexture(), path: "\(directory)/gio-tre-nan.png"))
        return GeneratedModel(name: "gio-tre", files: files, parts: parts)
    }

    /// Plain weave: strands go alternately over and under; each strand has its own shade.
    static func weaveTexture() throws -> RGBAImage {
        let warps = 48, wefts = 12
        let light = rgb(0xD8BC84), dark = rgb(0xAE8A52), gap = rgb(0x4A3820)
        return try paintTexture(width: 512, height: 512) { u, v in
            let x = u * Float(warps), y = v * Float(wefts)
            let i = Int(x.rounded(.down)), j = Int(y.rounded(.down))
            let fu = x - Float(i), fv = y - Float(j)
            let warpOnTop = (i + j) % 2 == 0
            let inWarp = abs(fu - 0.5) < 0.42, inWeft = abs(fv - 0.5) < 0.42
            func strand(_ index: Int, _ seed: UInt64, across: Float, along: Float, onTop: Bool) -> Vec3 {
                let shade = mix(dark, light, hash01(index % (seed == 1 ? warps : wefts), 0, seed: seed))
                let round = 0.75 + 0.25 * sin(.pi * clamp01((across - 0.08) / 0.84))
                // A strand darkens where it dives under its neighbour.
                let dive: Float = onTop ? 1 - 0.25 * pow(abs(along - 0.5) * 2, 4) : 0.7
                return shade * round * dive
            }
            if warpOnTop {
                if inWarp { return strand(i, 1, across: fu, along: fv, onTop: true) }
                if inWeft { return strand(j, 2, across: fv, along: fu, onTop: false) }
            } else {
                if inWeft { return strand(j, 2, across: fv, along: fu, onTop: true) }
                if inWarp { return strand(i, 1, across: fu, along: fv, onTop: false) }
            }
            return gap
        }
    }
}
