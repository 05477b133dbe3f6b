import Imaging
import SceneImport
import SceneModel
import TestSupport
import XCTest
@testable import PosterRender

final class DeterminismAndCameraTests: XCTestCase {
    func testRenderingTwiceGivesIdenticalPixels() throws {
        var scene = SceneFixtures.cubeScene(image: try TestScenes.png(width: 4, height: 4) { x, y in
            (x + y) % 2 == 0 ? SIMD4(240, 240, 240, 255) : SIMD4(20, 60, 200, 255)
        })
        scene.meshes[0].primitives.append(TestScenes.sphere(radius: 0.4, segments: 48, rings: 24))
        scene.nodes[0].transform = .translation(SIMD3(0.1, 0.2, 0))
        let first = try PosterRenderer.render(scene, size: (200, 150))
        let second = try PosterRenderer.render(scene, size: (200, 150))
        XCTAssertEqual(first, second)
        XCTAssertGreaterThan(TestScenes.coverage(first), 100)
    }

    func testCameraOrbitParsing() throws {
        let orbit = try CameraOrbit(parsing: "30deg 75deg 105%")
        XCTAssertEqual(orbit.theta, 30 * .pi / 180, accuracy: 1e-6)
        XCTAssertEqual(orbit.phi, 75 * .pi / 180, accuracy: 1e-6)
        XCTAssertEqual(orbit.radius, .relative(1.05))
        XCTAssertEqual(try CameraOrbit(parsing: "auto auto auto"), .modelViewerDefault)
        XCTAssertEqual(try CameraOrbit(parsing: "0.5rad 1rad 2.5m").radius, .absolute(2.5))
        XCTAssertEqual(try CameraOrbit(parsing: "0deg 90deg 250cm").radius, .absolute(2.5))
        XCTAssertThrowsError(try CameraOrbit(parsing: "30deg 75deg 105% 3"))
        XCTAssertThrowsError(try CameraOrbit(parsing: "thirty 75deg"))
        XCTAssertThrowsError(try CameraOrbit(parsing: "30furlongs"))
    }

    func testFramingPlacesTheCameraOnTheOrbit() throws {
        let scene = SceneFixtures.cubeScene()
        let camera = try PosterCamera.framing(scene, cameraOrbit: "90deg 90deg 100%")
        // Sphere through the cube's corners: radius √3/2; at 100% it just fits model-viewer's 30° view.
        let expected = Float(3).squareRoot() / 2 / sin(Float.pi / 12)
        XCTAssertEqual(camera.eye.x, expected, accuracy: 1e-4)
        XCTAssertEqual(camera.eye.y, 0, accuracy: 1e-4)
        XCTAssertEqual(camera.eye.z, 0, accuracy: 1e-4)
        XCTAssertEqual(camera.target, .zero)
        // The framed model fits: nothing touches the image border.
        let image = try PosterRenderer.render(scene, size: (100, 100), camera: camera, style: TestScenes.noShadow)
        for i in 0..<100 {
            XCTAssertEqual(image[i, 0].w, 0); XCTAssertEqual(image[i, 99].w, 0)
            XCTAssertEqual(image[0, i].w, 0); XCTAssertEqual(image[99, i].w, 0)
        }
    }

    func testContactShadowDarkensTheGroundOnly() throws {
        let scene = SceneFixtures.cubeScene()
        let plain = try PosterRenderer.render(scene, size: (128, 128), style: PosterStyle(shadowOpacity: 0))
        let shadowed = try PosterRenderer.render(scene, size: (128, 128))
        // Pixels that only the shadow covers: some, all below the image centre (the ground).
        var shadowOnly = 0
        for y in 0..<128 {
            for x in 0..<128 where plain[x, y].w == 0 && shadowed[x, y].w > 0 {
                shadowOnly += 1
                XCTAssertGreaterThan(y, 64, "shadow at (\(x), \(y)) is above the horizon of the model")
                XCTAssertEqual(shadowed[x, y].x, 0, "the shadow is black, made transparent by alpha")
            }
        }
        XCTAssertGreaterThan(shadowOnly, 300)
        XCTAssertEqual(shadowed[0, 0].w, 0, "the top corner is sky, never shadow")
    }

    func testBackgroundFillsEverything() throws {
        let image = try PosterRenderer.render(SceneFixtures.cubeScene(), size: (64, 48), background: SIMD4(1, 1, 1, 1))
        XCTAssertTrue(image.isOpaque)
        XCTAssertEqual(image[0, 0], SIMD4(255, 255, 255, 255))
    }
}
