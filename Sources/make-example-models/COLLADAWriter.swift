import Foundation

// COLLADA 1.4.1 (.dae): phong effects, one geometry per mesh with one <triangles> per material,
// and a node tree whose nodes carry a <matrix> and may instance a geometry. A geometry can be
// instanced by several nodes (the boat's thwarts), which importers must keep apart.
//
// Positions, normals and UVs share one index (all inputs at offset 0) to keep <p> short.

struct DAEGeometry {
    var id: String
    var parts: [Part]
}

struct DAENode {
    var name: String
    var transform: Transform = .identity
    var geometry: Int? = nil
    var children: [DAENode] = []
}

enum COLLADAWriter {
    /// COLLADA requires <created>/<modified>; a fixed date keeps the bytes the same on every run.
    static let fixedDate = "2025-01-01T00:00:00Z"

    static func write(path: String, title: String, materials: [MaterialSpec], geometries: [DAEGeometry],
                      root: DAENode) -> OutputFile {
        var x = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        x += "<COLLADA xmlns=\"http://www.collada.org/2005/11/COLLADASchema\" version=\"1.4.1\">\n"
        x += "  <asset>\n"
        x += "    <contributor>\n"
        x += "      <author>SmartVillage</author>\n"
        x += "      <authoring_tool>make-example-models</authoring_tool>\n"
        x += "      <comments>\(escape(title))</comments>\n"
        x += "    </contributor>\n"
        x += "    <created>\(fixedDate)</created>\n"
        x += "    <modified>\(fixedDate)</modified>\n"
        x += "    <unit name=\"meter\" meter=\"1\"/>\n"
        x += "    <up_axis>Y_UP</up_axis>\n"
        x += "  </asset>\n"

        x += "  <library_effects>\n"
        for m in materials {
            x += "    <effect id=\"\(m.name)-effect\">\n"
            x += "      <profile_COMMON>\n"
            x += "        <technique sid=\"common\">\n"
            x += "          <phong>\n"
            x += "            <diffuse><color sid=\"diffuse\">\(fmt(m.diffuse, decimals: 4)) 1</color></diffuse>\n"
            x += "            <specular><color sid=\"specular\">\(fmt(m.specular, decimals: 4)) 1</color></specular>\n"
            x += "            <shininess><float sid=\"shininess\">\(fmt(m.shininess, decimals: 2))</float></shininess>\n"
            x += "          </phong>\n"
            x += "        </technique>\n"
            x += "      </profile_COMMON>\n"
            x += "    </effect>\n"
        }
        x += "  </library_effects>\n"

        x += "  <library_materials>\n"
        for m in materials {
            x += "    <material id=\"\(m.name)-material\" name=\"\(m.name)\">\n"
            x += "      <instance_effect url=\"#\(m.name)-effect\"/>\n"
            x += "    </material>\n"
        }
        x += "  </library_materials>\n"

        x += "  <library_geometries>\n"
        for g in geometries { x += geometry(g, materials: materials) }
        x += "  </library_geometries>\n"

        x += "  <library_visual_scenes>\n"
        x += "    <visual_scene id=\"Scene\" name=\"Scene\">\n"
        x += node(root, geometries: geometries, materials: materials, indent: "      ")
        x += "    </visual_scene>\n"
        x += "  </library_visual_scenes>\n"
        x += "  <scene>\n    <instance_visual_scene url=\"#Scene\"/>\n  </scene>\n"
        x += "</COLLADA>\n"
        return OutputFile(path, text: x)
    }

    private static func geometry(_ g: DAEGeometry, materials: [MaterialSpec]) -> String {
        var all = Mesh()
        var ranges: [(part: Part, triangles: Range<Int>)] = []
        for part in g.parts {
            let start = all.triangleCount
            all.append(part.mesh)
            ranges.append((part, start..<all.triangleCount))
        }
        let n = all.vertexCount
        var x = "    <geometry id=\"\(g.id)-mesh\" name=\"\(g.id)\">\n      <mesh>\n"
        x += floatSource(id: "\(g.id)-positions", values: all.positions.flatMap { [$0.x, $0.y, $0.z] },
                         count: n, params: ["X", "Y", "Z"], decimals: 6)
        x += floatSource(id: "\(g.id)-normals", values: all.normals.flatMap { [$0.x, $0.y, $0.z] },
                         count: n, params: ["X", "Y", "Z"], decimals: 4)
        x += floatSource(id: "\(g.id)-uvs", values: all.uvs.flatMap { [$0.x, $0.y] },
                         count: n, params: ["S", "T"], decimals: 5)
        x += "        <vertices id=\"\(g.id)-vertices\">\n"
        x += "          <input semantic=\"POSITION\" source=\"#\(g.id)-positions\"/>\n"
        x += "        </vertices>\n"
        for (part, range) in ranges where !range.isEmpty {
            let symbol = materials[part.material].name
            x += "        <triangles name=\"\(part.name)\" material=\"\(symbol)\" count=\"\(range.count)\">\n"
            x += "          <input semantic=\"VERTEX\" source=\"#\(g.id)-vertices\" offset=\"0\"/>\n"
            x += "          <input semantic=\"NORMAL\" source=\"#\(g.id)-normals\" offset=\"0\"/>\n"
            x += "          <input semantic=\"TEXCOORD\" source=\"#\(g.id)-uvs\" offset=\"0\" set=\"0\"/>\n"
            x += "          <p>"
            x += all.triangles[range].map { "\($0.x) \($0.y) \($0.z)" }.joined(separator: " ")
            x += "</p>\n"
            x += "        </triangles>\n"
        }
        x += "      </mesh>\n    </geometry>\n"
        return x
    }

    private static func floatSource(id: String, values: [Float], count: Int, params: [String], decimals: Int) -> String {
        var x = "        <source id=\"\(id)\">\n"
        x += "          <float_array id=\"\(id)-array\" count=\"\(values.count)\">"
        x += values.map { fmt($0, decimals: decimals) }.joined(separator: " ")
        x += "</float_array>\n"
        x += "          <technique_common>\n"
        x += "            <accessor source=\"#\(id)-array\" count=\"\(count)\" stride=\"\(params.count)\">\n"
        for p in params { x += "              <param name=\"\(p)\" type=\"float\"/>\n" }
        x += "            </accessor>\n"
        x += "          </technique_common>\n"
        x += "        </source>\n"
        return x
    }

    private static func node(_ n: DAENode, geometries: [DAEGeometry], materials: [MaterialSpec], indent: String) -> String {
        var x = "\(indent)<node id=\"\(n.name)\" name=\"\(n.name)\" type=\"NODE\">\n"
        x += "\(indent)  <matrix sid=\"transform\">"
        x += n.transform.rowMajor4x4.map { fmt($0) }.joined(separator: " ")
        x += "</matrix>\n"
        if let gi = n.geometry {
            let g = geometries[gi]
            x += "\(indent)  <instance_geometry url=\"#\(g.id)-mesh\" name=\"\(g.id)\">\n"
            x += "\(indent)    <bind_material>\n\(indent)      <technique_common>\n"
            var bound = Set<Int>()
            for part in g.parts where bound.insert(part.material).inserted {
                let name = materials[part.material].name
                x += "\(indent)        <instance_material symbol=\"\(name)\" target=\"#\(name)-material\"/>\n"
            }
            x += "\(indent)      </technique_common>\n\(indent)    </bind_material>\n"
            x += "\(indent)  </instance_geometry>\n"
        }
        for child in n.children {
            x += node(child, geometries: geometries, materials: materials, indent: indent + "  ")
        }
        x += "\(indent)</node>\n"
        return x
    }

    private static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }
}
