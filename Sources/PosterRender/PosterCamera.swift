import Foundation
import SceneModel

/// A perspective camera for a poster: where it stands, what it looks at, and its vertical
/// field of view. Build one with `framing(_:orbit:…)` so it matches model-viewer's first frame.
public struct PosterCamera: Sendable, Equatable {
    public var eye: SIMD3<Float>
    public var target: SIMD3<Float>
    public var up: SIMD3<Float>
    /// Vertical field of view in radians, for an image whose aspect is at least `idealAspect`;
    /// narrower images widen it so the model still fits sideways (model-viewer's `adjustedFoV`).
    public var verticalFieldOfView: Float
    /// The narrowest width / height at which the model fits sideways from any orbit without
    /// widening the field of view (model-viewer's `idealAspect`).
    public var idealAspect: Float

    public init(eye: SIMD3<Float>, target: SIMD3<Float>, up: SIMD3<Float> = SIMD3(0, 1, 0),
                verticalFieldOfView: Float = PosterCamera.viewerFieldOfViewDegrees * .pi / 180, idealAspect: Float = 1) {
        self.eye = eye
        self.target = target
        self.up = up
        self.verticalFieldOfView = verticalFieldOfView
        self.idealAspect = idealAspect
    }

    /// model-viewer's default `field-of-view` ("auto" is 30deg).
    public static let viewerFieldOfViewDegrees: Float = 30

    /// A camera on `orbit` around the scene, framed as model-viewer 4 frames it: it aims at the
    /// centre of the bounding box; 100% radius is the distance at which the bounding sphere
    /// (centred there, through the farthest vertex) just fits the field of view; and an image
    /// narrower than the model's ideal aspect gets a wider field of view.
    public static func framing(_ scene: Scene, orbit: CameraOrbit = .threeQuarter,
                               verticalFieldOfViewDegrees: Float = viewerFieldOfViewDegrees) -> PosterCamera {
        let box = scene.bounds
        let center = box.isEmpty ? SIMD3<Float>(repeating: 0) : box.center
        let (radius, farthestSideways) = extents(scene, center: center, fieldOfViewDegrees: verticalFieldOfViewDegrees)
        let fov = verticalFieldOfViewDegrees * .pi / 180
        let ideal = radius / Float(sin(Double(fov / 2)))
        let distance: Float
        switch orbit.radius {
        case .relative(let f): distance = ideal * f
        case .absolute(let m): distance = m
        }
        let direction = SIMD3<Float>(sin(orbit.phi) * sin(orbit.theta), cos(orbit.phi), sin(orbit.phi) * cos(orbit.theta))
        let idealAspect = farthestSideways / tan(fov / 2)
        return PosterCamera(eye: center + direction * distance, target: center, verticalFieldOfView: fov,
                            idealAspect: idealAspect > 0 ? idealAspect : 1)
    }

    /// Parses a `camera-orbit` string and frames the scene from it.
    public static func framing(_ scene: Scene, cameraOrbit: String,
                               verticalFieldOfViewDegrees: Float = viewerFieldOfViewDegrees) throws -> PosterCamera {
        framing(scene, orbit: try CameraOrbit(parsing: cameraOrbit), verticalFieldOfViewDegrees: verticalFieldOfViewDegrees)
    }

    /// The bounding sphere's radius (the farthest drawn vertex from `center`) and the largest
    /// horizontal tangent any vertex needs from the ideal distance, as model-viewer's
    /// `updateFraming` measures them: sideways distance over (ideal distance − height).
    static func extents(_ scene: Scene, center: SIMD3<Float>, fieldOfViewDegrees: Float) -> (radius: Float, sideways: Float) {
        let world = scene.worldTransforms()
        var points: [SIMD3<Float>] = []
        for index in scene.reachableNodes() {
            guard let mesh = scene.nodes[index].mesh else { continue }
            let m = Matrix4(world[index].columns)
            for primitive in scene.meshes[mesh].primitives {
                for p in primitive.positions { points.append(xyz(m.point(p)) - center) }
            }
        }
        var farthest: Float = 0
        for d in points { farthest = max(farthest, dot(d, d)) }
        let radius = max(farthest.squareRoot(), 1e-4)
        let idealDistance = radius / sin(fieldOfViewDegrees * .pi / 360)
        var sideways: Float = 0
        for d in points {
            let across = (d.x * d.x + d.z * d.z).squareRoot()
            sideways = max(sideways, across / (idealDistance - abs(d.y)))
        }
        return (radius, sideways)
    }

    /// The vertical field of view actually used for an image of this aspect (width / height).
    func effectiveVerticalFOV(aspect: Float) -> Float {
        let widen = max(1, idealAspect / aspect)
        guard widen > 1 else { return verticalFieldOfView }
        return 2 * atan(tan(verticalFieldOfView / 2) * widen)
    }
}
