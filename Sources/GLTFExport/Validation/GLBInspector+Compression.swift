import Foundation
import MeshOptimizer

/// EXT_meshopt_compression and KHR_mesh_quantization, checked the way a loader meets them:
/// every compressed view is decoded with meshoptimizer's own decoders into its parent view's
/// place in the (data-less) fallback buffer before any accessor is read, so the ordinary
/// accessor checks (bounds, index ranges, unit normals) run on what a viewer would draw.
extension GLBInspector {
    struct CompressionResult {
        var buffers: [Int: [UInt8]] = [:]
        var issues: [String] = []
    }

    static let meshoptModes: Set<String> = ["ATTRIBUTES", "TRIANGLES", "INDICES"]
    static let meshoptFilters: Set<String> = ["NONE", "OCTAHEDRAL", "QUATERNION", "EXPONENTIAL"]

    /// The bytes a view's `buffer` holds for a loader: the BIN chunk for buffer 0, the decoded
    /// fallback for a buffer with compressed views, nothing otherwise.
    func bytes(ofBufferOf view: [String: Any]) -> [UInt8] {
        let buffer = view["buffer"] as? Int ?? 0
        if let decoded = decodedBuffers[buffer] { return decoded }
        return buffer == 0 ? bin : []
    }

    func decodeCompressedViews(buffers: [[String: Any]], views: [[String: Any]]) -> CompressionResult {
        var result = CompressionResult()
        func fail(_ message: String) { result.issues.append(message) }
        func meshopt(_ object: [String: Any]) -> [String: Any]? {
            (object["extensions"] as? [String: Any])?["EXT_meshopt_compression"] as? [String: Any]
        }
        let fallback = Set(buffers.indices.filter { meshopt(buffers[$0])?["fallback"] as? Bool == true })
        let required = json["extensionsRequired"] as? [String] ?? []
        for b in fallback.sorted() {
            if b == 0 && !bin.isEmpty { fail("buffers[0] is the BIN chunk and can't be an EXT_meshopt_compression fallback") }
            if buffers[b]["uri"] == nil && !(b == 0 && !bin.isEmpty) && !required.contains("EXT_meshopt_compression") {
                fail("buffers[\(b)] is a fallback without data but EXT_meshopt_compression is not in extensionsRequired")
            }
        }
        for (i, view) in views.enumerated() {
            let parentBuffer = view["buffer"] as? Int ?? 0
            guard let ext = meshopt(view) else {
                if fallback.contains(parentBuffer) { fail("bufferViews[\(i)] uses fallback buffer \(parentBuffer) without EXT_meshopt_compression") }
                if parentBuffer != 0 && buffers.indices.contains(parentBuffer) && buffers[parentBuffer]["uri"] == nil {
                    fail("bufferViews[\(i)] refers to buffers[\(parentBuffer)], which has no data in a GLB")
                }
                continue
            }
            let name = "bufferViews[\(i)].EXT_meshopt_compression"
            let issuesBefore = result.issues.count
            guard let source = ext["buffer"] as? Int, let length = ext["byteLength"] as? Int,
                  let stride = ext["byteStride"] as? Int, let count = ext["count"] as? Int, let mode = ext["mode"] as? String else {
                fail("\(name) lacks buffer, byteLength, byteStride, count or mode"); continue
            }
            let offset = ext["byteOffset"] as? Int ?? 0
            let filter = ext["filter"] as? String ?? "NONE"
            if fallback.contains(source) { fail("\(name) reads from a fallback buffer") }
            guard source == 0, !bin.isEmpty else { fail("\(name).buffer \(source) is not the BIN chunk"); continue }
            guard offset >= 0, length >= 1, offset + length <= bin.count else { fail("\(name) runs past the BIN chunk"); continue }
            guard Self.meshoptModes.contains(mode) else { fail("\(name).mode \(mode) is unknown"); continue }
            guard Self.meshoptFilters.contains(filter) else { fail("\(name).filter \(filter) is unknown"); continue }
            if let parentStride = view["byteStride"] as? Int, parentStride != stride { fail("\(name).byteStride \(stride) != the view's \(parentStride)") }
            if view["byteLength"] as? Int != stride * count { fail("\(name): the view's byteLength is not byteStride × count") }
            switch mode {
            case "ATTRIBUTES":
                if stride % 4 != 0 || stride > 256 || stride < 4 { fail("\(name): ATTRIBUTES stride \(stride) is not a multiple of 4 up to 256") }
            default:
                if stride != 2 && stride != 4 { fail("\(name): \(mode) stride \(stride) is not 2 or 4") }
                if filter != "NONE" { fail("\(name): \(mode) can't have filter \(filter)") }
                if mode == "TRIANGLES" && count % 3 != 0 { fail("\(name): TRIANGLES count \(count) is not a multiple of 3") }
            }
            switch filter {
            case "OCTAHEDRAL" where stride != 4 && stride != 8: fail("\(name): OCTAHEDRAL needs stride 4 or 8")
            case "QUATERNION" where stride != 8: fail("\(name): QUATERNION needs stride 8")
            case "EXPONENTIAL" where stride % 4 != 0: fail("\(name): EXPONENTIAL needs a stride divisible by 4")
            default: break
            }
            guard result.issues.count == issuesBefore else { continue } // don't decode what breaks the rules

            let encoded = Array(bin[offset..<offset + length])
            // EXT_meshopt_compression allows the version-0 vertex bitstream only (0xa1 is KHR's).
            let header: UInt8 = mode == "ATTRIBUTES" ? MeshoptCodec.vertexHeader : mode == "TRIANGLES" ? MeshoptCodec.triangleHeader : MeshoptCodec.sequenceHeader
            if encoded[0] != header { fail("\(name): \(mode) header byte 0x\(String(encoded[0], radix: 16)), expected 0x\(String(header, radix: 16))") }
            var decoded: [UInt8]
            do {
                switch mode {
                case "ATTRIBUTES": decoded = try MeshoptCodec.decodeVertexBuffer(encoded, count: count, stride: stride)
                case "TRIANGLES": decoded = try MeshoptCodec.decodeIndexBuffer(encoded, count: count, indexSize: stride)
                default: decoded = try MeshoptCodec.decodeIndexSequence(encoded, count: count, indexSize: stride)
                }
                switch filter {
                case "OCTAHEDRAL": try MeshoptCodec.decodeFilterOct(&decoded, count: count, stride: stride)
                case "QUATERNION": try MeshoptCodec.decodeFilterQuat(&decoded, count: count)
                case "EXPONENTIAL": try MeshoptCodec.decodeFilterExp(&decoded, count: count, stride: stride)
                default: break
                }
            } catch {
                fail("\(name) does not decode: \(error)"); continue
            }
            guard buffers.indices.contains(parentBuffer) else { fail("bufferViews[\(i)].buffer \(parentBuffer) does not exist"); continue }
            var target = result.buffers[parentBuffer]
                ?? (parentBuffer == 0 ? bin : [UInt8](repeating: 0, count: buffers[parentBuffer]["byteLength"] as? Int ?? 0))
            let start = view["byteOffset"] as? Int ?? 0
            guard start >= 0, start + decoded.count <= target.count else { fail("bufferViews[\(i)] runs past buffers[\(parentBuffer)]"); continue }
            target.replaceSubrange(start..<start + decoded.count, with: decoded)
            result.buffers[parentBuffer] = target
        }
        return result
    }

    // MARK: - KHR_mesh_quantization

    /// (componentType, normalized) pairs each attribute may use: core glTF, then what
    /// KHR_mesh_quantization adds (which makes the extension required).
    static let coreFormats: [String: Set<Format>] = [
        "POSITION": [Format(5126, false)],
        "NORMAL": [Format(5126, false)],
        "TANGENT": [Format(5126, false)],
        "TEXCOORD": [Format(5126, false), Format(5121, true), Format(5123, true)],
        "COLOR": [Format(5126, false), Format(5121, true), Format(5123, true)],
        "JOINTS": [Format(5121, false), Format(5123, false)],
        "WEIGHTS": [Format(5126, false), Format(5121, true), Format(5123, true)],
    ]
    static let quantizedFormats: [String: Set<Format>] = [
        "POSITION": [Format(5120, false), Format(5120, true), Format(5121, false), Format(5121, true),
                     Format(5122, false), Format(5122, true), Format(5123, false), Format(5123, true)],
        "NORMAL": [Format(5120, true), Format(5122, true)],
        "TANGENT": [Format(5120, true), Format(5122, true)],
        "TEXCOORD": [Format(5120, false), Format(5120, true), Format(5121, false), Format(5122, false), Format(5122, true), Format(5123, false)],
    ]
    static let attributeTypes: [String: Set<String>] = [
        "POSITION": ["VEC3"], "NORMAL": ["VEC3"], "TANGENT": ["VEC4"], "TEXCOORD": ["VEC2"],
        "COLOR": ["VEC3", "VEC4"], "JOINTS": ["VEC4"], "WEIGHTS": ["VEC4"],
    ]

    struct Format: Hashable {
        var componentType: Int
        var normalized: Bool
        init(_ componentType: Int, _ normalized: Bool) { self.componentType = componentType; self.normalized = normalized }
    }

    func attributeFormatIssues(_ primitive: String, attributes: [String: Int], accessors: [[String: Any]]) -> [String] {
        var issues: [String] = []
        let required = json["extensionsRequired"] as? [String] ?? []
        for (attribute, index) in attributes.sorted(by: { $0.key < $1.key }) where accessors.indices.contains(index) {
            let accessor = accessors[index]
            let componentType = accessor["componentType"] as? Int ?? 0
            let normalized = accessor["normalized"] as? Bool ?? false
            if normalized && ![5120, 5121, 5122, 5123].contains(componentType) {
                issues.append("\(primitive).\(attribute) is normalized with componentType \(componentType)")
            }
            guard !attribute.hasPrefix("_") else { continue } // application-specific: any format
            let semantic = attribute.split(separator: "_").first.map(String.init) ?? attribute
            guard let core = Self.coreFormats[semantic] else { issues.append("\(primitive) has unknown attribute \(attribute)"); continue }
            if let types = Self.attributeTypes[semantic], !types.contains(accessor["type"] as? String ?? "") {
                issues.append("\(primitive).\(attribute) has type \(accessor["type"] ?? "nil")")
            }
            let format = Format(componentType, normalized)
            if core.contains(format) { continue }
            if Self.quantizedFormats[semantic]?.contains(format) == true {
                if !required.contains("KHR_mesh_quantization") {
                    issues.append("\(primitive).\(attribute) uses a KHR_mesh_quantization format but the extension is not required")
                }
            } else {
                issues.append("\(primitive).\(attribute) may not use componentType \(componentType)\(normalized ? " normalized" : "")")
            }
        }
        return issues
    }

    /// Raw accessor values mapped to floats the way a loader does for `normalized` integers,
    /// with the unit-length slack their rounding needs (half a step per component).
    static func dequantized(_ raw: [Double], _ accessor: [String: Any]) -> (values: [Double], unitTolerance: Double) {
        guard accessor["normalized"] as? Bool == true, let scale = normalizedScale[accessor["componentType"] as? Int ?? 0] else {
            return (raw, 0.0005)
        }
        return (raw.map { max($0 / scale, -1) }, 0.0005 + 3.0.squareRoot() * 0.5 / scale)
    }

    static let normalizedScale: [Int: Double] = [5120: 127, 5121: 255, 5122: 32767, 5123: 65535]

    // MARK: - Extension lists

    func extensionListIssues() -> [String] {
        var issues: [String] = []
        let used = json["extensionsUsed"] as? [String] ?? []
        let required = json["extensionsRequired"] as? [String] ?? []
        if Set(used).count != used.count { issues.append("extensionsUsed lists a name twice") }
        for name in required where !used.contains(name) { issues.append("extensionsRequired lists \(name), extensionsUsed does not") }
        var found = Set<String>()
        func walk(_ value: Any) {
            if let object = value as? [String: Any] {
                for (key, child) in object {
                    if key == "extensions", let names = child as? [String: Any] { found.formUnion(names.keys) }
                    walk(child)
                }
            } else if let list = value as? [Any] {
                for child in list { walk(child) }
            }
        }
        walk(json)
        for name in found.sorted() where !used.contains(name) { issues.append("\(name) is used but extensionsUsed does not list it") }
        return issues
    }

    // MARK: - Reading for tests

    /// The bytes of bufferView `index` as a loader sees them (decoded when compressed).
    public func viewBytes(_ index: Int) -> [UInt8]? {
        guard let views = json["bufferViews"] as? [[String: Any]], views.indices.contains(index) else { return nil }
        let view = views[index]
        let data = bytes(ofBufferOf: view)
        let start = view["byteOffset"] as? Int ?? 0, length = view["byteLength"] as? Int ?? 0
        guard start >= 0, length >= 0, start + length <= data.count else { return nil }
        return Array(data[start..<start + length])
    }

    /// Accessor `index` as floats: integers as their values, normalized integers mapped as a
    /// loader maps them. nil when the accessor can't be read.
    public func floats(ofAccessor index: Int) -> [Float]? {
        guard let accessors = json["accessors"] as? [[String: Any]], accessors.indices.contains(index),
              let views = json["bufferViews"] as? [[String: Any]] else { return nil }
        let a = accessors[index]
        guard let viewIndex = a["bufferView"] as? Int, views.indices.contains(viewIndex),
              let componentType = a["componentType"] as? Int, let type = a["type"] as? String, let count = a["count"] as? Int else { return nil }
        let size = [5120: 1, 5121: 1, 5122: 2, 5123: 2, 5125: 4, 5126: 4][componentType] ?? 0
        let components = ["SCALAR": 1, "VEC2": 2, "VEC3": 3, "VEC4": 4, "MAT4": 16][type] ?? 0
        guard size > 0, components > 0 else { return nil }
        let view = views[viewIndex]
        let data = bytes(ofBufferOf: view)
        let start = (view["byteOffset"] as? Int ?? 0) + (a["byteOffset"] as? Int ?? 0)
        let stride = view["byteStride"] as? Int ?? size * components
        guard count > 0, start + stride * (count - 1) + size * components <= data.count else { return nil }
        var raw: [Double] = []
        raw.reserveCapacity(count * components)
        for element in 0..<count {
            for c in 0..<components {
                let at = start + element * stride + c * size
                let bits = (0..<size).reduce(UInt32(0)) { $0 | UInt32(data[at + $1]) << (8 * $1) }
                let value: Double = switch componentType {
                case 5126: Double(Float(bitPattern: bits))
                case 5120: Double(Int8(bitPattern: UInt8(bits)))
                case 5122: Double(Int16(bitPattern: UInt16(bits)))
                default: Double(bits)
                }
                raw.append(value)
            }
        }
        return Self.dequantized(raw, a).values.map { Float($0) }
    }
}
