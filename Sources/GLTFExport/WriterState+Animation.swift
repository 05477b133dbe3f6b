import MeshOptimizer
import SceneModel

/// Skins, morph targets and animations.
///
/// The Scene may hold references a glTF file cannot: a skin whose joint the writer does not
/// write (only nodes reachable from the roots are written), a mesh shown by one node with a
/// skin and by another without, primitives with different numbers of morph targets, channels
/// aimed at dropped nodes. Rather than emit an invalid file, `AnimationPlan` decides up front,
/// per mesh and per skin, what can be written; whatever fails is written as the static model
/// (bind pose, base shape), which every viewer can still show.
struct AnimationPlan {
    /// Scene skin index → index in the written `skins` array, for the skins written.
    var skinIndex: [Int: Int] = [:]
    /// Scene skin indices in written order.
    var skinsToWrite: [Int] = []
    /// Meshes written with JOINTS_0/WEIGHTS_0.
    var skinnedMeshes: Set<Int> = []
    /// Meshes written with morph targets, and how many targets each has.
    var targetCounts: [Int: Int] = [:]
    /// Nodes an animation channel may target: they get TRS, never `matrix`.
    var animatedNodes: Set<Int> = []
}

extension WriterState {
    // MARK: - Planning

    func animationPlan(nodeIndex: [Int: Int]) -> AnimationPlan {
        var plan = AnimationPlan()
        let written = scene.reachableNodes().filter { nodeIndex[$0] != nil }
        let roots = rootOfEachNode()
        let validSkins = Set(scene.skins.indices.filter { isWritable(skin: $0, nodeIndex: nodeIndex, roots: roots) })

        // A mesh is skinned only if every written node showing it has a skin that covers its joints.
        var users: [Int: [Int]] = [:]
        for node in written { if let mesh = scene.nodes[node].mesh, scene.meshes.indices.contains(mesh) { users[mesh, default: []].append(node) } }
        for (mesh, nodes) in users where hasTriangles(mesh) {
            if let needed = jointsNeeded(by: scene.meshes[mesh]),
               nodes.allSatisfy({ node in scene.nodes[node].skin.map { validSkins.contains($0) && scene.skins[$0].joints.count >= needed } ?? false }) {
                plan.skinnedMeshes.insert(mesh)
            }
            if let count = morphTargetCount(of: scene.meshes[mesh]) { plan.targetCounts[mesh] = count }
        }
        let usedSkins = Set(written.compactMap { node -> Int? in
            guard let mesh = scene.nodes[node].mesh, plan.skinnedMeshes.contains(mesh) else { return nil }
            return scene.nodes[node].skin
        })
        plan.skinsToWrite = usedSkins.sorted()
        for (position, skin) in plan.skinsToWrite.enumerated() { plan.skinIndex[skin] = position }
        for animation in scene.animations {
            for channel in animation.channels where nodeIndex[channel.node] != nil { plan.animatedNodes.insert(channel.node) }
        }
        return plan
    }

    /// The written skin index of a node, when its mesh is written skinned.
    func writtenSkin(of node: Int, meshWritten: Bool, plan: AnimationPlan) -> Int? {
        guard meshWritten, let mesh = scene.nodes[node].mesh, plan.skinnedMeshes.contains(mesh),
              let skin = scene.nodes[node].skin else { return nil }
        return plan.skinIndex[skin]
    }

    private func hasTriangles(_ mesh: Int) -> Bool { scene.meshes[mesh].primitives.contains { $0.triangleCount > 0 } }

    /// How many joints a skin needs for this mesh (largest index + 1), nil when the mesh does
    /// not carry complete skinning on every primitive it writes.
    private func jointsNeeded(by mesh: Mesh) -> Int? {
        var needed = 0
        for p in mesh.primitives where p.triangleCount > 0 {
            guard p.joints.count == p.vertexCount, p.weights.count == p.vertexCount else { return nil }
            for j in p.joints { needed = max(needed, Int(j.max()) + 1) }
        }
        return needed > 0 ? needed : nil
    }

    /// glTF makes every primitive of a mesh carry the same number of targets.
    private func morphTargetCount(of mesh: Mesh) -> Int? {
        let primitives = mesh.primitives.filter { $0.triangleCount > 0 }
        guard let count = primitives.first?.targets.count, count > 0,
              primitives.allSatisfy({ p in p.targets.count == count && p.targets.allSatisfy { $0.positions.count == p.vertexCount } })
        else { return nil }
        return count
    }

    private func isWritable(skin index: Int, nodeIndex: [Int: Int], roots: [Int: Int]) -> Bool {
        let skin = scene.skins[index]
        guard !skin.joints.isEmpty, skin.inverseBindMatrices.count == skin.joints.count,
              Set(skin.joints).count == skin.joints.count,
              skin.joints.allSatisfy({ nodeIndex[$0] != nil }),
              skin.inverseBindMatrices.allSatisfy({ $0.flattened.allSatisfy(\.isFinite) }) else { return false }
        // glTF requires the joints to share a common root.
        return Set(skin.joints.map { roots[$0] }).count == 1
    }

    /// For every reachable node, the root it hangs from.
    private func rootOfEachNode() -> [Int: Int] {
        var out: [Int: Int] = [:]
        for root in scene.roots where scene.nodes.indices.contains(root) {
            var stack = [root]
            while let node = stack.popLast() {
                guard out[node] == nil else { continue }
                out[node] = root
                stack += scene.nodes[node].children.filter { scene.nodes.indices.contains($0) }
            }
        }
        return out
    }

    // MARK: - Meshes

    /// `writeMesh` with what the plan cannot keep stripped first, and the default morph weights.
    mutating func writeMesh(_ index: Int, plan: AnimationPlan) -> GLTFDocument.Mesh? {
        var mesh = scene.meshes[index]
        let targets = plan.targetCounts[index]
        for p in mesh.primitives.indices {
            if !plan.skinnedMeshes.contains(index) {
                mesh.primitives[p].joints = []
                mesh.primitives[p].weights = []
            }
            if targets == nil { mesh.primitives[p].targets = [] }
        }
        guard var written = writeMesh(mesh) else { return nil }
        if plan.skinnedMeshes.contains(index) {
            // A skinned vertex ignores its node's transform: the skin's inverse bind matrices
            // dequantize it instead (writeSkins), so no node may apply the grid a second time.
            encoding.quantizedMeshes.remove(encoding.writtenMeshes - 1)
        }
        if let targets, mesh.morphWeights.count == targets, mesh.morphWeights.allSatisfy(\.isFinite),
           mesh.morphWeights.contains(where: { $0 != 0 }) {
            written.weights = mesh.morphWeights
        }
        return written
    }

    /// A primitive's JOINTS_0/WEIGHTS_0 as vertex streams, written with (and, quantized or
    /// compressed, interleaved into) its other attributes, so meshopt encodes them too.
    func skinStreams(_ p: Primitive) -> [VertexStream] {
        guard p.joints.count == p.vertexCount, p.weights.count == p.vertexCount, p.vertexCount > 0 else { return [] }
        var (joints, weights) = Self.cleanInfluences(p.joints, p.weights)
        // Quantizing, weights go to 8 bits as gltfpack stores them; otherwise they stay exact.
        let byteWeights = encoding.quantize ? Self.byteWeights(&joints, weights) : nil
        let small = joints.allSatisfy { $0.max() < 256 }
        let jointStream = small
            ? VertexStream(attribute: "JOINTS_0", bytes: joints.flatMap { [UInt8($0.x), UInt8($0.y), UInt8($0.z), UInt8($0.w)] }, stride: 4,
                           componentType: GLTFConstant.unsignedByte, type: "VEC4")
            : VertexStream(attribute: "JOINTS_0", bytes: BinaryChunk.integers(joints.flatMap { [$0.x, $0.y, $0.z, $0.w] }, components: 4, stride: 8),
                           stride: 8, componentType: GLTFConstant.unsignedShort, type: "VEC4")
        let weightStream = byteWeights.map {
            VertexStream(attribute: "WEIGHTS_0", bytes: $0, stride: 4, componentType: GLTFConstant.unsignedByte, normalized: true, type: "VEC4")
        } ?? VertexStream(attribute: "WEIGHTS_0", bytes: BinaryChunk.floats(weights.flatMap { [$0.x, $0.y, $0.z, $0.w] }), stride: 16,
                          componentType: GLTFConstant.float, type: "VEC4")
        return [jointStream, weightStream]
    }

    /// A primitive's morph targets: their delta streams are pooled with the rest of the
    /// geometry by stride (GeometryPools), so all targets' deltas share views (as gltfpack lays
    /// them out): a view per target and attribute costs more JSON than a small model's deltas
    /// (AnimatedMorphCube).
    /// `grid`: the base POSITION's grid, which the deltas must share.
    mutating func writeMorphTargets(_ p: Primitive, grid: PositionGrid?) -> [[String: Int]] {
        let written = p.targets.filter { $0.positions.count == p.vertexCount }
        guard !written.isEmpty else { return [] }
        let positions = morphPositionStreams(base: p.positions, targets: written.map(\.positions), grid: grid)
        // A NORMAL delta is only meaningful on top of a NORMAL the primitive writes.
        let withNormals = p.normals.count == p.vertexCount ? written.indices.filter { written[$0].normals.count == p.vertexCount } : []
        let normals = morphNormalStreams(withNormals.map { written[$0].normals })
        var normalOf: [Int: VertexStream] = [:]
        for (t, stream) in zip(withNormals, normals) { normalOf[t] = stream }
        // Each target's deltas land in the geometry pools, so all targets share views.
        return written.indices.map { t in writeStreams([positions[t]] + (normalOf[t].map { [$0] } ?? []), count: p.vertexCount) }
    }

    /// Position deltas, one stream per target, all in one format (so they can share a view).
    /// On a grid they must be in grid units, since the node (or skin) that dequantizes the base
    /// scales the morphed position as a whole: a delta d on base p is stored as q(p + d) − q(p),
    /// so the fully morphed vertex is the grid point nearest p + d (half a step off at most, as
    /// the base; gltfpack rounds d itself, which can be a whole step off). BYTE when every delta
    /// fits, else SHORT (KHR_mesh_quantization's morph formats); float grid units when a delta
    /// leaves even SHORT's range.
    func morphPositionStreams(base: [SIMD3<Float>], targets: [[SIMD3<Float>]], grid: PositionGrid?) -> [VertexStream] {
        func floatStream(_ values: [SIMD3<Float>]) -> VertexStream {
            let bounds = Bounds(points: values)
            return VertexStream(attribute: "POSITION", bytes: BinaryChunk.floats(values.flatMap { [$0.x, $0.y, $0.z] }), stride: 12,
                                componentType: GLTFConstant.float, type: "VEC3",
                                min: [bounds.min.x, bounds.min.y, bounds.min.z].map(Double.init),
                                max: [bounds.max.x, bounds.max.y, bounds.max.z].map(Double.init))
        }
        let deltas = targets.map { $0.map { SIMD3(finite($0.x), finite($0.y), finite($0.z)) } }
        guard let grid else { return deltas.map(floatStream) }
        let from = base.map(grid.quantize) // exactly what the base POSITION stores
        let steps: [[Int]] = deltas.map { target in
            var q: [Int] = []
            q.reserveCapacity(base.count * 3)
            for (v, (p, d)) in zip(base, target).enumerated() {
                for c in 0..<3 {
                    let morphed = (Double(p[c]) + Double(d[c]) - Double(grid.offset[c])) / Double(grid.step)
                    q.append(morphed.isFinite && abs(morphed) < 1e9 ? Int(morphed.rounded()) - Int(from[v][c]) : 0)
                }
            }
            return q
        }
        let magnitude = steps.joined().reduce(0) { max($0, abs($1)) }
        guard magnitude <= Int(Int16.max) else { return deltas.map { floatStream($0.map { $0 / grid.step }) } }
        let small = magnitude <= Int(Int8.max)
        return steps.map { q in
            let lo = (0..<3).map { c in Double(Swift.stride(from: c, to: q.count, by: 3).map { q[$0] }.min() ?? 0) }
            let hi = (0..<3).map { c in Double(Swift.stride(from: c, to: q.count, by: 3).map { q[$0] }.max() ?? 0) }
            return small
                ? VertexStream(attribute: "POSITION", bytes: BinaryChunk.integers(q.map { Int8($0) }, components: 3, stride: 4), stride: 4,
                               componentType: GLTFConstant.byte, type: "VEC3", min: lo, max: hi, padded: true)
                : VertexStream(attribute: "POSITION", bytes: BinaryChunk.integers(q.map { Int16($0) }, components: 3, stride: 8), stride: 8,
                               componentType: GLTFConstant.short, type: "VEC3", min: lo, max: hi, padded: true)
        }
    }

    /// Normal deltas, one stream per target: BYTE normalized when quantizing and every component
    /// of every target is within [−1, 1] (a difference of unit vectors can reach 2), else float.
    func morphNormalStreams(_ targets: [[SIMD3<Float>]]) -> [VertexStream] {
        let values = targets.map { $0.flatMap { [finite($0.x), finite($0.y), finite($0.z)] } }
        guard encoding.quantize, values.allSatisfy({ $0.allSatisfy { abs($0) <= 1 } }) else {
            return values.map { VertexStream(attribute: "NORMAL", bytes: BinaryChunk.floats($0), stride: 12, componentType: GLTFConstant.float, type: "VEC3") }
        }
        let scale = Float((1 << (EncodingState.normalBits - 1)) - 1)
        return values.map {
            VertexStream(attribute: "NORMAL", bytes: BinaryChunk.integers($0.map { Int8(($0 * scale).rounded()) }, components: 3, stride: 4),
                         stride: 4, componentType: GLTFConstant.byte, normalized: true, type: "VEC3", padded: true)
        }
    }

    /// Four influences per vertex as a validator wants them: weights ≥ 0 summing to 1 in
    /// Float, a joint used once per vertex, and joint 0 in every slot whose weight is 0.
    static func cleanInfluences(_ joints: [SIMD4<UInt16>], _ weights: [SIMD4<Float>]) -> ([SIMD4<UInt16>], [SIMD4<Float>]) {
        var outJoints: [SIMD4<UInt16>] = [], outWeights: [SIMD4<Float>] = []
        outJoints.reserveCapacity(joints.count)
        outWeights.reserveCapacity(joints.count)
        for (j, w) in zip(joints, weights) {
            var js = SIMD4<UInt16>(repeating: 0), ws = SIMD4<Float>(repeating: 0)
            var used = 0
            for c in 0..<4 where w[c].isFinite && w[c] > 0 {
                if let same = (0..<used).first(where: { js[$0] == j[c] }) { ws[same] += w[c]; continue }
                js[used] = j[c]
                ws[used] = w[c]
                used += 1
            }
            let total = ws.sum()
            if used == 0 || !total.isFinite || total <= 0 {
                // No usable weight: follow the first listed joint fully rather than collapse.
                outJoints.append(SIMD4(j[0], 0, 0, 0))
                outWeights.append(SIMD4(1, 0, 0, 0))
                continue
            }
            ws /= total
            let largest = (0..<4).max { ws[$0] != ws[$1] ? ws[$0] < ws[$1] : $0 > $1 }!
            ws[largest] = 0
            ws[largest] = 1 - ws.sum()
            outJoints.append(js)
            outWeights.append(ws)
        }
        return (outJoints, outWeights)
    }

    /// Weights as normalized bytes summing to exactly 255 (a validator checks the sum), the
    /// rounding remainder given to the largest. A weight that rounds to 0 gives its slot back
    /// to joint 0, as for every unused slot.
    static func byteWeights(_ joints: inout [SIMD4<UInt16>], _ weights: [SIMD4<Float>]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(weights.count * 4)
        for (v, w) in weights.enumerated() {
            var b = SIMD4<Int>((w * 255).rounded(.toNearestOrAwayFromZero))
            b.replace(with: 0, where: b .< 0)
            let largest = (0..<4).max { b[$0] != b[$1] ? b[$0] < b[$1] : $0 > $1 }!
            b[largest] += 255 - b.wrappedSum()
            for c in 0..<4 where b[c] <= 0 { b[c] = 0; joints[v][c] = 0 }
            out += [UInt8(clamping: b.x), UInt8(clamping: b.y), UInt8(clamping: b.z), UInt8(clamping: b.w)]
        }
        return out
    }

    // MARK: - Nodes

    /// An animated node must be written as TRS (glTF forbids `matrix` on animation targets).
    /// A sheared matrix has no exact TRS, so its nearest rotation is used: the animation
    /// replaces those values anyway.
    func setAnimatableTransform(_ transform: Transform, on node: inout GLTFDocument.Node) {
        guard node.matrix != nil else { return }
        node.matrix = nil
        let c = transform.columns
        let t = SIMD3(c[3].x, c[3].y, c[3].z)
        var x = SIMD3(c[0].x, c[0].y, c[0].z), y = SIMD3(c[1].x, c[1].y, c[1].z), z = SIMD3(c[2].x, c[2].y, c[2].z)
        let s = SIMD3(length(x), length(y), length(z))
        // Gram–Schmidt: keep x, make y and z orthogonal to what came before.
        x = normalized(x, fallback: SIMD3(1, 0, 0))
        y = normalized(y - x * (x * y).sum(), fallback: SIMD3(0, 1, 0))
        z = normalized(SIMD3(x.y * y.z - x.z * y.y, x.z * y.x - x.x * y.z, x.x * y.y - x.y * y.x), fallback: SIMD3(0, 0, 1))
        let rotation = TRS(Transform(columns: [SIMD4(x, 0), SIMD4(y, 0), SIMD4(z, 0), SIMD4(0, 0, 0, 1)]))?.rotation ?? SIMD4(0, 0, 0, 1)
        node.translation = t == .zero ? nil : [t.x, t.y, t.z].map(finite)
        node.rotation = rotation == SIMD4(0, 0, 0, 1) ? nil : [rotation.x, rotation.y, rotation.z, rotation.w]
        node.scale = s == SIMD3(1, 1, 1) ? nil : [s.x, s.y, s.z].map(finite)
    }

    // MARK: - Skins and animations

    mutating func writeSkins(plan: AnimationPlan, nodeIndex: [Int: Int]) -> [GLTFDocument.Skin]? {
        guard !plan.skinsToWrite.isEmpty else { return nil }
        // Quantizing, every skinned mesh stores grid positions q with mesh-space p = G · q, so
        // IBM · p = (IBM · G) · q: the dequantization moves into the matrices (as gltfpack does).
        // All written meshes share the one grid, so a skin used by several meshes needs no split.
        let dequantization = encoding.positionGrid?.transform
        return plan.skinsToWrite.map { index in
            let skin = scene.skins[index]
            let inverseBind = skin.inverseBindMatrices.map { matrix in dequantization.map { matrix * $0 } ?? matrix }
            // Plain even when compressing: a few matrices per skin, and a compressed view's JSON
            // costs more than meshopt saves on them (CesiumMan: 1216 → 1123 bytes, +~120 JSON).
            let matrices = addFloatAccessor(inverseBind.flatMap(\.flattened), count: skin.joints.count, type: "MAT4")
            // `skeleton` must be an ancestor (or self) of every joint; when not, leave it out.
            let skeleton = skin.skeleton.flatMap { root -> Int? in
                guard nodeIndex[root] != nil, skin.joints.allSatisfy({ isAncestor(root, of: $0) }) else { return nil }
                return nodeIndex[root]
            }
            return GLTFDocument.Skin(name: skin.name.isEmpty ? nil : skin.name, inverseBindMatrices: matrices,
                                     skeleton: skeleton, joints: skin.joints.compactMap { nodeIndex[$0] })
        }
    }

    /// Samplers of every clip, their keys pooled by kind (AnimationData): one view for all key
    /// times, one for all rotations, and so on, each accessor an offset into its kind's view.
    mutating func writeAnimations(plan: AnimationPlan, nodeIndex: [Int: Int]) -> [GLTFDocument.Animation]? {
        var out: [GLTFDocument.Animation] = []
        var data = AnimationData()
        // Channels keyed at the same times share one input accessor, across clips too (as gltfpack).
        var inputs: [[Float]: Int] = [:]
        for animation in scene.animations {
            var samplers: [GLTFDocument.Animation.Sampler] = []
            var channels: [GLTFDocument.Animation.Channel] = []
            var targeted = Set<String>()
            for channel in animation.channels {
                // Weights belong to the node drawing the mesh, which may have moved to a child.
                let writtenNode = channel.path == .weights ? encoding.movedMeshNodes[channel.node] ?? nodeIndex[channel.node] : nodeIndex[channel.node]
                guard let node = writtenNode, let (times, values) = keys(of: channel, plan: plan),
                      targeted.insert("\(node) \(channel.path.rawValue)").inserted else { continue }
                let input: Int
                if let known = inputs[times] { input = known } else {
                    input = data.add(.times(times), to: &accessors)
                    inputs[times] = input
                }
                let output = data.add(outputKeys(channel, values: values), to: &accessors)
                samplers.append(.init(input: input, output: output,
                                      interpolation: channel.interpolation == .linear ? nil : channel.interpolation.rawValue))
                channels.append(.init(sampler: samplers.count - 1, target: .init(node: node, path: channel.path.rawValue)))
            }
            guard !channels.isEmpty else { continue }
            out.append(.init(name: animation.name.isEmpty ? nil : animation.name, samplers: samplers, channels: channels))
        }
        if let failure = data.failure { encoding.failure = encoding.failure ?? failure }
        for group in data.groups {
            let view = appendAnimationView(group)
            for (accessor, offset) in group.members {
                accessors[accessor].bufferView = view
                accessors[accessor].byteOffset = offset == 0 ? nil : offset
            }
        }
        return out.isEmpty ? nil : out
    }

    /// How a sampler's output is stored. Quantizing (gltfpack's choices): rotations as 16-bit
    /// normalized SHORT — core glTF allows it for rotation outputs — via the QUATERNION filter
    /// (12 bits) when compressing; other float outputs through the EXPONENTIAL filter (16-bit
    /// mantissa) when compressing; morph weights within [0, 1] as normalized UNSIGNED_BYTE.
    /// Cubic-spline tangents are not unit quaternions nor bounded weights, so those stay float.
    /// Without quantization every value is written exactly.
    private func outputKeys(_ channel: AnimationChannel, values: [Float]) -> AnimationData.Keys {
        let cubic = channel.interpolation == .cubicSpline
        let filters = encoding.quantize && encoding.compression == .meshopt
        let components = channel.path == .translation || channel.path == .scale ? 3 : channel.path == .rotation ? 4 : 1
        if encoding.quantize && !cubic {
            if channel.path == .rotation {
                let quaternions = Swift.stride(from: 0, to: values.count, by: 4).map { SIMD4(values[$0], values[$0 + 1], values[$0 + 2], values[$0 + 3]) }
                return filters ? .quaternionFilter(quaternions) : .shortQuaternions(quaternions)
            }
            if channel.path == .weights, values.allSatisfy({ $0 >= 0 && $0 <= 1 }) { return .byteWeights(values) }
        }
        return filters ? .exponential(values, components: components, path: channel.path) : .floats(values, components: components, path: channel.path)
    }

    /// One pooled kind of animation data as a view: meshopt ATTRIBUTES (with the kind's filter)
    /// when compressing, else plain. Neither way has byteStride or target (glTF forbids them on
    /// animation data); the codec stride lives in the extension object only.
    private mutating func appendAnimationView(_ group: AnimationData.Group) -> Int {
        if encoding.compression == .meshopt {
            var bytes = group.bytes
            // Byte-sized keys are coded as 4-byte elements; the tail pads the view, and the
            // accessors only read the bytes they count.
            while bytes.count % group.codecStride != 0 { bytes.append(0) }
            let count = bytes.count / group.codecStride
            do {
                let encoded = try MeshoptCodec.encodeVertexBuffer(bytes, count: count, stride: group.codecStride)
                // A filtered group only decodes through the extension; an unfiltered one is
                // compressed only when that saves more than the extension's JSON costs (a
                // small clip's key times or morph weights often don't: AnimatedMorphCube).
                let json = Self.meshoptJSONLength(encodedLength: encoded.count, offset: bin.bytes.count, stride: group.codecStride, count: count)
                guard group.filter != nil || encoded.count + json < group.bytes.count else { return bin.appendView(group.bytes) }
                encoding.extensions.insert(GLTFConstant.extMeshopt)
                return bin.appendCompressedView(encoded, count: count, stride: group.codecStride, mode: "ATTRIBUTES", filter: group.filter,
                                                target: nil, byteStride: nil)
            } catch {
                encoding.failure = encoding.failure ?? "animation keys: \(error)"
            }
        }
        return bin.appendView(group.bytes)
    }

    /// Bytes the EXT_meshopt_compression object adds to a view's JSON, as the encoder writes it.
    static func meshoptJSONLength(encodedLength: Int, offset: Int, stride: Int, count: Int) -> Int {
        #","extensions":{"EXT_meshopt_compression":{"buffer":0,"byteLength":\#(encodedLength),"byteOffset":\#(offset),"byteStride":\#(stride),"count":\#(count),"mode":"ATTRIBUTES"}}"#.utf8.count
    }

    /// A channel's keys made valid: times finite, ≥ 0 and strictly increasing, values finite,
    /// rotations unit length, weights as many per key as the node's mesh has targets.
    /// nil when nothing valid is left or the channel cannot apply to its node.
    private func keys(of channel: AnimationChannel, plan: AnimationPlan) -> ([Float], [Float])? {
        let perValue: Int
        switch channel.path {
        case .translation, .scale: perValue = 3
        case .rotation: perValue = 4
        case .weights:
            guard let mesh = scene.nodes[channel.node].mesh, let count = plan.targetCounts[mesh] else { return nil }
            perValue = count
        }
        let cubic = channel.interpolation == .cubicSpline
        let perKey = perValue * (cubic ? 3 : 1)
        guard perKey > 0, channel.values.count == channel.times.count * perKey else { return nil }
        var times: [Float] = [], values: [Float] = []
        for (k, time) in channel.times.enumerated() {
            guard time.isFinite, time >= 0, time > (times.last ?? -1) else { continue }
            var key = Array(channel.values[k * perKey..<(k + 1) * perKey])
            guard key.allSatisfy(\.isFinite) else { continue }
            if channel.path == .rotation {
                // Only the value itself is a quaternion; cubic tangents are not unit length.
                let at = cubic ? 4 : 0
                let length = key[at..<at + 4].reduce(0) { $0 + $1 * $1 }.squareRoot()
                guard length > 1e-12 else { continue }
                for c in at..<at + 4 { key[c] /= length }
            }
            times.append(time)
            values += key
        }
        return times.isEmpty ? nil : (times, values)
    }

    // MARK: - Helpers

    /// A float accessor in a view of its own; `target` only for vertex attributes (glTF
    /// forbids it on animation and inverse-bind-matrix views).
    private mutating func addFloatAccessor(_ values: [Float], count: Int, type: String, target: Int? = nil,
                                           min: [Float]? = nil, max: [Float]? = nil) -> Int {
        let view = bin.appendView(BinaryChunk.floats(values), target: target)
        accessors.append(.init(bufferView: view, componentType: GLTFConstant.float, count: count, type: type,
                               min: min?.map(Double.init), max: max?.map(Double.init)))
        return accessors.count - 1
    }

    private func isAncestor(_ ancestor: Int, of node: Int) -> Bool {
        if ancestor == node { return true }
        var stack = [ancestor], seen = Set<Int>()
        while let current = stack.popLast() {
            guard seen.insert(current).inserted, scene.nodes.indices.contains(current) else { continue }
            if scene.nodes[current].children.contains(node) { return true }
            stack += scene.nodes[current].children
        }
        return false
    }

    private func finite(_ x: Float) -> Float { x.isFinite ? x : 0 }
    private func length(_ v: SIMD3<Float>) -> Float { (v * v).sum().squareRoot() }
    private func normalized(_ v: SIMD3<Float>, fallback: SIMD3<Float>) -> SIMD3<Float> {
        let l = length(v)
        return l.isFinite && l > 1e-12 ? v / l : fallback
    }
}
