import Foundation

// Thuyền nan: the woven-bamboo boat of the lagoon, its outside sealed with tar. COLLADA with a
// node tree: the hull (a loft of U-shaped sections: tarred outside, bamboo inside, a bamboo
// gunwale joining them into one closed shell), three thwarts that instance one plank geometry
// with different (non-uniform) scales, and two oars that instance one oar geometry.
// 4 m long, 1.2 m beam, bow and stern rising to 0.88 m.

enum ThuyenNan {
    static let directory = "thuyen-nan"

    static let halfLength: Float = 2.0
    static let halfBeam: Float = 0.6
    static let thickness: Float = 0.03
    /// The inside is a little shorter than the outside, so the two meet in a solid stem post.
    static let innerLengthScale: Float = 0.97

    // Hull lines as functions of ξ = x / halfLength ∈ −1…1.
    static func beamShape(_ xi: Float) -> Float { pow(max(0, 1 - pow(abs(xi), 2.2)), 0.55) }
    static func sheer(_ xi: Float) -> Float { 0.55 + 0.33 * pow(abs(xi), 3) }
    static func keel(_ xi: Float) -> Float { 0.18 * pow(abs(xi), 2.5) }
    /// Stations crowd towards the ends, where the lines change fastest.
    static func station(_ t: Float) -> Float { sin((t - 0.5) * .pi) }

    /// A point of a U-shaped section: `s` = 0 at the +z gunwale, 1 at the −z gunwale.
    static func section(_ s: Float, x: Float, w: Float, top: Float, bottom: Float, side: Float) -> Vec3 {
        let a = Float.pi * (s - 0.5)
        let c = pow(max(0, cos(a)), 0.8)
        return Vec3(x, top - (top - bottom) * c, -side * w * sin(a))
    }

    static func outerPoint(_ s: Float, _ t: Float) -> Vec3 {
        let xi = station(t)
        return section(s, x: halfLength * xi, w: halfBeam * beamShape(xi), top: sheer(xi), bottom: keel(xi), side: 1)
    }

    /// The inside wall at the same station parameter. `s` runs the other way (0 at −z), which
    /// turns its normals into the boat.
    static func innerPoint(_ s: Float, _ t: Float) -> Vec3 {
        let xi = station(t)
        return section(s, x: innerLengthScale * halfLength * xi, w: (halfBeam - thickness) * beamShape(xi),
                       top: sheer(innerLengthScale * xi), bottom: keel(xi) + thickness, side: -1)
    }

    /// Half the inside width at height `y` at world position `x` (for fitting the thwarts).
    static func innerHalfWidth(x: Float, y: Float) -> Float {
        let xi = x / (innerLengthScale * halfLength)
        let top = sheer(innerLengthScale * xi), bottom = keel(xi) + thickness
        let c = pow(clamp01((top - y) / (top - bottom)), 1 / 0.8)
        return (halfBeam - thickness) * beamShape(xi) * (1 - c * c).squareRoot()
    }

    static func make() throws -> GeneratedModel {
        let cols = 24, rows = 48
        let outer = Mesh.grid(cols: cols, rows: rows, outerPoint)
        let inner = Mesh.grid(cols: cols, rows: rows, innerPoint)
        // Gunwale strips: row for row the same stations as the walls, so the shell is watertight.
        var rim = Mesh.grid(cols: 1, rows: rows) { s, t in mix(innerPoint(1, t), outerPoint(0, t), s) }  // +z side
        rim.append(Mesh.grid(cols: 1, rows: rows) { s, t in mix(outerPoint(1, t), innerPoint(0, t), s) })  // −z side

        // Thwart: a plank 1 m long (z), scaled per instance to the width of the hull.
        let plank = Mesh.box(min: Vec3(-0.06, 0, -0.5), max: Vec3(0.06, 0.035, 0.5))
        // Oar: a shaft along +y with a flat blade at the far end.
        var oar = Mesh.cylinder(radius: 0.02, height: 1.7, segments: 12)
        oar.append(Mesh.box(min: Vec3(-0.07, 1.6, -0.008), max: Vec3(0.07, 2.2, 0.008)))

        let materials = [
            MaterialSpec(name: "tre", diffuse: rgb(0xC8A165), specular: Vec3(0.05, 0.05, 0.04), shininess: 15),
            MaterialSpec(name: "hac_in", diffuse: rgb(0x2E2620), specular: Vec3(0.25, 0.25, 0.25), shininess: 50),
        ]
        let hullParts = [Part(name: "vo_ngoai", material: 1, mesh: outer),
                         Part(name: "long_thuyen", material: 0, mesh: inner),
                         Part(name: "cap_man", material: 0, mesh: rim)]
        let geometries = [
            DAEGeometry(id: "than_thuyen", parts: hullParts),
            DAEGeometry(id: "da_ngang", parts: [Part(name: "da_ngang", material: 0, mesh: plank)]),
            DAEGeometry(id: "mai_cheo", parts: [Part(name: "mai_cheo", material: 0, mesh: oar)]),
        ]

        let plankY: Float = 0.40
        let thwarts = [("da_ngang_mui", Float(1.05)), ("da_ngang_giua", Float(0)), ("da_ngang_lai", Float(-1.05))]
            .map { name, x -> DAENode in
                let length = 2 * innerHalfWidth(x: x, y: plankY + 0.035)
                return DAENode(name: name, transform: .translate(x, plankY, 0) * .scale(Vec3(1, 1, length)), geometry: 1)
            }
        let restY = plankY + 0.035 + 0.02
        let oars = [
            DAENode(name: "mai_cheo_1", transform: .translate(-1.2, restY, 0.2) * .rotateZ(-.pi / 2) * .rotateY(.pi / 2),
                    geometry: 2),
            DAENode(name: "mai_cheo_2", transform: .translate(1.15, restY, -0.2) * .rotateZ(.pi / 2) * .rotateY(.pi / 2),
                    geometry: 2),
        ]
        let root = DAENode(name: "thuyen_nan", children: [
            DAENode(name: "than_thuyen", geometry: 0),
            DAENode(name: "da_ngang_nhom", children: thwarts),
            DAENode(name: "mai_cheo_nhom", children: oars),
        ])
        let file = COLLADAWriter.write(path: "\(directory)/thuyen.dae",
                                       title: "Thuyền nan (woven bamboo boat) — SmartVillage example model",
                                       materials: materials, geometries: geometries, root: root)

        // Flattened copy for the statistics printed by main.
        var parts = hullParts
        for n in thwarts { parts.append(Part(name: n.name, material: 0, mesh: plank.transformed(n.transform))) }
        for n in oars { parts.append(Part(name: n.name, material: 0, mesh: oar.transformed(n.transform))) }
        return GeneratedModel(name: "thuyen-nan", files: [file], parts: parts)
    }
}
