/// USD stage → Crate binary (`.usdc`), the only root-layer format ARKit's usdz profile accepts.
///
/// Layout: bootstrap (magic, version, TOC offset), then out-of-line values as specs are packed,
/// then the six structural sections, then the table of contents. See `Crate` for the format facts.
public enum USDCWriter {
    public static func write(_ stage: USDStage) -> [UInt8] {
        var writer = CrateWriter()
        return writer.write(stage)
    }
}

private struct CrateWriter {
    var out = ByteBuffer()
    var tables = CrateTables()
    var specs: [(path: UInt32, fieldSet: UInt32, type: Crate.SpecType)] = []
    /// Out-of-line values already written, by type and encoded bytes (identical arrays share data).
    var valueDedup: [ValueKey: UInt64] = [:]

    struct ValueKey: Hashable { var type: UInt64; var bytes: [UInt8] }

    mutating func write(_ stage: USDStage) -> [UInt8] {
        out.appendZeros(Crate.bootstrapSize)

        var rootFields = [
            tables.field("defaultPrim", tokenRep(stage.defaultPrim)),
            tables.field("metersPerUnit", outOfLine(.double) { $0.f64(stage.metersPerUnit) }),
            tables.field("upAxis", tokenRep(stage.upAxis)),
        ]
        if !stage.rootPrims.isEmpty {
            rootFields.append(tables.field("primChildren", tokenVector(stage.rootPrims.map(\.name))))
        }
        addSpec(.root, .pseudoRoot, rootFields)
        for prim in stage.rootPrims { addPrim(prim, parent: .root) }

        var toc: [(name: String, start: Int, size: Int)] = []
        func section(_ name: String, _ body: (inout CrateWriter) -> Void) {
            let start = out.count
            body(&self)
            toc.append((name, start, out.count - start))
        }
        section("TOKENS") { $0.writeTokens() }
        section("STRINGS") { w in
            w.out.u64(UInt64(w.tables.strings.count))
            for s in w.tables.strings { w.out.u32(s) }
        }
        section("FIELDS") { w in
            w.out.u64(UInt64(w.tables.fields.count))
            for f in w.tables.fields {
                w.out.u32(0)
                w.out.u32(f.token)
                w.out.u64(f.rep)
            }
        }
        section("FIELDSETS") { w in
            w.out.u64(UInt64(w.tables.fieldSets.count))
            for f in w.tables.fieldSets { w.out.u32(f) }
        }
        section("PATHS") { $0.writePaths() }
        section("SPECS") { w in
            w.out.u64(UInt64(w.specs.count))
            for s in w.specs {
                w.out.u32(s.path)
                w.out.u32(s.fieldSet)
                w.out.u32(s.type.rawValue)
            }
        }

        let tocOffset = out.count
        out.u64(UInt64(toc.count))
        for entry in toc {
            var name = Array(entry.name.utf8.prefix(15))
            name += [UInt8](repeating: 0, count: 16 - name.count)
            out.append(name)
            out.i64(Int64(entry.start))
            out.i64(Int64(entry.size))
        }

        var bytes = out.bytes
        let magic = Array("PXR-USDC".utf8)
        for i in 0..<8 { bytes[i] = magic[i] }
        bytes[8] = Crate.version.major
        bytes[9] = Crate.version.minor
        bytes[10] = Crate.version.patch
        withUnsafeBytes(of: Int64(tocOffset).littleEndian) { for (i, b) in $0.enumerated() { bytes[16 + i] = b } }
        return bytes
    }

    // MARK: specs

    mutating func addSpec(_ path: USDPath, _ type: Crate.SpecType, _ fields: [UInt32]) {
        let p = tables.path(path)
        specs.append((p, tables.fieldSet(fields), type))
    }

    mutating func addPrim(_ prim: USDPrim, parent: USDPath) {
        let path = parent.appendingPrim(prim.name)
        var fields = [
            tables.field("specifier", Crate.rep(.specifier, inlined: true, payload: UInt64(prim.specifier.rawValue))),
            tables.field("typeName", tokenRep(prim.typeName)),
        ]
        if !prim.apiSchemas.isEmpty {
            fields.append(tables.field("apiSchemas", outOfLine(.tokenListOp) { w, tables in
                w.u8(Crate.listOpHasPrependedItems)
                w.u64(UInt64(prim.apiSchemas.count))
                for s in prim.apiSchemas { w.u32(tables.token(s)) }
            }))
        }
        if !prim.children.isEmpty {
            fields.append(tables.field("primChildren", tokenVector(prim.children.map(\.name))))
        }
        if !prim.properties.isEmpty {
            fields.append(tables.field("properties", tokenVector(prim.properties.map(\.name))))
        }
        addSpec(path, .prim, fields)

        for property in prim.properties {
            switch property {
            case .attribute(let a): addAttribute(a, path: path.appendingProperty(a.name))
            case .relationship(let r): addRelationship(r, path: path.appendingProperty(r.name))
            }
        }
        for child in prim.children { addPrim(child, parent: path) }
    }

    mutating func addAttribute(_ a: USDAttribute, path: USDPath) {
        var fields = [
            tables.field("custom", Crate.rep(.bool, inlined: true, payload: 0)),
            tables.field("typeName", tokenRep(a.typeName)),
            tables.field("variability", Crate.rep(.variability, inlined: true, payload: UInt64(a.variability.rawValue))),
        ]
        if let value = a.value { fields.append(tables.field("default", pack(value))) }
        if let interpolation = a.interpolation { fields.append(tables.field("interpolation", tokenRep(interpolation))) }
        if !a.connections.isEmpty { fields.append(tables.field("connectionPaths", pathListOp(a.connections))) }
        addSpec(path, .attribute, fields)
    }

    mutating func addRelationship(_ r: USDRelationship, path: USDPath) {
        var fields = [tables.field("variability", Crate.rep(.variability, inlined: true, payload: 1))]
        if !r.targets.isEmpty { fields.append(tables.field("targetPaths", pathListOp(r.targets))) }
        addSpec(path, .relationship, fields)
    }

    // MARK: values

    mutating func tokenRep(_ s: String) -> UInt64 { Crate.rep(.token, inlined: true, payload: UInt64(tables.token(s))) }

    mutating func tokenVector(_ names: [String]) -> UInt64 {
        outOfLine(.tokenVector) { w, tables in
            w.u64(UInt64(names.count))
            for n in names { w.u32(tables.token(n)) }
        }
    }

    mutating func pathListOp(_ targets: [USDPath]) -> UInt64 {
        outOfLine(.pathListOp) { w, tables in
            w.u8(Crate.listOpIsExplicit | Crate.listOpHasExplicitItems)
            w.u64(UInt64(targets.count))
            for t in targets { w.u32(tables.path(t)) }
        }
    }

    mutating func pack(_ value: USDValue) -> UInt64 {
        switch value {
        case .bool(let b): return Crate.rep(.bool, inlined: true, payload: b ? 1 : 0)
        case .int(let i): return Crate.rep(.int, inlined: true, payload: UInt64(UInt32(bitPattern: i)))
        case .float(let f): return Crate.rep(.float, inlined: true, payload: UInt64(f.bitPattern))
        case .token(let s): return tokenRep(s)
        case .string(let s): return Crate.rep(.string, inlined: true, payload: UInt64(tables.string(s)))
        case .asset(let s): return Crate.rep(.assetPath, inlined: true, payload: UInt64(tables.token(s)))
        case .double(let d): return outOfLine(.double) { $0.f64(d) }
        case .float2(let v): return outOfLine(.vec2f) { w in w.f32(v.x); w.f32(v.y) }
        case .float3(let v): return outOfLine(.vec3f) { w in w.f32(v.x); w.f32(v.y); w.f32(v.z) }
        case .float4(let v): return outOfLine(.vec4f) { w in w.f32(v.x); w.f32(v.y); w.f32(v.z); w.f32(v.w) }
        case .matrix4d(let m):
            return outOfLine(.matrix4d) { w in for i in 0..<16 { w.f64(i < m.count ? m[i] : 0) } }
        case .intArray(let a): return array(.int, a.count) { w in for x in a { w.u32(UInt32(bitPattern: x)) } }
        case .floatArray(let a): return array(.float, a.count) { w in for x in a { w.f32(x) } }
        case .float2Array(let a): return array(.vec2f, a.count) { w in for v in a { w.f32(v.x); w.f32(v.y) } }
        case .float3Array(let a): return array(.vec3f, a.count) { w in for v in a { w.f32(v.x); w.f32(v.y); w.f32(v.z) } }
        case .float4Array(let a):
            return array(.vec4f, a.count) { w in for v in a { w.f32(v.x); w.f32(v.y); w.f32(v.z); w.f32(v.w) } }
        case .tokenArray(let a):
            // Token elements are token indices; intern first so the closure needs no table access.
            let indices = a.map { tables.token($0) }
            return array(.token, a.count) { w in for i in indices { w.u32(i) } }
        }
    }

    /// A scalar stored at a file offset; identical encodings are written once.
    mutating func outOfLine(_ type: Crate.TypeEnum, _ encode: (inout ByteBuffer) -> Void) -> UInt64 {
        outOfLine(type) { w, _ in encode(&w) }
    }

    mutating func outOfLine(_ type: Crate.TypeEnum, _ encode: (inout ByteBuffer, inout CrateTables) -> Void) -> UInt64 {
        var body = ByteBuffer()
        encode(&body, &tables)
        let key = ValueKey(type: type.rawValue, bytes: body.bytes)
        if let offset = valueDedup[key] { return Crate.rep(type, payload: offset) }
        let offset = UInt64(out.count)
        out.append(body.bytes)
        valueDedup[key] = offset
        return Crate.rep(type, payload: offset)
    }

    /// Pre-0.5.0 array layout: 8-byte aligned, rank 1, uint32 count, elements. Empty arrays are
    /// a payload of 0, as USD writes them.
    mutating func array(_ type: Crate.TypeEnum, _ count: Int, _ encode: (inout ByteBuffer) -> Void) -> UInt64 {
        guard count > 0 else { return Crate.rep(type, array: true, payload: 0) }
        var body = ByteBuffer()
        body.u32(1)
        body.u32(UInt32(truncatingIfNeeded: count))
        encode(&body)
        let key = ValueKey(type: type.rawValue | 1 << 8, bytes: body.bytes)
        if let offset = valueDedup[key] { return Crate.rep(type, array: true, payload: offset) }
        let offset = UInt64(out.align(8))
        out.append(body.bytes)
        valueDedup[key] = offset
        return Crate.rep(type, array: true, payload: offset)
    }

    // MARK: structural sections

    mutating func writeTokens() {
        var blob: [UInt8] = []
        for t in tables.tokens {
            // A NUL inside a name would split the token; identifiers never contain one.
            blob += t.utf8.filter { $0 != 0 }
            blob.append(0)
        }
        out.u64(UInt64(tables.tokens.count))
        out.u64(UInt64(blob.count))
        out.append(blob)
    }

    /// Depth first; see `Crate` for the item layout.
    mutating func writePaths() {
        out.u64(UInt64(tables.paths.count))
        writePathSiblings([.root])
    }

    mutating func writePathSiblings(_ siblings: [USDPath]) {
        for (i, path) in siblings.enumerated() {
            let children = tables.pathChildren[path] ?? []
            let hasChild = !children.isEmpty
            let hasSibling = i + 1 < siblings.count
            out.u32(tables.indexOfPath(path))
            out.u32(tables.indexOfToken(CrateTables.elementName(path)))
            out.u8((hasChild ? Crate.pathHasChild : 0) | (hasSibling ? Crate.pathHasSibling : 0)
                   | (path.propertyName != nil ? Crate.pathIsPrimProperty : 0))
            out.appendZeros(3)
            var siblingOffsetAt: Int?
            if hasChild && hasSibling {
                siblingOffsetAt = out.count
                out.i64(-1)
            }
            if hasChild { writePathSiblings(children) }
            if let at = siblingOffsetAt { out.patchU64(at: at, UInt64(out.count)) }
        }
    }
}
