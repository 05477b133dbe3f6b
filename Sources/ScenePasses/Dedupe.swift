import SceneModel

/// Collapses images with the same bytes, materials with the same parameters and meshes with the
/// same geometry to one each (names are ignored: they do not change what is drawn). Converters
/// often emit one copy per use; after this, repeated parts become instances of one mesh, which
/// Flatten can then bake or keep, and the file stores each texture once.
public struct DedupeOptions: Sendable, Equatable {
    public var images: Bool
    public var materials: Bool
    public var meshes: Bool
    /// Keep materials with different non-empty names apart (gltfpack -km), for pages that
    /// address materials by name.
    public var keepNamedMaterials: Bool

    public init(images: Bool = true, materials: Bool = true, meshes: Bool = true, keepNamedMaterials: Bool = false) {
        self.images = images
        self.materials = materials
        self.meshes = meshes
        self.keepNamedMaterials = keepNamedMaterials
    }

    public static let `default` = DedupeOptions()
}

public func dedupe(_ scene: inout Scene, _ options: DedupeOptions) throws {
    try requireValid(scene)
    if options.images {
        let (kept, map) = firstEqual(scene.images, bucket: { Int(truncatingIfNeeded: byteDigest($0.data)) }) {
            $0.format == $1.format && $0.data == $1.data
        }
        scene.images = kept.map { scene.images[$0] }
        for m in scene.materials.indices { scene.materials[m].remapImages { map[$0] } }
    }
    if options.materials {
        let (kept, map) = firstEqual(scene.materials, bucket: { options.keepNamedMaterials ? $0.name.hashValue : 0 }) { a, b in
            var a = a, b = b
            if !options.keepNamedMaterials { a.name = ""; b.name = "" }
            return a == b
        }
        scene.materials = kept.map { scene.materials[$0] }
        for m in scene.meshes.indices {
            for p in scene.meshes[m].primitives.indices {
                scene.meshes[m].primitives[p].material = scene.meshes[m].primitives[p].material.map { map[$0] }
            }
        }
    }
    if options.meshes {
        let (kept, map) = firstEqual(scene.meshes, bucket: { mesh in
            hashKey(mesh.primitives.map { [$0.vertexCount, $0.indices.count, $0.material ?? -1] }, mesh.morphWeights.count)
        }) { a, b in
            a.primitives == b.primitives && a.morphWeights == b.morphWeights
        }
        scene.meshes = kept.map { scene.meshes[$0] }
        for n in scene.nodes.indices { scene.nodes[n].mesh = scene.nodes[n].mesh.map { map[$0] } }
    }
}

/// For each item, the position among the kept items of the first item equal to it. Items are
/// compared only within a hash bucket, and the first occurrence always wins, so the result does
/// not depend on hash values (which differ between runs) — only the speed does.
func firstEqual<T>(_ items: [T], bucket: (T) -> Int, equal: (T, T) -> Bool) -> (kept: [Int], map: [Int]) {
    var buckets: [Int: [Int]] = [:]  // bucket → positions in `kept`
    var kept: [Int] = []
    var map: [Int] = []
    for (i, item) in items.enumerated() {
        let key = bucket(item)
        if let match = buckets[key, default: []].first(where: { equal(items[kept[$0]], item) }) {
            map.append(match)
        } else {
            buckets[key, default: []].append(kept.count)
            map.append(kept.count)
            kept.append(i)
        }
    }
    return (kept, map)
}

private func hashKey<A: Hashable, B: Hashable>(_ a: A, _ b: B) -> Int {
    var hasher = Hasher()
    hasher.combine(a)
    hasher.combine(b)
    return hasher.finalize()
}

extension Material {
    mutating func remapImages(_ map: (Int) -> Int) {
        func remap(_ ref: inout TextureRef?) { if let image = ref?.image { ref?.image = map(image) } }
        remap(&baseColorTexture)
        remap(&metallicRoughnessTexture)
        remap(&normalTexture)
        remap(&occlusionTexture)
        remap(&emissiveTexture)
    }
}
