import SceneModel

/// Gives the model its real-world size and stands it for AR: optionally turns a Z-up source
/// Y-up, scales uniformly to a requested height, width or length in metres (else by the
/// source's declared unit), centres it on X/Z and puts its lowest point on y = 0, so the model
/// appears on the floor under the viewer at true scale. All of it is one root transform — the
/// single root's own when it is not animated, else a new root node — not baked into vertices,
/// so animations, skins and instancing stay valid.
public struct PlacementOptions: Sendable, Equatable {
    /// Metres from lowest to highest point (Y extent). Wins over width and length.
    public var height: Float?
    /// Metres along X. Wins over length.
    public var width: Float?
    /// Metres along Z (depth).
    public var length: Float?
    /// The source's up axis; `.z` turns (x, y, z) into (x, z, −y).
    public var up: UpAxis
    /// With no size requested, scale by `scene.source.metresPerUnit` when the file declares it.
    public var useSourceUnits: Bool
    public var centre: Bool
    public var ground: Bool
    /// Name of the root node added when the scene has several roots or an animated one.
    public var nodeName: String

    public init(height: Float? = nil, width: Float? = nil, length: Float? = nil, up: UpAxis = .y, useSourceUnits: Bool = true,
                centre: Bool = true, ground: Bool = true, nodeName: String = "placement") {
        self.height = height
        self.width = width
        self.length = length
        self.up = up
        self.useSourceUnits = useSourceUnits
        self.centre = centre
        self.ground = ground
        self.nodeName = nodeName
    }

    public static let `default` = PlacementOptions()
}

/// What Placement did, for the build log ("staff can check the size").
public struct PlacementReport: Sendable, Equatable, CustomStringConvertible {
    /// Extent along X, Y, Z in metres after placement.
    public var size: SIMD3<Float>
    /// The uniform scale applied.
    public var scale: Float
    /// The whole root transform added (identity when nothing needed doing).
    public var transform: Transform

    public var description: String {
        func m(_ v: Float) -> String { String(Double((v * 1000).rounded()) / 1000) }
        return "\(m(size.x)) m wide × \(m(size.y)) m high × \(m(size.z)) m deep"
    }
}

@discardableResult
public func place(_ scene: inout Scene, _ options: PlacementOptions) throws -> PlacementReport {
    try requireValid(scene)
    let source = visibleBounds(of: scene)
    guard !source.isEmpty, (source.min + source.max).sum().isFinite else {
        return PlacementReport(size: .zero, scale: 1, transform: .identity)
    }
    let rotation: Transform = options.up == .z
        ? Transform(columns: [SIMD4(1, 0, 0, 0), SIMD4(0, 0, -1, 0), SIMD4(0, 1, 0, 0), SIMD4(0, 0, 0, 1)])
        : .identity
    // A quarter turn maps the box onto a box, so its corners give the turned bounds exactly.
    var turned = Bounds.empty
    for corner in 0..<8 {
        let p = SIMD3(corner & 1 == 0 ? source.min.x : source.max.x, corner & 2 == 0 ? source.min.y : source.max.y,
                      corner & 4 == 0 ? source.min.z : source.max.z)
        turned.add(rotation.transformPoint(p))
    }
    let extent = turned.size
    func scaleTo(_ wanted: Float, _ have: Float, _ axis: String) throws(ScenePassError) -> Float {
        guard have > 0, have.isFinite, wanted > 0, wanted.isFinite else { throw .cannotScale(axis: axis, extent: have) }
        return wanted / have
    }
    let scale: Float
    if let height = options.height {
        scale = try scaleTo(height, extent.y, "Y (height)")
    } else if let width = options.width {
        scale = try scaleTo(width, extent.x, "X (width)")
    } else if let length = options.length {
        scale = try scaleTo(length, extent.z, "Z (length)")
    } else if options.useSourceUnits, let unit = scene.source.metresPerUnit, unit > 0, unit.isFinite {
        scale = Float(unit)
    } else {
        scale = 1
    }
    let centre = turned.center * scale
    let offset = SIMD3<Float>(options.centre ? -centre.x : 0, options.ground ? -turned.min.y * scale : 0, options.centre ? -centre.z : 0)
    let transform = .translation(offset) * .scale(SIMD3(repeating: scale)) * rotation
    if !transform.isIdentity {
        let animated = Set(scene.animations.flatMap { $0.channels.filter { $0.path != .weights }.map(\.node) })
        if scene.roots.count == 1, !animated.contains(scene.roots[0]) {
            // One still root: it takes the placement itself (one node fewer in every file),
            // which places its subtree, joints included, exactly as a parent would.
            scene.nodes[scene.roots[0]].transform = transform * scene.nodes[scene.roots[0]].transform
        } else {
            scene.nodes.append(Node(name: options.nodeName, transform: transform, children: scene.roots))
            scene.roots = [scene.nodes.count - 1]
        }
    }
    return PlacementReport(size: extent * scale, scale: scale, transform: transform)
}
