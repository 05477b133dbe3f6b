/// What one generator made: the files to write and, for the printed summary, its parts.
struct GeneratedModel {
    var name: String
    var files: [OutputFile]
    /// The model's meshes in model space (instances already placed), for statistics only.
    var parts: [Part]

    var summary: String {
        var all = Mesh()
        for part in parts { all.append(part.mesh) }
        let b = all.bounds
        let size = b.max - b.min
        var s = "\(name): \(all.triangleCount) triangles, \(all.vertexCount) vertices, "
        s += "size x \(fmt(size.x, decimals: 3)) y \(fmt(size.y, decimals: 3)) z \(fmt(size.z, decimals: 3)) m, "
        let edges = all.edgeReport
        s += "min y \(fmt(b.min.y, decimals: 4)), open edges \(edges.open), same-direction edges \(edges.flipped)"
        for part in parts {
            s += "\n    part \(part.name): \(part.mesh.triangleCount) tris, signed volume \(fmt(part.mesh.signedVolume * 1e6, decimals: 1)) cm³, "
                + "open edges \(part.mesh.edgeReport.open), same-direction edges \(part.mesh.edgeReport.flipped)"
        }
        return s
    }
}
