import SceneModel

/// A perspective camera for a poster: where it stands, what it looks at, and its vertical
/// field of view. Build one with `framing(_:orbit:…)` so it matches model-viewer's first frame.
public struct PosterCamera: Sendable, Equatable {
    public var eye: SIMD3<Float>
    public var target: SIMD3<Float>
    public var up: SIMD3<Float>
    /// Vertical field of view in radians, for an image at least as wide as it is tall; narrower
    /// images widen it so the model still fits sideways (model-viewer does the same).
    public var verticalFieldOfView: Float

    public init(eye: SIMD3<Float>, target: SIMD3<Float>, up: SIMD3<Float> = SIMD3(0, 1, 0),
                verticalFieldOfView: Float = 45 * .pi / 180) {
        self.eye = eye
        self.target = target
        self.up = up
        self.verticalFieldOfView = verticalFieldOfView
    }

    /// A camera on `orbit` around the scene, framed like model-viewer: it aims at the centre of
    /// the bounding box, and 100% radius is the distance at which the bounding sphere (centred
    /// there, through the farthest vertex) just fits the field of view.
    public static func framing(_ scene: Scene, orbit: CameraOrbit = .threeQuarter,
                               verticalFieldOfViewDegrees: Float = 45) -> PosterCamera {
        let box = scene.bounds
        let center = box.isEmpty ? SIMD3<Float>(repeating: 0) : box.center
        let radius = max(boundingRadius(scene, center: center), 1e-4)
        let fov = verticalFieldOfViewDegrees * .pi / 180
        let ideal = radius / Float(sin(Double(fov / 2)))
        let distance: Float
        switch orbit.radius {
        case .relative(let f): distance = ideal * f
        case .absolute(let m): distance = m
        }
        let direction = SIMD3<Float>(sin(orbit.phi) * sin(orbit.theta), cos(orbit.phi), sin(orbit.phi) * cos(orbit.theta))
        return PosterCamera(eye: center + direction * distance, target: center, verticalFieldOfView: fov)
    }

    /// Parses a `camera-orbit` string and frames the scene from it.
    public static func framing(_ scene: Scene, cameraOrbit: String, verticalFieldOfViewDegrees: Float = 45) throws -> PosterCamera {
        framing(scene, orbit: try CameraOrbit(parsing: cameraOrbit), verticalFieldOfViewDegrees: verticalFieldOfViewDegrees)
    }

    /// The farthest drawn vertex from `center`.
    static func boundingRadius(_ scene: Scene, center: SIMD3<Float>) -> Float {
        let world = scene.worldTransforms()
        var best: Float = 0
        for index in scene.reachableNodes() {
            guard let mesh = scene.nodes[index].mesh else { continue }
            let m = Matrix4(world[index].columns)
            for primitive in scene.meshes[mesh].primitives {
                for p in primitive.positions {
                    let d = xyz(m.point(p)) - center
                    best = max(best, dot(d, d))
                }
            }
        }
        return best.squareRoot()
    }

    /// The vertical field of view actually used for an image of this aspect (width / height).
    func effectiveVerticalFOV(aspect: Float) -> Float {
        guard aspect < 1 else { return verticalFieldOfView }
        return 2 * atan(tan(verticalFieldOfView / 2) / aspect)
    }
}

import Foundation
