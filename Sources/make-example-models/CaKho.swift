import Foundation

// Cá khô (dried lagoon fish), binary STL: a stylized fish lying on its side, flattened as
// sun-dried fish are, with a forked tail, a ridge for the dorsal fin and raised eyes.
// 0.24 m long, 0.08 m wide, about 2 cm thick. A single closed surface.

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
        // Eyes on both flat sides.
        for side in [Float(1), -1] {
            let eye = Mesh.sphere(radius: 0.0045, segments: 12, rings: 8)
            let xi: Float = 0.1
            let y = centreY + side * (halfThickness(xi) * 0.93)
            fish.append(eye, .translate(length / 2 - length * xi, y, 0.012))
        }
        // Rest on the ground (the lower eye is the lowest point).
        fish = fish.transformed(.translate(0, -fish.bounds.min.y, 0))
        let file = STLWriter.write(path: "\(directory)/ca-kho.stl",
                                   header: "SmartVillage example model: ca kho (dried fish). Metres, Y up.", mesh: fish)
        return GeneratedModel(name: "ca-kho", files: [file], parts: [Part(name: "ca_kho", material: 0, mesh: fish)])
    }
}
