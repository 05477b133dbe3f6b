import Foundation

/// Reads a .glb the way a strict loader would and lists every rule of glTF 2.0 it breaks
/// (the subset the Khronos validator checks that our writer can get wrong: chunk layout,
/// buffer-view and accessor ranges, index ranges, accessor bounds, finite values, node
/// transforms, declared extensions, animation and skin rules). The build runs it on every .glb
/// before publishing it (a file with an issue is an error, never a published file); tests
/// assert that the list is empty; the checks themselves are tested against broken files.
public struct GLBInspector {
    public private(set) var issues: [String] = []
    /// The JSON chunk, parsed.
    public private(set) var json: [String: Any] = [:]
    public private(set) var bin: [UInt8] = []
    /// Triangles drawn by every mesh instance in the default scene.
    public private(set) var drawnTriangles = 0
    public private(set) var chunkLayout: [(type: UInt32, offset: Int, length: Int)] = []
    /// Buffers as a loader sees them after EXT_meshopt_compression decoding, by buffer index
    /// (GLBInspector+Compression.swift); buffers without compressed views are absent.
    public private(set) var decodedBuffers: [Int: [UInt8]] = [:]

    public init(_ bytes: [UInt8]) {
        readContainer(bytes)
        guard issues.isEmpty else { return }
        checkDocument()
    }

    public var isValid: Bool { issues.isEmpty }

    // MARK: - Container

    private mutating func readContainer(_ bytes: [UInt8]) {
        func word(_ at: Int) -> UInt32 {
            UInt32(bytes[at]) | UInt32(bytes[at + 1]) << 8 | UInt32(bytes[at + 2]) << 16 | UInt32(bytes[at + 3]) << 24
        }
        guard bytes.count >= 20 else { return fail("file too short for a GLB header and JSON chunk") }
        guard word(0) == 0x4654_6C67 else { return fail("bad magic") }
        guard word(4) == 2 else { return fail("container version \(word(4)), expected 2") }
        guard Int(word(8)) == bytes.count else { return fail("header length \(word(8)) != file size \(bytes.count)") }
        var offset = 12
        while offset < bytes.count {
            guard offset + 8 <= bytes.count else { return fail("truncated chunk header at \(offset)") }
            let length = Int(word(offset)), type = word(offset + 4)
            guard offset % 4 == 0, length % 4 == 0 else { return fail("chunk at \(offset) not 4-byte aligned (length \(length))") }
            guard offset + 8 + length <= bytes.count else { return fail("chunk at \(offset) runs past the end") }
            chunkLayout.append((type, offset + 8, length))
            offset += 8 + length
        }
        guard let first = chunkLayout.first, first.type == 0x4E4F_534A else { return fail("first chunk is not JSON") }
        let jsonBytes = Array(bytes[first.offset..<first.offset + first.length])
        let trimmed = jsonBytes.reversed().drop { $0 == 0x20 }.count
        if jsonBytes[trimmed...].contains(where: { $0 != 0x20 }) { fail("JSON padding is not spaces") }
        guard let object = try? JSONSerialization.jsonObject(with: Data(jsonBytes)) as? [String: Any] else {
            return fail("JSON chunk does not parse as an object")
        }
        json = object
        if chunkLayout.count > 1 {
            let chunk = chunkLayout[1]
            guard chunk.type == 0x004E_4942 else { return fail("second chunk is not BIN") }
            bin = Array(bytes[chunk.offset..<chunk.offset + chunk.length])
        }
    }

    // MARK: - Document

    private func array(_ key: String) -> [[String: Any]] { json[key] as? [[String: Any]] ?? [] }

    private mutating func checkDocument() {
        if (json["asset"] as? [String: Any])?["version"] as? String != "2.0" { fail("asset.version is not \"2.0\"") }
        let buffers = array("buffers")
        if !bin.isEmpty {
            guard let first = buffers.first, first["uri"] == nil, let length = first["byteLength"] as? Int else {
                return fail("BIN chunk present but buffers[0] is missing, has a uri, or no byteLength")
            }
            if length > bin.count || bin.count - length > 3 { fail("buffers[0].byteLength \(length) does not match BIN chunk \(bin.count)") }
            if bin[length...].contains(where: { $0 != 0 }) { fail("BIN padding is not zeros") }
        }
        let views = array("bufferViews")
        let compression = decodeCompressedViews(buffers: buffers, views: views) // GLBInspector+Compression.swift
        decodedBuffers = compression.buffers
        issues += compression.issues
        var usedViews = Set<Int>()
        for (i, view) in views.enumerated() {
            let offset = view["byteOffset"] as? Int ?? 0, length = view["byteLength"] as? Int ?? 0
            if length < 1 { fail("bufferViews[\(i)].byteLength < 1") }
            if offset % 4 != 0 { fail("bufferViews[\(i)] starts at \(offset), not 4-byte aligned") }
            if offset + length > bytes(ofBufferOf: view).count { fail("bufferViews[\(i)] runs past its buffer") }
            if let stride = view["byteStride"] as? Int, stride < 4 || stride > 252 || stride % 4 != 0 { fail("bufferViews[\(i)] bad byteStride \(stride)") }
        }
        let accessors = array("accessors")
        var values: [[Double]?] = []
        for (i, accessor) in accessors.enumerated() {
            values.append(readAccessor(i, accessor, views: views, used: &usedViews))
        }
        for (i, image) in array("images").enumerated() {
            guard let view = image["bufferView"] as? Int, views.indices.contains(view) else { fail("images[\(i)] has no valid bufferView"); continue }
            usedViews.insert(view)
            let offset = views[view]["byteOffset"] as? Int ?? 0
            let head = Array(bin[offset..<min(bin.count, offset + 8)])
            switch image["mimeType"] as? String {
            case "image/png": if head != [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] { fail("images[\(i)] is not a PNG") }
            case "image/jpeg": if !head.starts(with: [0xFF, 0xD8, 0xFF]) { fail("images[\(i)] is not a JPEG") }
            case "image/webp":
                let riff = Array(bin[offset..<min(bin.count, offset + 12)])
                if riff.count < 12 || !riff.starts(with: Array("RIFF".utf8)) || !riff[8...].elementsEqual(Array("WEBP".utf8)) {
                    fail("images[\(i)] is not a WebP")
                }
                if !(json["extensionsUsed"] as? [String] ?? []).contains("EXT_texture_webp") { fail("images[\(i)] is WebP without EXT_texture_webp") }
            default: fail("images[\(i)] mimeType missing or not png/jpeg/webp")
            }
        }
        for i in views.indices where !usedViews.contains(i) { fail("bufferViews[\(i)] is never used") }
        checkTextures()
        checkMeshes(accessors: accessors, values: values)
        checkNodes()
        issues += extensionListIssues() // extensionsUsed / extensionsRequired (GLBInspector+Compression.swift)
        issues += animationIssues(accessors: accessors, values: values) // skins, morphs, animations (GLBInspector+Animation.swift)
    }

    private static let componentSizes = [5120: 1, 5121: 1, 5122: 2, 5123: 2, 5125: 4, 5126: 4]
    private static let typeSizes = ["SCALAR": 1, "VEC2": 2, "VEC3": 3, "VEC4": 4, "MAT2": 4, "MAT3": 9, "MAT4": 16]

    /// Checks one accessor against its view and returns its values as doubles.
    private mutating func readAccessor(_ i: Int, _ a: [String: Any], views: [[String: Any]], used: inout Set<Int>) -> [Double]? {
        guard let viewIndex = a["bufferView"] as? Int, views.indices.contains(viewIndex) else { fail("accessors[\(i)] has no valid bufferView"); return nil }
        used.insert(viewIndex)
        guard let componentType = a["componentType"] as? Int, let size = Self.componentSizes[componentType],
              let type = a["type"] as? String, let components = Self.typeSizes[type], let count = a["count"] as? Int, count >= 1 else {
            fail("accessors[\(i)] has a bad componentType, type or count"); return nil
        }
        let view = views[viewIndex]
        let data = bytes(ofBufferOf: view)
        let start = (view["byteOffset"] as? Int ?? 0) + (a["byteOffset"] as? Int ?? 0)
        let stride = view["byteStride"] as? Int ?? size * components
        if start % size != 0 { fail("accessors[\(i)] not aligned to its component size") }
        let needed = (a["byteOffset"] as? Int ?? 0) + stride * (count - 1) + size * components
        guard needed <= view["byteLength"] as? Int ?? 0, start + needed - (a["byteOffset"] as? Int ?? 0) <= data.count else {
            fail("accessors[\(i)] does not fit its bufferView"); return nil
        }
        var out: [Double] = []
        out.reserveCapacity(count * components)
        for element in 0..<count {
            for c in 0..<components {
                let at = start + element * stride + c * size
                let raw = (0..<size).reduce(UInt32(0)) { $0 | UInt32(data[at + $1]) << (8 * $1) }
                let value: Double = switch componentType {
                case 5126: Double(Float(bitPattern: raw))
                case 5120: Double(Int8(bitPattern: UInt8(raw)))
                case 5122: Double(Int16(bitPattern: UInt16(raw)))
                default: Double(raw)
                }
                if !value.isFinite { fail("accessors[\(i)] holds NaN or infinity"); return nil }
                out.append(value)
            }
        }
        for (key, pick) in [("min", Swift.min(_:_:) as (Double, Double) -> Double), ("max", Swift.max(_:_:))] {
            guard let declared = a[key] as? [Double] else { continue }
            guard declared.count == components else { fail("accessors[\(i)].\(key) has \(declared.count) values, expected \(components)"); continue }
            for c in 0..<components {
                let actual = Swift.stride(from: c, to: out.count, by: components).map { out[$0] }.reduce(out[c], pick)
                if Float(declared[c]) != Float(actual) { fail("accessors[\(i)].\(key)[\(c)] = \(declared[c]), data says \(actual)") }
            }
        }
        return out
    }

    private mutating func checkTextures() {
        let images = array("images").count, samplers = array("samplers").count, textures = array("textures").count
        let imageList = array("images")
        let required = json["extensionsRequired"] as? [String] ?? []
        for (i, t) in array("textures").enumerated() {
            if let source = t["source"] as? Int, source >= images { fail("textures[\(i)].source out of range") }
            if let sampler = t["sampler"] as? Int, sampler >= samplers { fail("textures[\(i)].sampler out of range") }
            let webp = ((t["extensions"] as? [String: Any])?["EXT_texture_webp"] as? [String: Any])?["source"] as? Int
            if let webp {
                if webp < 0 || webp >= images { fail("textures[\(i)] EXT_texture_webp.source out of range") }
                else if imageList[webp]["mimeType"] as? String != "image/webp" { fail("textures[\(i)] EXT_texture_webp.source is not image/webp") }
                if t["source"] == nil && !required.contains("EXT_texture_webp") {
                    fail("textures[\(i)] has only a WebP source but EXT_texture_webp is not in extensionsRequired")
                }
            } else if t["source"] == nil {
                fail("textures[\(i)] has no source")
            }
            if let source = t["source"] as? Int, source >= 0, source < images, imageList[source]["mimeType"] as? String == "image/webp" {
                fail("textures[\(i)].source is a WebP image; it must be reached through EXT_texture_webp")
            }
        }
        for (i, m) in array("materials").enumerated() {
            for info in Self.textureInfos(m) where (info["index"] as? Int ?? -1) >= textures || (info["index"] as? Int ?? -1) < 0 {
                fail("materials[\(i)] refers to a missing texture")
            }
            if m["extensions"] is [String: Any] {
                let used = json["extensionsUsed"] as? [String] ?? []
                for name in (m["extensions"] as? [String: Any] ?? [:]).keys where !used.contains(name) {
                    fail("materials[\(i)] uses \(name) but extensionsUsed does not list it")
                }
            }
        }
    }

    static func textureInfos(_ material: [String: Any]) -> [[String: Any]] {
        let pbr = material["pbrMetallicRoughness"] as? [String: Any] ?? [:]
        return [pbr["baseColorTexture"], pbr["metallicRoughnessTexture"], material["normalTexture"],
                material["occlusionTexture"], material["emissiveTexture"]].compactMap { $0 as? [String: Any] }
    }

    private mutating func checkMeshes(accessors: [[String: Any]], values: [[Double]?]) {
        let materials = array("materials")
        var trianglesPerMesh: [Int] = []
        for (m, mesh) in array("meshes").enumerated() {
            var triangles = 0
            for (p, primitive) in (mesh["primitives"] as? [[String: Any]] ?? []).enumerated() {
                let name = "meshes[\(m)].primitives[\(p)]"
                let attributes = primitive["attributes"] as? [String: Int] ?? [:]
                guard let position = attributes["POSITION"], accessors.indices.contains(position) else { fail("\(name) has no POSITION"); continue }
                if accessors[position]["min"] == nil || accessors[position]["max"] == nil { fail("\(name) POSITION lacks min/max") }
                let vertexCount = accessors[position]["count"] as? Int ?? 0
                for (attribute, index) in attributes where (accessors.indices.contains(index) ? accessors[index]["count"] as? Int : nil) != vertexCount {
                    fail("\(name).\(attribute) count differs from POSITION")
                }
                issues += attributeFormatIssues(name, attributes: attributes, accessors: accessors) // KHR_mesh_quantization rules
                if let normal = attributes["NORMAL"], let raw = values[normal] {
                    let (data, tolerance) = Self.dequantized(raw, accessors[normal]) // quantized normals: one step of slack
                    for v in stride(from: 0, to: data.count, by: 3) {
                        let length = (data[v] * data[v] + data[v + 1] * data[v + 1] + data[v + 2] * data[v + 2]).squareRoot()
                        if abs(length - 1) > tolerance { fail("\(name) NORMAL \(v / 3) is not unit length (\(length))"); break }
                    }
                }
                let mode = primitive["mode"] as? Int ?? 4
                if let indices = primitive["indices"] as? Int, accessors.indices.contains(indices), let data = values[indices] {
                    if accessors[indices]["componentType"] as? Int == 5126 { fail("\(name) indices are floats") }
                    if let bad = data.first(where: { $0 >= Double(vertexCount) }) { fail("\(name) index \(Int(bad)) >= vertex count \(vertexCount)") }
                    let restart = [5121: 255.0, 5123: 65535.0, 5125: 4294967295.0][accessors[indices]["componentType"] as? Int ?? 0]
                    if data.contains(where: { $0 == restart }) { fail("\(name) indices contain the primitive restart value") }
                    if mode == 4 {
                        if data.count % 3 != 0 || data.isEmpty { fail("\(name) index count \(data.count) is not a positive multiple of 3") }
                        triangles += data.count / 3
                    }
                } else if mode == 4 {
                    triangles += vertexCount / 3
                }
                if let material = primitive["material"] as? Int {
                    guard materials.indices.contains(material) else { fail("\(name).material out of range"); continue }
                    for info in Self.textureInfos(materials[material]) {
                        let set = info["texCoord"] as? Int ?? 0
                        if attributes["TEXCOORD_\(set)"] == nil { fail("\(name) lacks TEXCOORD_\(set) that its material uses") }
                    }
                }
            }
            trianglesPerMesh.append(triangles)
        }
        meshTriangles = trianglesPerMesh
    }

    private var meshTriangles: [Int] = []

    private mutating func checkNodes() {
        let nodes = array("nodes")
        var parents = [Int](repeating: 0, count: nodes.count)
        for (i, node) in nodes.enumerated() {
            for child in node["children"] as? [Int] ?? [] {
                guard nodes.indices.contains(child), child != i else { fail("nodes[\(i)] has an invalid child \(child)"); continue }
                parents[child] += 1
            }
            if let mesh = node["mesh"] as? Int, !meshTriangles.indices.contains(mesh) { fail("nodes[\(i)].mesh out of range") }
            if node["matrix"] != nil && (node["translation"] != nil || node["rotation"] != nil || node["scale"] != nil) {
                fail("nodes[\(i)] has both matrix and TRS")
            }
            for key in ["translation", "rotation", "scale", "matrix"] {
                if let values = node[key] as? [Double], values.contains(where: { !$0.isFinite }) { fail("nodes[\(i)].\(key) is not finite") }
            }
            if let m = node["matrix"] as? [Double], !Self.isDecomposableToTRS(m) {
                fail("nodes[\(i)].matrix cannot be decomposed to translation, rotation and scale (it shears or projects)")
            }
            if let q = node["rotation"] as? [Double] {
                let length = q.map { $0 * $0 }.reduce(0, +).squareRoot()
                if q.count != 4 || abs(length - 1) > 0.0005 { fail("nodes[\(i)].rotation is not a unit quaternion") }
            }
        }
        for (i, count) in parents.enumerated() where count > 1 { fail("nodes[\(i)] has \(count) parents") }
        let scenes = array("scenes")
        let sceneIndex = json["scene"] as? Int ?? 0
        guard scenes.indices.contains(sceneIndex) else { return fail("default scene missing") }
        var stack = scenes[sceneIndex]["nodes"] as? [Int] ?? []
        for root in stack where !nodes.indices.contains(root) || parents[root] > 0 { fail("scene root \(root) is invalid or has a parent") }
        var visited = Set<Int>()
        while let node = stack.popLast() {
            guard nodes.indices.contains(node), visited.insert(node).inserted else { continue }
            if let mesh = nodes[node]["mesh"] as? Int, meshTriangles.indices.contains(mesh) { drawnTriangles += meshTriangles[mesh] }
            stack.append(contentsOf: nodes[node]["children"] as? [Int] ?? [])
        }
    }

    private mutating func fail(_ message: String) { issues.append(message) }

    /// A column-major 4×4 that is translation · rotation · scale (the Khronos validator's
    /// NODE_MATRIX_NON_TRS): bottom row 0 0 0 1, the three basis columns non-zero and
    /// orthogonal to each other (within float noise).
    public static func isDecomposableToTRS(_ m: [Double]) -> Bool {
        guard m.count == 16, abs(m[3]) < 1e-6, abs(m[7]) < 1e-6, abs(m[11]) < 1e-6, abs(m[15] - 1) < 1e-6 else { return false }
        let columns = [Array(m[0..<3]), Array(m[4..<7]), Array(m[8..<11])]
        let lengths = columns.map { $0.map { $0 * $0 }.reduce(0, +).squareRoot() }
        guard lengths.allSatisfy({ $0 > 1e-12 }) else { return false }
        for (a, b) in [(0, 1), (0, 2), (1, 2)] {
            let dot = zip(columns[a], columns[b]).map(*).reduce(0, +)
            if abs(dot) / (lengths[a] * lengths[b]) > 1e-4 { return false }
        }
        return true
    }
}
