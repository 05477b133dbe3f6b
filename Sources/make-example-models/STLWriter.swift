// Binary STL: 80-byte header, triangle count, then per triangle a facet normal, three corners
// and a zero attribute word. STL has no units, colours or shared vertices; the normal is the
// geometric one, which is what readers expect (and the winding says the same).

enum STLWriter {
    static func write(path: String, header: String, mesh: Mesh) -> OutputFile {
        // A binary STL whose header starts with "solid" is taken for ASCII by some readers.
        precondition(!header.lowercased().hasPrefix("solid"))
        var bytes = Array(header.utf8.prefix(80))
        bytes += Array(repeating: 0x20, count: 80 - bytes.count)
        bytes.appendLE(UInt32(mesh.triangleCount))
        for t in mesh.triangles {
            let a = mesh.positions[Int(t.x)], b = mesh.positions[Int(t.y)], c = mesh.positions[Int(t.z)]
            bytes.appendLE(normalize(cross(b - a, c - a)))
            bytes.appendLE(a); bytes.appendLE(b); bytes.appendLE(c)
            bytes.appendLE(UInt16(0))
        }
        return OutputFile(path, bytes)
    }
}
