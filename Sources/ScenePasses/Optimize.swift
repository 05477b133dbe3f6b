import SceneModel

/// The whole model pipeline in gltfpack's order (process() → processMesh()): weld, drop
/// animation tracks that never move, prune and dedupe so later steps see only real, shared data; bake static transforms and merge by
/// material to cut draw calls; prune what that emptied; add missing normals; simplify to the
/// triangle budget; order for the GPU; finally size and stand the model. Normals come before
/// simplification so the simplifier keeps their seams, and reordering comes after it because
/// simplification scrambles triangle order. Set a step to nil to skip it.
/// (Texture resizing is a separate pass that runs beside this one.)
public struct OptimizeOptions: Sendable, Equatable {
    public var weld: WeldOptions?
    public var constantTracks: ConstantTrackOptions?
    public var prune: PruneOptions?
    public var dedupe: DedupeOptions?
    public var flatten: FlattenOptions?
    public var mergeByMaterial: MergeByMaterialOptions?
    public var generateNormals: GenerateNormalsOptions?
    public var simplify: SimplifyOptions?
    public var reorder: ReorderOptions?
    public var placement: PlacementOptions?

    public init(weld: WeldOptions? = .default, constantTracks: ConstantTrackOptions? = .default, prune: PruneOptions? = .default, dedupe: DedupeOptions? = .default,
                flatten: FlattenOptions? = .default, mergeByMaterial: MergeByMaterialOptions? = .default,
                generateNormals: GenerateNormalsOptions? = .default, simplify: SimplifyOptions? = .default,
                reorder: ReorderOptions? = .default, placement: PlacementOptions? = .default) {
        self.weld = weld
        self.constantTracks = constantTracks
        self.prune = prune
        self.dedupe = dedupe
        self.flatten = flatten
        self.mergeByMaterial = mergeByMaterial
        self.generateNormals = generateNormals
        self.simplify = simplify
        self.reorder = reorder
        self.placement = placement
    }

    public static let `default` = OptimizeOptions()
}

/// Counts before and after, for the build log and the cache manifest.
public struct OptimizeReport: Sendable, Equatable, CustomStringConvertible {
    public var trianglesBefore: Int
    public var trianglesAfter: Int
    public var verticesBefore: Int
    public var verticesAfter: Int
    /// Draw calls: primitives drawn, counted per instance.
    public var drawCallsBefore: Int
    public var drawCallsAfter: Int
    /// Present when placement ran.
    public var placement: PlacementReport?

    public var description: String {
        var text = "triangles \(trianglesBefore) → \(trianglesAfter), vertices \(verticesBefore) → \(verticesAfter), "
            + "draw calls \(drawCallsBefore) → \(drawCallsAfter)"
        if let placement { text += ", size \(placement)" }
        return text
    }
}

@discardableResult
public func optimize(_ scene: inout Scene, _ options: OptimizeOptions) throws -> OptimizeReport {
    try requireValid(scene)
    var report = OptimizeReport(trianglesBefore: scene.drawnTriangleCount, trianglesAfter: 0, verticesBefore: scene.drawnVertexCount,
                                verticesAfter: 0, drawCallsBefore: drawCalls(scene), drawCallsAfter: 0)
    if let weldOptions = options.weld { try weld(&scene, weldOptions) }
    // Before pruning and flattening, so nodes only constant tracks animated count as static.
    if let trackOptions = options.constantTracks { try simplifyConstantTracks(&scene, trackOptions) }
    if let pruneOptions = options.prune { try prune(&scene, pruneOptions) }
    if let dedupeOptions = options.dedupe { try dedupe(&scene, dedupeOptions) }
    if let flattenOptions = options.flatten { try flatten(&scene, flattenOptions) }
    if let mergeOptions = options.mergeByMaterial { try mergeByMaterial(&scene, mergeOptions) }
    // Flatten empties the nodes it baked; drop them and their meshes.
    if let pruneOptions = options.prune, options.flatten != nil { try prune(&scene, pruneOptions) }
    if let normalsOptions = options.generateNormals { try generateNormals(&scene, normalsOptions) }
    if let simplifyOptions = options.simplify { try simplify(&scene, simplifyOptions) }
    if let reorderOptions = options.reorder { try reorder(&scene, reorderOptions) }
    if let placementOptions = options.placement { report.placement = try place(&scene, placementOptions) }
    report.trianglesAfter = scene.drawnTriangleCount
    report.verticesAfter = scene.drawnVertexCount
    report.drawCallsAfter = drawCalls(scene)
    return report
}

private func drawCalls(_ scene: Scene) -> Int {
    scene.reachableNodes().reduce(0) { $0 + (scene.nodes[$1].mesh.map { scene.meshes[$0].primitives.count } ?? 0) }
}
