import SceneModel
import TestSupport
import XCTest
@testable import PosterRender

/// The contact shadow follows the model's shape seen from above, darker where it touches the ground.
final class ContactShadowTests: XCTestCase {
    /// A cube standing on the ground at x = -1 and one floating 2 m up at x = +1.
    let scene = Scene(nodes: [Node(name: "standing", transform: .translation(SIMD3(-1, 0.5, 0)), mesh: 0),
                              Node(name: "floating", transform: .translation(SIMD3(1, 2.5, 0)), mesh: 0)],
                      roots: [0, 1], meshes: [Mesh(name: "cube", primitives: [SceneFixtures.cube()])])

    func testShadowIsTheModelsFootprintDarkestWhereItTouchesTheGround() {
        let eye = SIMD3<Float>(0, 10, 0.001)
        let shadow = ContactShadow(scene: scene, box: scene.bounds, eye: eye, opacity: 1)
        func alpha(at point: SIMD2<Float>) -> Float {
            shadow.alpha(direction: SIMD3(point.x, 0, point.y) - eye)
        }
        let standing = alpha(at: SIMD2(-1, 0)), floating = alpha(at: SIMD2(1, 0)), between = alpha(at: SIMD2(0, 1.2))
        XCTAssertGreaterThan(standing, 0.5, "under the cube on the ground")
        XCTAssertGreaterThan(floating, 0.05, "the floating cube still shades a little")
        XCTAssertLessThan(floating, standing * 0.6, "but less than the one on the ground")
        XCTAssertLessThan(between, 0.05, "empty ground beside both stays clear (an ellipse over the bounds would cover it)")
        XCTAssertEqual(alpha(at: SIMD2(10, 10)), 0, "far away")
        XCTAssertEqual(shadow.alpha(direction: SIMD3(0, 1, 0)), 0, "a ray up never meets the ground")
    }

    func testShadowFadesOutBeforeTheFrame() throws {
        // Framed very tight, the shadow would reach the image border; there it must be clear.
        let camera = PosterCamera.framing(scene, orbit: CameraOrbit(theta: 0, phi: 1.2, radius: .relative(0.6)))
        let image = try PosterRenderer.render(scene, size: (96, 96), camera: camera)
        var unshadowed = PosterStyle.default
        unshadowed.shadowOpacity = 0
        let model = try PosterRenderer.render(scene, size: (96, 96), camera: camera, style: unshadowed)
        var shadowInside = false
        for y in 0..<96 {
            for x in 0..<96 {
                let added = Int(image[x, y].w) - Int(model[x, y].w)
                if x == 0 || y == 0 || x == 95 || y == 95 {
                    XCTAssertLessThan(added, 8, "border pixel (\(x), \(y)) shows shadow")
                } else if added > 40 {
                    shadowInside = true
                }
            }
        }
        XCTAssertTrue(shadowInside, "the shadow is there, away from the border")
    }
}
