import SceneModel
import TestSupport
import XCTest
@testable import PosterRender

/// The rasterizer's covered area against an independent analytic projection.
final class CoverageTests: XCTestCase {
    func testUnitCubeCoversItsProjectedHull() throws {
        let scene = SceneFixtures.cubeScene()
        let camera = PosterCamera(eye: SIMD3(2.2, 1.7, 3.1), target: SIMD3(0.05, -0.1, 0), verticalFieldOfView: 40 * .pi / 180)
        let (w, h) = (320, 240)
        let image = try PosterRenderer.render(scene, size: (w, h), camera: camera, style: TestScenes.noShadow)
        var corners: [SIMD2<Double>] = []
        for x in [-0.5, 0.5] as [Float] { for y in [-0.5, 0.5] as [Float] { for z in [-0.5, 0.5] as [Float] {
            corners.append(TestScenes.project(SIMD3(x, y, z), camera: camera, width: w, height: h))
        } } }
        let expected = TestScenes.hullArea(corners)
        let actual = TestScenes.coverage(image)
        XCTAssertGreaterThan(expected, 2000, "the cube should be a sizeable target")
        XCTAssertEqual(actual / expected, 1, accuracy: 0.01, "covered \(actual) px, hull \(expected) px")
    }

    func testSphereCoversItsAnalyticDisc() throws {
        let scene = TestScenes.scene(TestScenes.sphere(radius: 1, segments: 256, rings: 128),
                                     material: Material(baseColorFactor: SIMD4(0.5, 0.6, 0.7, 1), metallicFactor: 0))
        let fov: Float = 45 * .pi / 180
        let distance: Float = 3.5
        let camera = PosterCamera(eye: normalize(SIMD3(1, 0.6, 2)) * distance, target: .zero, verticalFieldOfView: fov)
        let (w, h) = (300, 300)
        let image = try PosterRenderer.render(scene, size: (w, h), camera: camera, style: TestScenes.noShadow)
        // The silhouette of a sphere seen along the optical axis is a circle: its cone's
        // half-angle is asin(r/d), and the image-plane radius is focal · tan(that).
        let focal = Double(h) / 2 / tan(Double(fov) / 2)
        let radius = focal * tan(asin(1 / Double(distance)))
        let expected = Double.pi * radius * radius
        let actual = TestScenes.coverage(image)
        XCTAssertEqual(actual / expected, 1, accuracy: 0.01, "covered \(actual) px, disc \(expected) px")
        // Sanity: the centre is covered and a corner is not.
        XCTAssertEqual(image[w / 2, h / 2].w, 255)
        XCTAssertEqual(image[0, 0].w, 0)
    }

    private func normalize(_ v: SIMD3<Float>) -> SIMD3<Float> { v / (v * v).sum().squareRoot() }

    func testWindingCullsBackFacesUnlessDoubleSided() throws {
        let ccw = Primitive(positions: [SIMD3(-1, -1, 0), SIMD3(1, -1, 0), SIMD3(0, 1, 0)], indices: [0, 1, 2])
        var cw = ccw
        cw.indices = [0, 2, 1]
        let camera = TestScenes.quadCamera()
        let front = try PosterRenderer.render(TestScenes.scene(ccw, material: Material()), size: (64, 64), camera: camera, style: TestScenes.noShadow)
        let back = try PosterRenderer.render(TestScenes.scene(cw, material: Material()), size: (64, 64), camera: camera, style: TestScenes.noShadow)
        let twoSided = try PosterRenderer.render(TestScenes.scene(cw, material: Material(doubleSided: true)), size: (64, 64),
                                                 camera: camera, style: TestScenes.noShadow)
        XCTAssertEqual(TestScenes.coverage(front), 32 * 64, accuracy: 64 * 0.02 * 32)
        XCTAssertEqual(TestScenes.coverage(back), 0)
        XCTAssertEqual(TestScenes.coverage(twoSided), TestScenes.coverage(front))
    }
}
