// Hũ mắm ruốc (a stoneware jar of shrimp paste): glazed brown jar, red paper cover over the
// mouth, tied with a jute string. OBJ + MTL, plain colours only. 0.14 m tall.

enum MamRuoc {
    static let directory = "mam-ruoc"

    static func make() throws -> GeneratedModel {
        let segments = 36
        // Bottom pole, a foot ring, the belly, shoulder, neck and a rolled lip.
        let jar = Mesh.lathe([Vec2(0, 0), Vec2(0.040, 0), Vec2(0.045, 0.004), Vec2(0.052, 0.018), Vec2(0.060, 0.045),
                              Vec2(0.062, 0.065), Vec2(0.058, 0.088), Vec2(0.047, 0.106), Vec2(0.037, 0.117),
                              Vec2(0.036, 0.122), Vec2(0.040, 0.126), Vec2(0.040, 0.130)], segments: segments)
        // Paper cover draped over the lip, pinched in under the string, slightly domed on top.
        let paper = Mesh.lathe([Vec2(0.043, 0.109), Vec2(0.0405, 0.118), Vec2(0.045, 0.125), Vec2(0.045, 0.131),
                                Vec2(0.036, 0.137), Vec2(0.020, 0.140), Vec2(0, 0.141)], segments: segments)
        // The string round the neck, pressing the paper in.
        let string = Mesh.torus(major: 0.042, minor: 0.0022, segments: segments, sides: 6).transformed(.translate(0, 0.118, 0))

        let materials = [
            MaterialSpec(name: "sanh_men_nau", diffuse: rgb(0x6B3E24), specular: Vec3(0.35, 0.3, 0.25), shininess: 80),
            MaterialSpec(name: "giay_do", diffuse: rgb(0xB3261E), specular: Vec3(0.03, 0.03, 0.03), shininess: 8),
            MaterialSpec(name: "day_gai", diffuse: rgb(0xC9B48A), specular: Vec3(0.02, 0.02, 0.02), shininess: 5),
        ]
        let parts = [Part(name: "hu_sanh", material: 0, mesh: jar), Part(name: "giay_boc", material: 1, mesh: paper),
                     Part(name: "day_buoc", material: 2, mesh: string)]
        let files = OBJWriter.write(baseName: "hu-mam-ruoc", directory: directory,
                                    title: "Hũ mắm ruốc (jar of shrimp paste) — SmartVillage example model",
                                    parts: parts, materials: materials)
        return GeneratedModel(name: "mam-ruoc", files: files, parts: parts)
    }
}
