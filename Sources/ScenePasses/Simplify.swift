import MeshOptimizer
import SceneModel

/// Reduces the scene to a triangle budget for phones, gltfpack's simplifyMesh generalised from
/// a per-mesh ratio to one budget for the whole drawn scene (instances count once per use).
///
/// How: every primitive gets the same share (budget / drawn triangles) of its triangles, but at
/// least `minTrianglesPerPrimitive`, so small and thin parts keep a shape. Edge collapse
/// (meshopt_simplify) runs first under an error bound set in world units (`targetError` × the
/// model's diagonal, converted to each primitive's own scale, so a small part of a large model
/// is judged by the model's size, as a viewer sees it). When that stops short of the budget, the
/// bound is relaxed step by step up to `maxError`; only then is grid clustering
/// (meshopt_simplifySloppy) tried, and its result is kept only when it is smaller and keeps the
/// minimum. Tried and dropped: sloppy first (holes close and thin parts vanish), one global
/// error for all primitives (it over-simplifies small parts).
public struct SimplifyOptions: Sendable, Equatable {
    /// Triangle budget for everything drawn.
    public var maxTriangles: Int
    /// Allowed deviation as a fraction of the model's bounding-box diagonal.
    public var targetError: Float
    /// The largest deviation the relaxation steps may reach before sloppy simplification.
    public var maxError: Float
    /// No primitive is reduced below this many triangles (or its own count, if smaller).
    public var minTrianglesPerPrimitive: Int
    /// When open edges are pinned so neighbouring parts stay joined.
    public var lockBorders: BorderLock
    /// Allow grid clustering when edge collapse cannot reach the budget.
    public var allowSloppy: Bool

    public enum BorderLock: Sendable, Equatable {
        case never, always
        /// Lock when the primitive shares its mesh with other primitives: their open edges are
        /// likely seams between materials, and moving them would open cracks.
        case whenShared
    }

    public init(maxTriangles: Int = 100_000, targetError: Float = 0.01, maxError: Float = 0.05, minTrianglesPerPrimitive: Int = 24,
                lockBorders: BorderLock = .whenShared, allowSloppy: Bool = true) {
        self.maxTriangles = maxTriangles
        self.targetError = targetError
        self.maxError = maxError
        self.minTrianglesPerPrimitive = minTrianglesPerPrimitive
        self.lockBorders = lockBorders
        self.allowSloppy = allowSloppy
    }

    public static let `default` = SimplifyOptions()
}

public func simplify(_ scene: inout Scene, _ options: SimplifyOptions) throws {
    try requireValid(scene)
    let total = scene.drawnTriangleCount
    guard total > max(0, options.maxTriangles) else { return }
    let ratio = Double(max(0, options.maxTriangles)) / Double(total)

    // Uses of each mesh and the largest world scale any use applies, to express errors in world units.
    let world = scene.worldTransforms()
    var uses = [Int](repeating: 0, count: scene.meshes.count)
    var worldScale = [Float](repeating: 0, count: scene.meshes.count)
    for n in scene.reachableNodes() {
        guard let m = scene.nodes[n].mesh else { continue }
        uses[m] += 1
        worldScale[m] = max(worldScale[m], world[n].maxScale)
    }
    let bounds = scene.bounds
    let diagonal = bounds.isEmpty ? 0 : simdLength(bounds.size)

    struct Job { var mesh: Int; var primitive: Int; var target: Int; var scale: Float; var lock: Bool; var original: [UInt32] }
    var jobs: [Job] = []
    for m in scene.meshes.indices where uses[m] > 0 {
        let mesh = scene.meshes[m]
        for (p, primitive) in mesh.primitives.enumerated() {
            let triangles = primitive.triangleCount
            let target = min(triangles, max(options.minTrianglesPerPrimitive, Int(Double(triangles) * ratio)))
            guard target < triangles else { continue }
            let scale = MeshOptimization.simplifyScale(positions: primitive.positions) * max(worldScale[m], .leastNormalMagnitude)
            let lock = switch options.lockBorders {
            case .never: false
            case .always: true
            case .whenShared: mesh.primitives.count > 1
            }
            jobs.append(Job(mesh: m, primitive: p, target: target, scale: scale, lock: lock, original: primitive.indices))
        }
    }
    // Relative error for a job: the world-space bound over the primitive's world-space extent.
    func relative(_ job: Job, _ error: Float) -> Float {
        guard job.scale > 0, job.scale.isFinite, diagonal.isFinite else { return error }
        return min(1, error * diagonal / job.scale)
    }
    func drawn() -> Int { scene.drawnTriangleCount }

    var error = options.targetError
    while true {
        for job in jobs where scene.meshes[job.mesh].primitives[job.primitive].triangleCount > job.target {
            let primitive = scene.meshes[job.mesh].primitives[job.primitive]
            let result = try meshopt(job.mesh, job.primitive) { () throws(MeshOptimization.Error) in
                try MeshOptimization.simplify(indices: job.original, positions: primitive.positions, targetIndexCount: job.target * 3,
                                              targetError: relative(job, error), lockBorder: job.lock)
            }
            // Never below the floor: a result under it means the part was collapsing.
            if result.indices.count / 3 >= min(job.target, options.minTrianglesPerPrimitive), result.indices.count < primitive.indices.count {
                scene.meshes[job.mesh].primitives[job.primitive].indices = result.indices
            }
        }
        if drawn() <= options.maxTriangles || error >= options.maxError { break }
        error = min(options.maxError, error * 2)
    }

    if options.allowSloppy && drawn() > options.maxTriangles {
        for job in jobs where scene.meshes[job.mesh].primitives[job.primitive].triangleCount > job.target {
            let primitive = scene.meshes[job.mesh].primitives[job.primitive]
            let result = try meshopt(job.mesh, job.primitive) { () throws(MeshOptimization.Error) in
                try MeshOptimization.simplifySloppy(indices: job.original, positions: primitive.positions, targetIndexCount: job.target * 3,
                                                    targetError: relative(job, 4 * options.maxError))
            }
            let floor = min(job.target, options.minTrianglesPerPrimitive)
            if result.indices.count / 3 >= floor, result.indices.count < primitive.indices.count {
                scene.meshes[job.mesh].primitives[job.primitive].indices = result.indices
            }
        }
    }

    for job in jobs {
        try meshopt(job.mesh, job.primitive) { () throws(MeshOptimization.Error) in
            try scene.meshes[job.mesh].primitives[job.primitive].removeUnusedVertices()
        }
    }
}
