import Foundation

// Cá khô (dried lagoon fish), binary PLY with vertex colours: a stylized fish lying on its
// side, flattened as sun-dried fish are, with a forked tail, a ridge for the dorsal fin and
// raised eyes; golden flesh darkening to a brown back and amber fins, dark eyes.
// 0.24 m long, 0.08 m wide, about 2 cm thick. (It was an STL, which carries no colour, and
// read as an empty white shape on the page.)

enum CaKho {
    static let directory = "ca-kho"
    static let length: Float = 0.24
    static let maxHalfWidth: Float = 0.036
    static let maxHalfThickness: Float = 0.009

    /// Half-width (in z) of the outline at ξ: 0 = snout, 1 = tail tip.
    static func halfWidth(_ xi: Float) -> Float {
        if xi < 0.3 {
            let a = xi / 0.3
            return maxHalfWidth * (a * (2 - a)).squareRoot()          // round head
        } else if xi < 0.76 {
            let a = (xi - 0.3) / 0.46
            return 0.008 + (maxHalfWidth - 0.008) * pow(cos(a * .pi / 2), 1.3)
        } else {
            let a = (xi - 0.76) / 0.24
            return 0.008 + 0.032 * pow(a, 1.2)                   // tail fin fanning out
        }
    }

    /// Half-thickness (in y): a plump body, a thin tail fin, closed at both ends.
    static func halfThickness(_ xi: Float) -> Float {
        let body: Float
        if xi < 0.3 {
            let a = xi / 0.3
            body = maxHalfThickness * (a * (2 - a)).squareRoot()
        } else {
            let a = min((xi - 0.3) / 0.48, 1)
            body = 0.0012 + (maxHalfThickness - 0.0012) * pow(cos(a * .pi / 2), 1.6)
        }
        // Close the tail: the fin's edge goes to zero thickness.
        return xi > 0.97 ? body * (1 - xi) / 0.03 : body
    }

    /// Sun-dried colours: golden along the belly, brown towards the back (+z), amber on the fins
    /// and tail. Linear values: importers hand PLY colours on as glTF's linear COLOR_0.
    static func skinColour(_ p: Vec3) -> Vec3 {
        let belly = Vec3(0.55, 0.33, 0.12), back = Vec3(0.16, 0.09, 0.04), fin = Vec3(0.30, 0.15, 0.05)
        let xi = min(max((length / 2 - p.x) / length, 0), 1)
        let across = p.z / max(halfWidth(xi), 1e-4)  // −1 belly edge … +1 back edge, beyond: fins
        let toBack = min(max((across + 0.3) / 1.2, 0), 1)
        var colour = belly + (back - belly) * (toBack * toBack * (3 - 2 * toBack))
        let finness = min(max((xi - 0.72) / 0.12, 0), 1) + min(max(abs(across) - 1, 0) * 4, 1)
        colour = colour + (fin - colour) * min(finness, 1)
        return colour
    }

    static func make() throws -> GeneratedModel {
        let centreY = maxHalfThickness
        let around = 40, along = 64
        var fish = Mesh.grid(cols: around, rows: along, wrapS: true) { s, t in
            let xi = t
            let theta = 2 * Float.pi * s
            var w = halfWidth(xi)
            let h = halfThickness(xi)
            let c = cos(theta)
            // Dorsal fin along the back (+z), a smaller anal fin near the tail (−z).
            if c > 0.9 && xi > 0.32 && xi < 0.66 { w += 0.012 * sin(.pi * (xi - 0.32) / 0.34) * (c - 0.9) * 10 }
            if c < -0.9 && xi > 0.55 && xi < 0.72 { w += 0.006 * sin(.pi * (xi - 0.55) / 0.17) * (-c - 0.9) * 10 }
            var x = length / 2 - length * xi
            // Forked tail: the middle of the trailing edge is pulled forward.
            if xi > 0.8 {
                let a = (xi - 0.8) / 0.2
                // 0.02 m at most: deeper, and the thin fin would fold over itself.
                x += 0.02 * a * a * (1 - c * c)
            }
            return Vec3(x, centreY + h * sin(theta), w * c)
        }
        // The loft's orientation depends on the direction of travel; make it face outward.
        if fish.signedVolume < 0 { fish = fish.flipped() }
        fish.colors = fish.positions.map(skinColour)
        // Eyes on both flat sides.
        for side in [Float(1), -1] {
            let eye = Mesh.sphere(radius: 0.0045, segments: 12, rings: 8).colored(Vec3(0.02, 0.02, 0.02))
            let xi: Float = 0.1
            let y = centreY + side * (halfThickness(xi) * 0.93)
            fish.append(eye, .translate(length / 2 - length * xi, y, 0.012))
        }
        // Rest on the ground (the lower eye is the lowest point).
        fish = fish.transformed(.translate(0, -fish.bounds.min.y, 0))
        let file = PLYWriter.write(path: "\(directory)/ca-kho.ply", comment: "SmartVillage example model: ca kho (dried fish)", mesh: fish)
        return GeneratedModel(name: "ca-kho", files: [file], parts: [Part(name: "ca_kho", material: 0, mesh: fish)])
    }
}
