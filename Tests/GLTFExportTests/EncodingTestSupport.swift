import Foundation
@testable import GLTFExport
import SceneModel
import TestSupport
import XCTest

/// Reading a written .glb back the way a viewer would, for the encoding tests: node transforms
/// composed from the roots, accessors dequantized (through GLBInspector's decoded buffers).
struct DecodedGLB {
    struct Instance {
        var world: Transform
        var mesh: Int
    }

    let inspector: GLBInspector
    var json: [String: Any] { inspector.json }

    init(_ bytes: [UInt8]) { inspector = GLBInspector(bytes) }

    func list(_ key: String) -> [[String: Any]] { json[key] as? [[String: Any]] ?? [] }

    /// Every (world transform, mesh) drawn by the default scene.
    var instances: [Instance] {
        let nodes = list("nodes")
        var out: [Instance] = []
        var stack: [(Int, Transform)] = ((list("scenes").first?["nodes"] as? [Int]) ?? []).map { ($0, .identity) }
        while let (index, parent) = stack.popLast() {
            let node = nodes[index]
            let world = parent * Self.local(node)
            if let mesh = node["mesh"] as? Int { out.append(Instance(world: world, mesh: mesh)) }
            for child in node["children"] as? [Int] ?? [] { stack.append((child, world)) }
        }
        return out
    }

    static func local(_ node: [String: Any]) -> Transform {
        if let m = (node["matrix"] as? [Double])?.map(Float.init), m.count == 16 {
            return Transform(columns: (0..<4).map { SIMD4(m[$0 * 4], m[$0 * 4 + 1], m[$0 * 4 + 2], m[$0 * 4 + 3]) })
        }
        let t = (node["translation"] as? [Double])?.map(Float.init) ?? [0, 0, 0]
        let r = (node["rotation"] as? [Double])?.map(Float.init) ?? [0, 0, 0, 1]
        let s = (node["scale"] as? [Double])?.map(Float.init) ?? [1, 1, 1]
        return TRS.matrix(rotation: SIMD4(r[0], r[1], r[2], r[3]), scale: SIMD3(s[0], s[1], s[2]), translation: SIMD3(t[0], t[1], t[2]))
    }

    func primitive(mesh: Int, _ index: Int = 0) -> [String: Any]? {
        (list("meshes")[mesh]["primitives"] as? [[String: Any]])?[index]
    }

    func attribute(_ name: String, mesh: Int = 0, primitive: Int = 0) -> [Float]? {
        guard let accessor = (self.primitive(mesh: mesh, primitive)?["attributes"] as? [String: Int])?[name] else { return nil }
        return inspector.floats(ofAccessor: accessor)
    }

    func accessor(_ name: String, mesh: Int = 0) -> [String: Any]? {
        guard let index = (primitive(mesh: mesh)?["attributes"] as? [String: Int])?[name] else { return nil }
        return list("accessors")[index]
    }

    var extensionsUsed: [String] { json["extensionsUsed"] as? [String] ?? [] }
    var extensionsRequired: [String] { json["extensionsRequired"] as? [String] ?? [] }
}

enum EncodingFixtures {
    /// The fixture cube moved off the origin and stretched, so positions are not on any grid,
    /// with per-vertex colours; UVs stay in [0, 1].
    static func oddCube(textured: Bool = false) -> Scene {
        var scene = SceneFixtures.cubeScene(image: textured ? Image(name: "red", format: .png, data: GLBLayoutTests.tinyPNG) : nil)
        var p = scene.meshes[0].primitives[0]
        p.positions = p.positions.enumerated().map { i, v in v * SIMD3(1.37, 0.61, 2.03) + SIMD3(3.1, -0.7, 0.25) + SIMD3(repeating: Float(i) * 0.0123) }
        p.normals = p.normals.enumerated().map { i, n in
            let bent = n + SIMD3(Float(i % 3) * 0.11, -Float(i % 5) * 0.07, Float(i % 2) * 0.05)
            return bent / (bent * bent).sum().squareRoot()
        }
        p.texCoords = [p.texCoords[0].enumerated().map { i, uv in uv * 0.9 + SIMD2(repeating: Float(i) * 0.003) }]
        p.colors = (0..<p.vertexCount).map { SIMD4(Float($0) / 23, 0.5, 1 - Float($0) / 30, 1) }
        scene.meshes[0].primitives[0] = p
        return scene
    }
}

/// A GLB with its JSON rewritten (for tests of the checker).
func repacked(_ glb: [UInt8], _ edit: (inout [String: Any]) -> Void, bin binEdit: ((inout [UInt8]) -> Void)? = nil) throws -> [UInt8] {
    let inspector = GLBInspector(glb)
    var json = inspector.json
    edit(&json)
    var bin = inspector.bin
    binEdit?(&bin)
    var text = [UInt8](try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]))
    while text.count % 4 != 0 { text.append(0x20) }
    var out: [UInt8] = []
    func word(_ v: Int) { withUnsafeBytes(of: UInt32(v).littleEndian) { out.append(contentsOf: $0) } }
    word(0x4654_6C67); word(2); word(12 + 8 + text.count + (bin.isEmpty ? 0 : 8 + bin.count))
    word(text.count); word(0x4E4F_534A); out += text
    if !bin.isEmpty { word(bin.count); word(0x004E_4942); out += bin }
    return out
}

/// Largest componentwise difference (SIMD has no `abs`).
func maxDifference<V: SIMD>(_ a: V, _ b: V) -> Float where V.Scalar == Float {
    var worst: Float = 0
    for i in a.indices { worst = max(worst, Swift.abs(a[i] - b[i])) }
    return worst
}

/// Texture infos of a material JSON object, in a fixed order.
func textureInfos(_ material: [String: Any]) -> [[String: Any]] {
    let pbr = material["pbrMetallicRoughness"] as? [String: Any] ?? [:]
    return [pbr["baseColorTexture"], pbr["metallicRoughnessTexture"], material["normalTexture"],
            material["occlusionTexture"], material["emissiveTexture"]].compactMap { $0 as? [String: Any] }
}
