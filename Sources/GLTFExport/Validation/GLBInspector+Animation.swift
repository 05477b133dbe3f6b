import Foundation

/// The glTF rules about skins, morph targets and animations that the Khronos validator
/// enforces and that a writer can get wrong. Run from `checkDocument`; returns the issues.
extension GLBInspector {
    func animationIssues(accessors: [[String: Any]], values: [[Double]?]) -> [String] {
        var check = AnimationChecks(json: json, accessors: accessors, values: values)
        check.run()
        return check.issues
    }
}

private struct AnimationChecks {
    let json: [String: Any]
    let accessors: [[String: Any]]
    let values: [[Double]?]
    var issues: [String] = []

    init(json: [String: Any], accessors: [[String: Any]], values: [[Double]?]) {
        self.json = json
        self.accessors = accessors
        self.values = values
    }

    private func array(_ key: String) -> [[String: Any]] { json[key] as? [[String: Any]] ?? [] }
    private mutating func fail(_ message: String) { issues.append(message) }

    mutating func run() {
        let nodes = array("nodes")
        let parents = parentOfEachNode(nodes)
        let inScene = nodesInDefaultScene(nodes)
        checkSkins(nodes: nodes, parents: parents, inScene: inScene)
        checkSkinnedMeshes(nodes: nodes)
        checkMorphTargets()
        checkAnimations(nodes: nodes)
    }

    // MARK: - Skins

    private mutating func checkSkins(nodes: [[String: Any]], parents: [Int?], inScene: Set<Int>) {
        for (s, skin) in array("skins").enumerated() {
            let joints = skin["joints"] as? [Int] ?? []
            if joints.isEmpty { fail("skins[\(s)] has no joints") }
            if Set(joints).count != joints.count { fail("skins[\(s)].joints lists a node twice") }
            for joint in joints where !nodes.indices.contains(joint) { fail("skins[\(s)].joints has invalid node \(joint)") }
            for joint in joints where nodes.indices.contains(joint) && !inScene.contains(joint) {
                fail("skins[\(s)] joint node \(joint) is not in the default scene")
            }
            let valid = joints.filter { nodes.indices.contains($0) }
            let roots = Set(valid.map { root(of: $0, parents: parents) })
            if roots.count > 1 { fail("skins[\(s)] joints have no common root") }
            if let skeleton = skin["skeleton"] as? Int {
                if !nodes.indices.contains(skeleton) {
                    fail("skins[\(s)].skeleton is not a node")
                } else if let stray = valid.first(where: { !isAncestor(skeleton, of: $0, parents: parents) }) {
                    fail("skins[\(s)].skeleton \(skeleton) is not an ancestor of joint \(stray)")
                }
            }
            guard let ibm = skin["inverseBindMatrices"] as? Int else { continue }
            guard let accessor = accessor(ibm, "skins[\(s)].inverseBindMatrices") else { continue }
            if accessor["type"] as? String != "MAT4" || accessor["componentType"] as? Int != 5126 {
                fail("skins[\(s)].inverseBindMatrices is not a float MAT4 accessor")
            }
            if accessor["count"] as? Int != joints.count {
                fail("skins[\(s)] has \(joints.count) joints but \(accessor["count"] as? Int ?? 0) inverse bind matrices")
            }
            checkPlainView(of: ibm, "skins[\(s)].inverseBindMatrices")
        }
    }

    /// Every node showing a mesh with JOINTS_0 needs a skin with enough joints, and vice versa.
    private mutating func checkSkinnedMeshes(nodes: [[String: Any]]) {
        let meshes = array("meshes"), skins = array("skins")
        for (m, mesh) in meshes.enumerated() {
            for (p, primitive) in (mesh["primitives"] as? [[String: Any]] ?? []).enumerated() {
                let name = "meshes[\(m)].primitives[\(p)]"
                let attributes = primitive["attributes"] as? [String: Int] ?? [:]
                if (attributes["JOINTS_0"] == nil) != (attributes["WEIGHTS_0"] == nil) { fail("\(name) has only one of JOINTS_0 and WEIGHTS_0") }
                if let joints = attributes["JOINTS_0"], let a = accessor(joints, "\(name).JOINTS_0") {
                    if a["type"] as? String != "VEC4" || ![5121, 5123].contains(a["componentType"] as? Int ?? 0) || a["normalized"] as? Bool == true {
                        fail("\(name).JOINTS_0 must be VEC4 unsigned byte/short, not normalized")
                    }
                }
                if let weights = attributes["WEIGHTS_0"], let a = accessor(weights, "\(name).WEIGHTS_0") {
                    let type = a["componentType"] as? Int ?? 0
                    let scale: Double? = switch type {
                    case 5126: 1
                    case 5121 where a["normalized"] as? Bool == true: 255
                    case 5123 where a["normalized"] as? Bool == true: 65535
                    default: nil
                    }
                    if a["type"] as? String != "VEC4" || scale == nil {
                        fail("\(name).WEIGHTS_0 must be VEC4 float or normalized unsigned byte/short")
                    } else if let data = values[weights], let scale {
                        for v in Swift.stride(from: 0, to: data.count - 3, by: 4) {
                            let w = data[v..<v + 4].map { $0 / scale }
                            if w.contains(where: { $0 < 0 }) { fail("\(name).WEIGHTS_0 vertex \(v / 4) has a negative weight"); break }
                            let sum = w.reduce(0, +)
                            if abs(sum - 1) > 0.01 { fail("\(name).WEIGHTS_0 vertex \(v / 4) sums to \(sum), not 1"); break }
                        }
                    }
                }
            }
        }
        for (n, node) in nodes.enumerated() {
            let skin = node["skin"] as? Int
            if let skin, !skins.indices.contains(skin) { fail("nodes[\(n)].skin out of range"); continue }
            guard let meshIndex = node["mesh"] as? Int, meshes.indices.contains(meshIndex) else {
                if skin != nil { fail("nodes[\(n)] has a skin but no mesh") }
                continue
            }
            let primitives = meshes[meshIndex]["primitives"] as? [[String: Any]] ?? []
            let skinned = primitives.map { ($0["attributes"] as? [String: Int])?["JOINTS_0"] }
            if let skin {
                if skinned.contains(where: { $0 == nil }) { fail("nodes[\(n)] has a skin but its mesh lacks JOINTS_0/WEIGHTS_0") }
                let jointCount = (skins[skin]["joints"] as? [Int])?.count ?? 0
                for case let joints? in skinned {
                    if let data = values.indices.contains(joints) ? values[joints] : nil, let bad = data.first(where: { $0 >= Double(jointCount) }) {
                        fail("nodes[\(n)]: JOINTS_0 value \(Int(bad)) >= the skin's \(jointCount) joints")
                    }
                }
            } else if skinned.contains(where: { $0 != nil }) {
                fail("nodes[\(n)] shows a skinned mesh but has no skin")
            }
        }
    }

    // MARK: - Morph targets

    private mutating func checkMorphTargets() {
        for (m, mesh) in array("meshes").enumerated() {
            let primitives = mesh["primitives"] as? [[String: Any]] ?? []
            let counts = primitives.map { ($0["targets"] as? [[String: Int]])?.count ?? 0 }
            if Set(counts).count > 1 { fail("meshes[\(m)] primitives have different numbers of morph targets \(counts)") }
            if let weights = mesh["weights"] as? [Double], weights.count != (counts.first ?? 0) {
                fail("meshes[\(m)].weights has \(weights.count) values for \(counts.first ?? 0) morph targets")
            }
            for (p, primitive) in primitives.enumerated() {
                let base = (primitive["attributes"] as? [String: Int])?["POSITION"]
                let vertexCount = base.flatMap { accessors.indices.contains($0) ? accessors[$0]["count"] as? Int : nil }
                for (t, target) in (primitive["targets"] as? [[String: Int]] ?? []).enumerated() {
                    let name = "meshes[\(m)].primitives[\(p)].targets[\(t)]"
                    for (attribute, index) in target {
                        guard let a = accessor(index, "\(name).\(attribute)") else { continue }
                        if a["count"] as? Int != vertexCount { fail("\(name).\(attribute) count differs from the base POSITION") }
                    }
                    if let position = target["POSITION"], accessors.indices.contains(position),
                       accessors[position]["min"] == nil || accessors[position]["max"] == nil {
                        fail("\(name).POSITION lacks min/max")
                    }
                    checkMorphFormats(target, name)
                }
            }
        }
    }

    /// Morph target attributes: core glTF allows float deltas only; KHR_mesh_quantization adds
    /// BYTE/SHORT (plain or normalized) POSITION, normalized BYTE/SHORT NORMAL and TANGENT,
    /// BYTE/SHORT (plain or normalized) TEXCOORD.
    private mutating func checkMorphFormats(_ target: [String: Int], _ name: String) {
        let required = json["extensionsRequired"] as? [String] ?? []
        for (attribute, index) in target.sorted(by: { $0.key < $1.key }) where accessors.indices.contains(index) {
            let a = accessors[index]
            let componentType = a["componentType"] as? Int ?? 0, normalized = a["normalized"] as? Bool ?? false
            let semantic = attribute.split(separator: "_").first.map(String.init) ?? attribute
            let allowed: [(Int, Bool)]
            switch semantic {
            case "POSITION", "TEXCOORD": allowed = [(5120, false), (5120, true), (5122, false), (5122, true)]
            case "NORMAL", "TANGENT": allowed = [(5120, true), (5122, true)]
            default: continue
            }
            if componentType == 5126 && !normalized { continue }
            if !allowed.contains(where: { $0 == (componentType, normalized) }) {
                fail("\(name).\(attribute) may not use componentType \(componentType)\(normalized ? " normalized" : "")")
            } else if !required.contains("KHR_mesh_quantization") {
                fail("\(name).\(attribute) uses a KHR_mesh_quantization format but the extension is not required")
            }
        }
    }

    // MARK: - Animations

    private mutating func checkAnimations(nodes: [[String: Any]]) {
        let meshes = array("meshes")
        for (a, animation) in array("animations").enumerated() {
            let samplers = animation["samplers"] as? [[String: Any]] ?? []
            let channels = animation["channels"] as? [[String: Any]] ?? []
            if samplers.isEmpty || channels.isEmpty { fail("animations[\(a)] has no samplers or no channels") }
            var targets = Set<String>()
            for (c, channel) in channels.enumerated() {
                let name = "animations[\(a)].channels[\(c)]"
                let target = channel["target"] as? [String: Any] ?? [:]
                guard let node = target["node"] as? Int, nodes.indices.contains(node) else { fail("\(name).target.node is invalid"); continue }
                let path = target["path"] as? String ?? ""
                guard let sampler = channel["sampler"] as? Int, samplers.indices.contains(sampler) else { fail("\(name).sampler is invalid"); continue }
                if !targets.insert("\(node)/\(path)").inserted { fail("\(name) animates node \(node) \(path) a second time") }
                if nodes[node]["matrix"] != nil { fail("\(name) animates nodes[\(node)], which has a matrix") }
                var perKey: Int
                let expectedType: String
                switch path {
                case "translation", "scale": perKey = 1; expectedType = "VEC3"
                case "rotation": perKey = 1; expectedType = "VEC4"
                case "weights":
                    expectedType = "SCALAR"
                    let mesh = (nodes[node]["mesh"] as? Int).flatMap { meshes.indices.contains($0) ? meshes[$0] : nil }
                    let targetCount = ((mesh?["primitives"] as? [[String: Any]])?.first?["targets"] as? [Any])?.count ?? 0
                    if targetCount == 0 { fail("\(name) animates weights of nodes[\(node)], which has no morph targets") }
                    perKey = targetCount
                default: fail("\(name).target.path '\(path)' is invalid"); continue
                }
                checkSampler(samplers[sampler], "animations[\(a)].samplers[\(sampler)]", path: path, type: expectedType, perKey: perKey)
            }
        }
    }

    private mutating func checkSampler(_ sampler: [String: Any], _ name: String, path: String, type: String, perKey: Int) {
        guard let input = sampler["input"] as? Int, let inputAccessor = accessor(input, "\(name).input"),
              let output = sampler["output"] as? Int, let outputAccessor = accessor(output, "\(name).output") else { return }
        if inputAccessor["type"] as? String != "SCALAR" || inputAccessor["componentType"] as? Int != 5126 {
            fail("\(name).input is not a float SCALAR accessor")
        }
        if inputAccessor["min"] == nil || inputAccessor["max"] == nil { fail("\(name).input lacks min/max") }
        if let times = values[input] {
            if let first = times.first, first < 0 { fail("\(name).input starts before 0") }
            if zip(times, times.dropFirst()).contains(where: { $0 >= $1 }) { fail("\(name).input times are not strictly increasing") }
        }
        checkPlainView(of: input, "\(name).input")
        checkPlainView(of: output, "\(name).output")
        let interpolation = sampler["interpolation"] as? String ?? "LINEAR"
        guard ["LINEAR", "STEP", "CUBICSPLINE"].contains(interpolation) else { return fail("\(name).interpolation '\(interpolation)' is invalid") }
        let keys = inputAccessor["count"] as? Int ?? 0
        let cubic = interpolation == "CUBICSPLINE"
        let expected = keys * perKey * (cubic ? 3 : 1)
        if outputAccessor["count"] as? Int != expected {
            fail("\(name).output has \(outputAccessor["count"] as? Int ?? 0) elements, expected \(expected) for \(keys) keys")
        }
        if outputAccessor["type"] as? String != type { fail("\(name).output is \(outputAccessor["type"] as? String ?? "?"), \(path) needs \(type)") }
        // Output formats: translation and scale are float only; rotation and weights may also be
        // normalized (U)BYTE/(U)SHORT — what the QUATERNION filter decodes to.
        let componentType = outputAccessor["componentType"] as? Int ?? 0, normalized = outputAccessor["normalized"] as? Bool ?? false
        let float = componentType == 5126 && !normalized
        let normalizedInteger = normalized && [5120, 5121, 5122, 5123].contains(componentType)
        if path == "translation" || path == "scale" ? !float : !(float || normalizedInteger) {
            fail("\(name).output (\(path)) may not use componentType \(componentType)\(normalized ? " normalized" : "")")
        }
        if path == "rotation", float || normalizedInteger, let raw = values[output] {
            // Cubic splines store (in-tangent, value, out-tangent); only values must be unit length.
            // Normalized components are dequantized as a loader does; each carries half a step of
            // rounding, so four of them may leave the length up to a step from 1.
            let scale = GLBInspector.normalizedScale[componentType] ?? 1
            let data = float ? raw : raw.map { max($0 / scale, -1) }
            let tolerance = float ? 0.0005 : 0.0005 + 2 * 0.5 / scale
            let stride = cubic ? 12 : 4, start = cubic ? 4 : 0
            for q in Swift.stride(from: start, to: data.count - 3, by: stride) {
                let length = data[q..<q + 4].map { $0 * $0 }.reduce(0, +).squareRoot()
                if abs(length - 1) > tolerance { fail("\(name).output rotation \(q / stride) is not a unit quaternion (\(length))"); break }
            }
        }
    }

    // MARK: - Helpers

    private mutating func accessor(_ index: Int, _ name: String) -> [String: Any]? {
        guard accessors.indices.contains(index) else { fail("\(name) refers to missing accessor \(index)"); return nil }
        return accessors[index]
    }

    /// Animation and inverse-bind-matrix data must not sit in a view with byteStride or target.
    private mutating func checkPlainView(of accessorIndex: Int, _ name: String) {
        let views = array("bufferViews")
        guard accessors.indices.contains(accessorIndex), let view = accessors[accessorIndex]["bufferView"] as? Int,
              views.indices.contains(view) else { return }
        if views[view]["byteStride"] != nil || views[view]["target"] != nil { fail("\(name) sits in bufferViews[\(view)], which has byteStride or target") }
    }

    private func parentOfEachNode(_ nodes: [[String: Any]]) -> [Int?] {
        var parents = [Int?](repeating: nil, count: nodes.count)
        for (i, node) in nodes.enumerated() {
            for child in node["children"] as? [Int] ?? [] where nodes.indices.contains(child) && child != i { parents[child] = i }
        }
        return parents
    }

    private func root(of node: Int, parents: [Int?]) -> Int {
        var current = node, steps = 0
        while let parent = parents[current], steps <= parents.count { current = parent; steps += 1 }
        return current
    }

    private func isAncestor(_ ancestor: Int, of node: Int, parents: [Int?]) -> Bool {
        var current: Int? = node, steps = 0
        while let c = current, steps <= parents.count {
            if c == ancestor { return true }
            current = parents[c]
            steps += 1
        }
        return false
    }

    private func nodesInDefaultScene(_ nodes: [[String: Any]]) -> Set<Int> {
        let scenes = array("scenes")
        let index = json["scene"] as? Int ?? 0
        guard scenes.indices.contains(index) else { return [] }
        var stack = scenes[index]["nodes"] as? [Int] ?? [], seen = Set<Int>()
        while let node = stack.popLast() {
            guard nodes.indices.contains(node), seen.insert(node).inserted else { continue }
            stack += nodes[node]["children"] as? [Int] ?? []
        }
        return seen
    }
}

// MARK: - Rest pose

extension GLBInspector {
    /// One drawn primitive as a viewer shows it before any animation plays, in world space.
    public struct PosedPrimitive {
        public var node: Int
        public var mesh: Int
        public var primitive: Int
        public var positions: [SIMD3<Double>]
    }

    /// Every primitive of every mesh instance in the default scene at the rest pose: POSITION
    /// (dequantized as a loader does) plus the morph deltas times the default weights, then
    /// skinned — Σ weight · jointWorld · inverseBind, the node's own transform ignored, as glTF
    /// says — or placed by the node's world transform. Tests compare this between a float and
    /// a quantized write: it is where a wrong dequantization (node, skin or morph grid) shows.
    /// nil when the file can't be read that far.
    public func restPose() -> [PosedPrimitive]? {
        let nodes = json["nodes"] as? [[String: Any]] ?? [], meshes = json["meshes"] as? [[String: Any]] ?? []
        let skins = json["skins"] as? [[String: Any]] ?? []
        let scenes = json["scenes"] as? [[String: Any]] ?? []
        guard scenes.indices.contains(json["scene"] as? Int ?? 0) else { return nil }
        var world = [[Double]?](repeating: nil, count: nodes.count)
        var order: [Int] = []
        var stack: [(Int, [Double])] = ((scenes[json["scene"] as? Int ?? 0]["nodes"] as? [Int]) ?? []).map { ($0, Mat4.identity) }
        while let (index, parent) = stack.popLast() {
            guard nodes.indices.contains(index), world[index] == nil else { continue }
            let matrix = Mat4.multiply(parent, Mat4.local(nodes[index]))
            world[index] = matrix
            order.append(index)
            for child in nodes[index]["children"] as? [Int] ?? [] { stack.append((child, matrix)) }
        }
        var out: [PosedPrimitive] = []
        for index in order.sorted() {
            let node = nodes[index]
            guard let m = node["mesh"] as? Int, meshes.indices.contains(m) else { continue }
            let weights = (node["weights"] as? [Double]) ?? (meshes[m]["weights"] as? [Double]) ?? []
            var jointMatrices: [[Double]] = []
            if let s = node["skin"] as? Int, skins.indices.contains(s) {
                let joints = skins[s]["joints"] as? [Int] ?? []
                let inverse = (skins[s]["inverseBindMatrices"] as? Int).flatMap { floats(ofAccessor: $0) }?.map(Double.init)
                    ?? joints.flatMap { _ in Mat4.identity }
                guard inverse.count == joints.count * 16 else { return nil }
                for (j, joint) in joints.enumerated() {
                    guard let jointWorld = world.indices.contains(joint) ? world[joint] : nil else { return nil }
                    jointMatrices.append(Mat4.multiply(jointWorld, Array(inverse[j * 16..<(j + 1) * 16])))
                }
            }
            for (p, primitive) in (meshes[m]["primitives"] as? [[String: Any]] ?? []).enumerated() {
                let attributes = primitive["attributes"] as? [String: Int] ?? [:]
                guard let position = attributes["POSITION"], var points = floats(ofAccessor: position)?.map(Double.init) else { return nil }
                for (t, target) in (primitive["targets"] as? [[String: Int]] ?? []).enumerated() where weights.indices.contains(t) && weights[t] != 0 {
                    guard let delta = target["POSITION"].flatMap({ floats(ofAccessor: $0) }), delta.count == points.count else { continue }
                    for i in points.indices { points[i] += weights[t] * Double(delta[i]) }
                }
                var posed: [SIMD3<Double>] = []
                posed.reserveCapacity(points.count / 3)
                let joints = attributes["JOINTS_0"].flatMap { floats(ofAccessor: $0) }
                let skinWeights = attributes["WEIGHTS_0"].flatMap { floats(ofAccessor: $0) }
                for v in 0..<points.count / 3 {
                    let point = SIMD3(points[v * 3], points[v * 3 + 1], points[v * 3 + 2])
                    if !jointMatrices.isEmpty, let joints, let skinWeights, joints.count == points.count / 3 * 4, skinWeights.count == joints.count {
                        var sum = SIMD3<Double>(repeating: 0)
                        for k in 0..<4 {
                            let j = Int(joints[v * 4 + k]), w = Double(skinWeights[v * 4 + k])
                            guard w != 0 else { continue }
                            guard jointMatrices.indices.contains(j) else { return nil }
                            sum += w * Mat4.transform(jointMatrices[j], point)
                        }
                        posed.append(sum)
                    } else {
                        posed.append(Mat4.transform(world[index] ?? Mat4.identity, point))
                    }
                }
                out.append(PosedPrimitive(node: index, mesh: m, primitive: p, positions: posed))
            }
        }
        return out
    }
}

/// Column-major 4×4 matrices as 16 doubles (enough for the rest pose).
private enum Mat4 {
    static let identity: [Double] = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1]

    static func multiply(_ a: [Double], _ b: [Double]) -> [Double] {
        var out = [Double](repeating: 0, count: 16)
        for column in 0..<4 {
            for row in 0..<4 {
                out[column * 4 + row] = (0..<4).reduce(0) { $0 + a[$1 * 4 + row] * b[column * 4 + $1] }
            }
        }
        return out
    }

    static func transform(_ m: [Double], _ p: SIMD3<Double>) -> SIMD3<Double> {
        SIMD3(m[0] * p.x + m[4] * p.y + m[8] * p.z + m[12],
              m[1] * p.x + m[5] * p.y + m[9] * p.z + m[13],
              m[2] * p.x + m[6] * p.y + m[10] * p.z + m[14])
    }

    static func local(_ node: [String: Any]) -> [Double] {
        if let m = node["matrix"] as? [Double], m.count == 16 { return m }
        let t = node["translation"] as? [Double] ?? [0, 0, 0]
        let q = node["rotation"] as? [Double] ?? [0, 0, 0, 1]
        let s = node["scale"] as? [Double] ?? [1, 1, 1]
        guard t.count == 3, q.count == 4, s.count == 3 else { return identity }
        let (x, y, z, w) = (q[0], q[1], q[2], q[3])
        return [
            (1 - 2 * (y * y + z * z)) * s[0], 2 * (x * y + z * w) * s[0], 2 * (x * z - y * w) * s[0], 0,
            2 * (x * y - z * w) * s[1], (1 - 2 * (x * x + z * z)) * s[1], 2 * (y * z + x * w) * s[1], 0,
            2 * (x * z + y * w) * s[2], 2 * (y * z - x * w) * s[2], (1 - 2 * (x * x + y * y)) * s[2], 0,
            t[0], t[1], t[2], 1,
        ]
    }
}
