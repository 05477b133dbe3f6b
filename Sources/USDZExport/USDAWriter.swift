/// USD stage → usda text. Not what we ship (ARKit wants usdc); for reading a layer while debugging
/// and for tests that check content without parsing binary.
public enum USDAWriter {
    public static func write(_ stage: USDStage) -> String {
        var out = "#usda 1.0\n(\n"
        out += "    defaultPrim = \(quoted(stage.defaultPrim))\n"
        out += "    metersPerUnit = \(number(stage.metersPerUnit))\n"
        out += "    upAxis = \(quoted(stage.upAxis))\n)\n"
        for prim in stage.rootPrims {
            out += "\n"
            write(prim, indent: "", into: &out)
        }
        return out
    }

    private static func write(_ prim: USDPrim, indent: String, into out: inout String) {
        let specifier = switch prim.specifier { case .def: "def"; case .over: "over"; case .class: "class" }
        out += "\(indent)\(specifier) \(prim.typeName.isEmpty ? "" : prim.typeName + " ")\(quoted(prim.name))"
        if !prim.apiSchemas.isEmpty {
            out += " (\n\(indent)    prepend apiSchemas = [\(prim.apiSchemas.map(quoted).joined(separator: ", "))]\n\(indent))"
        }
        out += "\n\(indent){\n"
        let inner = indent + "    "
        for property in prim.properties {
            switch property {
            case .attribute(let a): write(a, indent: inner, into: &out)
            case .relationship(let r):
                let targets = r.targets.map { "<\($0)>" }
                out += "\(inner)rel \(r.name)"
                if targets.count == 1 { out += " = \(targets[0])" } else if !targets.isEmpty { out += " = [\(targets.joined(separator: ", "))]" }
                out += "\n"
            }
        }
        for (i, child) in prim.children.enumerated() {
            if i > 0 || !prim.properties.isEmpty { out += "\n" }
            write(child, indent: inner, into: &out)
        }
        out += "\(indent)}\n"
    }

    private static func write(_ a: USDAttribute, indent: String, into out: inout String) {
        let head = "\(indent)\(a.variability == .uniform ? "uniform " : "")\(a.typeName) \(a.name)"
        if a.value != nil || a.connections.isEmpty {
            out += head
            if let value = a.value { out += " = " + text(value) }
            if let interpolation = a.interpolation { out += " (\n\(indent)    interpolation = \(quoted(interpolation))\n\(indent))" }
            out += "\n"
        }
        if !a.connections.isEmpty {
            let targets = a.connections.map { "<\($0)>" }
            out += head + ".connect = " + (targets.count == 1 ? targets[0] : "[\(targets.joined(separator: ", "))]") + "\n"
        }
    }

    static func text(_ value: USDValue) -> String {
        switch value {
        case .bool(let b): b ? "1" : "0"
        case .int(let i): String(i)
        case .float(let f): number(f)
        case .double(let d): number(d)
        case .token(let s), .string(let s): quoted(s)
        case .asset(let s): "@\(s)@"
        case .float2(let v): tuple([v.x, v.y])
        case .float3(let v): tuple([v.x, v.y, v.z])
        case .float4(let v): tuple([v.x, v.y, v.z, v.w])
        case .matrix4d(let m):
            "( " + (0..<4).map { r in "(" + (0..<4).map { c in number(r * 4 + c < m.count ? m[r * 4 + c] : 0) }.joined(separator: ", ") + ")" }
                .joined(separator: ", ") + " )"
        case .intArray(let a): "[" + a.map { String($0) }.joined(separator: ", ") + "]"
        case .floatArray(let a): "[" + a.map(number).joined(separator: ", ") + "]"
        case .float2Array(let a): "[" + a.map { tuple([$0.x, $0.y]) }.joined(separator: ", ") + "]"
        case .float3Array(let a): "[" + a.map { tuple([$0.x, $0.y, $0.z]) }.joined(separator: ", ") + "]"
        case .float4Array(let a): "[" + a.map { tuple([$0.x, $0.y, $0.z, $0.w]) }.joined(separator: ", ") + "]"
        case .tokenArray(let a): "[" + a.map(quoted).joined(separator: ", ") + "]"
        }
    }

    private static func tuple(_ xs: [Float]) -> String { "(" + xs.map(number).joined(separator: ", ") + ")" }

    /// Shortest round-trip text; whole numbers without ".0" as USD prints them.
    static func number<F: BinaryFloatingPoint & LosslessStringConvertible>(_ x: F) -> String {
        guard x.isFinite else { return "0" }
        if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
        return String(x)
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            default: out.append(c)
            }
        }
        return out + "\""
    }
}
