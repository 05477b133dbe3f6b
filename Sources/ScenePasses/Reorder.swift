import MeshOptimizer
import SceneModel

/// Orders triangles for the GPU's post-transform cache, then (within a 5 % cache budget) so
/// outer surfaces draw first to cut overdraw, then orders vertices by first use — gltfpack's
/// optimizeMesh. Besides rendering speed this makes the later meshopt/gzip encoding smaller,
/// because neighbouring indices and vertices end up close together. Drops unused vertices.
public struct ReorderOptions: Sendable, Equatable {
    public var vertexCache: Bool
    /// How much cache efficiency overdraw ordering may cost (1.05 = 5 %); nil skips it.
    public var overdrawThreshold: Float?
    public var vertexFetch: Bool

    public init(vertexCache: Bool = true, overdrawThreshold: Float? = 1.05, vertexFetch: Bool = true) {
        self.vertexCache = vertexCache
        self.overdrawThreshold = overdrawThreshold
        self.vertexFetch = vertexFetch
    }

    public static let `default` = ReorderOptions()
}

public func reorder(_ scene: inout Scene, _ options: ReorderOptions) throws {
    try requireValid(scene)
    for m in scene.meshes.indices {
        for p in scene.meshes[m].primitives.indices {
            try meshopt(m, p) { () throws(MeshOptimization.Error) in
                var primitive = scene.meshes[m].primitives[p]
                if options.vertexCache {
                    primitive.indices = try MeshOptimization.optimizeVertexCache(indices: primitive.indices, vertexCount: primitive.vertexCount)
                    // Overdraw ordering expects cache-optimised input, so it only runs after it.
                    if let threshold = options.overdrawThreshold {
                        primitive.indices = try MeshOptimization.optimizeOverdraw(indices: primitive.indices, positions: primitive.positions,
                                                                                  threshold: threshold)
                    }
                }
                if options.vertexFetch {
                    let (remap, unique) = try MeshOptimization.vertexFetchRemap(indices: primitive.indices, vertexCount: primitive.vertexCount)
                    try primitive.applyVertexRemap(remap, uniqueCount: unique)
                }
                scene.meshes[m].primitives[p] = primitive
            }
        }
    }
}
