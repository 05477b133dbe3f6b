import SceneModel
import ScenePasses
import XCTest

final class ConstantTracksTests: XCTestCase {
    /// One triangle on a node at (1, 2, 3), scaled 2, animated by `channels` in one clip.
    func scene(_ channels: [AnimationChannel], morphTargets: Int = 0) -> Scene {
        var transform = Transform.translation(SIMD3(1, 2, 3))
        transform.columns[0].x = 2; transform.columns[1].y = 2; transform.columns[2].z = 2
        let targets = (0..<morphTargets).map { _ in MorphTarget(positions: [SIMD3(0, 1, 0), .zero, .zero]) }
        let triangle = Primitive(positions: [.zero, SIMD3(1, 0, 0), SIMD3(0, 1, 0)], indices: [0, 1, 2], targets: targets)
        return Scene(nodes: [Node(name: "n", transform: transform, mesh: 0)], roots: [0],
                     meshes: [Mesh(primitives: [triangle], morphWeights: morphTargets > 0 ? [0.5] : [])],
                     animations: [Animation(name: "clip", channels: channels)])
    }

    let times: [Float] = [0, 1, 2]

    func testATrackHoldingTheRestValueIsDropped() throws {
        var s = scene([
            AnimationChannel(node: 0, path: .scale, times: times, values: [2, 2, 2, 2, 2, 2, 2, 2, 2]),
            AnimationChannel(node: 0, path: .translation, times: times, values: [1, 2, 3, 1, 5, 3, 1, 2, 3]),
        ])
        let report = try simplifyConstantTracks(&s, .default)
        XCTAssertEqual(report, ConstantTrackReport(dropped: 1, shortened: 0))
        XCTAssertEqual(s.animations[0].channels.map(\.path), [.translation])
        XCTAssertEqual(s.animations[0].channels[0].values, [1, 2, 3, 1, 5, 3, 1, 2, 3], "a moving track is untouched")
    }

    func testATrackHoldingAnotherValueKeepsOneKey() throws {
        var s = scene([
            AnimationChannel(node: 0, path: .translation, times: times, values: [0, 9, 0, 0, 9, 0, 0, 9, 0]),
            AnimationChannel(node: 0, path: .scale, times: times, values: [2, 2, 2, 3, 3, 3, 2, 2, 2]),
        ])
        let report = try simplifyConstantTracks(&s, .default)
        XCTAssertEqual(report, ConstantTrackReport(dropped: 0, shortened: 1))
        let translation = try XCTUnwrap(s.animations[0].channels.first { $0.path == .translation })
        XCTAssertEqual(translation.times, [0])
        XCTAssertEqual(translation.values, [0, 9, 0])
    }

    func testRotationsMatchUpToSignAndFloatNoise() throws {
        // The node has no rotation: (0, 0, 0, 1); −(0, 0, 0, 1) is the same rotation.
        var s = scene([
            AnimationChannel(node: 0, path: .rotation, times: times, values: [0, 0, 0, 1, 0, 0, 0, -1, 0, 1e-7, 0, 1]),
            AnimationChannel(node: 0, path: .translation, times: times, values: [1, 2, 3, 1, 5, 3, 1, 2, 3]),
        ])
        XCTAssertEqual(try simplifyConstantTracks(&s, .default).dropped, 1)
        XCTAssertEqual(s.animations[0].channels.map(\.path), [.translation])
    }

    func testTheClipKeepsItsLength() throws {
        // The only track that reaches t = 4 is constant: it keeps keys at its start and at 4.
        var s = scene([
            AnimationChannel(node: 0, path: .translation, times: [0, 1], values: [1, 2, 3, 1, 5, 3]),
            AnimationChannel(node: 0, path: .scale, times: [0, 2, 4], values: [2, 2, 2, 2, 2, 2, 2, 2, 2]),
        ])
        let report = try simplifyConstantTracks(&s, .default)
        XCTAssertEqual(report, ConstantTrackReport(dropped: 0, shortened: 1))
        XCTAssertEqual(s.animations[0].duration, 4)
        let scale = try XCTUnwrap(s.animations[0].channels.first { $0.path == .scale })
        XCTAssertEqual(scale.times, [0, 4])
        XCTAssertEqual(scale.values, [2, 2, 2, 2, 2, 2])
    }

    func testAClipOfOnlyConstantTracksStaysPlayable() throws {
        var s = scene([AnimationChannel(node: 0, path: .scale, times: times, values: [2, 2, 2, 2, 2, 2, 2, 2, 2])])
        try simplifyConstantTracks(&s, .default)
        XCTAssertEqual(s.animations[0].channels.count, 1, "glTF needs at least one channel per clip")
        XCTAssertEqual(s.animations[0].channels[0].times, [0, 2])
    }

    func testCubicSplinesWithTangentsMove() throws {
        // Same values at every key, but non-zero tangents: the curve leaves the value between keys.
        let values: [Float] = [0, 0, 0, 1, 2, 3, 5, 0, 0,   0, 0, 0, 1, 2, 3, 0, 0, 0,   0, 0, 0, 1, 2, 3, 0, 0, 0]
        var s = scene([AnimationChannel(node: 0, path: .translation, interpolation: .cubicSpline, times: times, values: values)])
        XCTAssertEqual(try simplifyConstantTracks(&s, .default), ConstantTrackReport())
        XCTAssertEqual(s.animations[0].channels[0].values, values)
    }

    func testMorphWeightsAtTheMeshDefaultsAreDropped() throws {
        var s = scene([
            AnimationChannel(node: 0, path: .weights, times: times, values: [0.5, 0.5, 0.5]),
            AnimationChannel(node: 0, path: .translation, times: times, values: [1, 2, 3, 1, 5, 3, 1, 2, 3]),
        ], morphTargets: 1)
        XCTAssertEqual(try simplifyConstantTracks(&s, .default).dropped, 1)
        XCTAssertEqual(s.animations[0].channels.map(\.path), [.translation])
    }
}
