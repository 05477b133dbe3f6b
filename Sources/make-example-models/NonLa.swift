import Foundation
import Imaging

// Nón lá (palm-leaf conical hat): a slightly convex cone with real thickness (outer and inner
// surfaces) and a bamboo rim ring that closes the edge. OBJ + MTL + JPEG. The texture is mapped
// from above, so its concentric circles become the rings of the hat's bamboo frame.

enum NonLa {
    static let directory = "non-la"
    static let radius: Float = 0.21
    static let height: Float = 0.20
    /// Half-size of the texture's footprint: a bit over the rim so the rim ring is covered too.
    static let mapRadius: Float = 0.216

    static func make() throws -> GeneratedModel {
        let rimY: Float = 0.005, thickness: Float = 0.0035, steps = 16, segments = 48
        // From the rim up to the apex; the `bulge` term makes the cone a little convex.
        let outer = (0...steps).map { k -> Vec2 in
            let t = Float(k) / Float(steps)
            let y = rimY + (height - rimY) * (t + 0.10 * t * (1 - t))
            return Vec2(radius * (1 - t), y)
        }
        // The underside: the same curve lowered by the thickness, walked from the apex down so
        // that its normals face the wearer.
        let inner = outer.reversed().map { Vec2($0.x, $0.y - thickness) }

        var hat = Mesh.lathe(outer, segments: segments)
        hat.append(Mesh.lathe(Array(inner), segments: segments))
        // Vành nón: the rim ring, wide enough to cover the gap between the two surfaces.
        hat.append(Mesh.torus(major: radius, minor: 0.0045, segments: segments, sides: 8),
                   .translate(0, rimY - thickness / 2 + 0.0005, 0))
        // Sit the ring exactly on the ground.
        let lift = -hat.bounds.min.y
        hat = hat.transformed(.translate(0, lift, 0))
        // Planar projection from above.
        hat.uvs = hat.positions.map { Vec2(0.5 + $0.x / (2 * mapRadius), 0.5 - $0.z / (2 * mapRadius)) }

        let materials = [MaterialSpec(name: "la_non", diffuse: Vec3(1, 1, 1), texture: "non-la-la.jpg",
                                      specular: Vec3(0.03, 0.03, 0.03), shininess: 10)]
        let parts = [Part(name: "non_la", material: 0, mesh: hat)]
        var files = OBJWriter.write(baseName: "non-la", directory: directory,
                                    title: "Nón lá (conical hat) — SmartVillage example model",
                                    parts: parts, materials: materials)
        files.append(try encodeJPEG(try leafTexture(), quality: 88, path: "\(directory)/non-la-la.jpg"))
        return GeneratedModel(name: "non-la", files: files, parts: parts)
    }

    static func leafTexture() throws -> RGBAImage {
        let straw = rgb(0xE6D6A2), strawDark = rgb(0xCDB77E), rib = rgb(0x9C8452), thread = rgb(0xF4EEDC)
        let ringCount = 16
        return try paintTexture(width: 512, height: 512) { u, v in
            let dx = u - 0.5, dy = v - 0.5
            let rho = (dx * dx + dy * dy).squareRoot() / 0.5   // 0 at the apex, 1 at the rim
            let angle = atan2(dy, dx) / (2 * .pi) + 0.5    // 0…1 around
            // Leaf fibres run from the apex to the rim: noise that is fast around, slow outwards.
            let fibre = tileNoise(angle, min(rho, 1), periodX: 360, periodY: 3, seed: 5)
            var c = mix(strawDark, straw, 0.55 + 0.45 * fibre)
            // Overlapping leaves: broad, soft sectors of slightly different tone.
            let leaf = tileNoise(angle, 0.5, periodX: 28, periodY: 1, seed: 6)
            c = c * (0.93 + 0.09 * leaf)
            // Sixteen frame rings showing through the leaves, with stitches of thread along them.
            let ringPos = rho * Float(ringCount)
            let fromRing = abs(ringPos - ringPos.rounded())   // 0 on a ring
            if rho > 0.04 {
                c = mix(c, rib, 0.7 * (1 - smoothstep(0.03, 0.11, fromRing)))
                let stitches = max(6, Int((ringPos.rounded()) * 6))
                let along = angle * Float(stitches)
                let stitch = abs(along - along.rounded())
                if fromRing < 0.1 && stitch < 0.1 { c = mix(c, thread, 0.6) }
            }
            // Darker at the apex knot, sunlit-faded towards the rim.
            c = mix(rib, c, smoothstep(0.0, 0.05, rho))
            return c * (0.96 + 0.06 * rho)
        }
    }
}
