import Foundation
import SceneModel
import XCTest
@testable import PosterRender

/// The shortcuts that make the rasterizer fast must give the answers of the slow way.
final class RasterizerInternalsTests: XCTestCase {
    /// Per-row spans (a division, then exact boundary tests) select exactly the samples the
    /// per-sample edge test would: same coverage, so meshes stay watertight.
    func testRowSpanMatchesThePerSampleTest() {
        var rng = SplitMix(seed: 7)
        for _ in 0..<20_000 {
            // Edge values are multiples of 1/256 (plus the 1/512 tie bias), steps multiples of 1/16.
            let v = Double(rng.int(in: -40_000...40_000)) / 512
            let dy = Double(rng.int(in: -400...400)) / 16 * (rng.int(in: 0...9) == 0 ? 0 : 1)
            let lo = rng.int(in: 0...40), hi = lo + rng.int(in: 0...60)
            let expected = (lo...hi).filter { v - dy * Double($0) > 0 }
            var span = lo...hi
            if RowSpan.clip(&span, v, dy) {
                XCTAssertEqual(Array(span), expected, "v \(v), dy \(dy), samples \(lo)...\(hi)")
            } else {
                XCTAssertEqual(expected, [], "v \(v), dy \(dy), samples \(lo)...\(hi)")
            }
        }
    }

    func testFastMathMatchesLibm() {
        var rng = SplitMix(seed: 11)
        for _ in 0..<20_000 {
            // Mip selection: any positive normal float, within 0.005 levels.
            let x = Float(exp2(Double(rng.int(in: -120_000...120_000)) / 1000) * Double(rng.int(in: 1000...1999)) / 1000)
            XCTAssertEqual(mipLog2(x), log2(x), accuracy: 0.005, "log2 \(x)")
        }
        for x: Float in [-2.5, -1, -0.5, -0, 0, 0.25, 1, 1.75, 1e6] { XCTAssertEqual(floorInt(x), Int(x.rounded(.down)), "\(x)") }
    }

    /// Shading is shared inside a pixel only between triangles that share a vertex (one smooth
    /// surface). A seam with split vertices — here two triangles of one quad with their own
    /// red and blue vertices — must still show both colours in the pixels along it.
    func testSplitVertexSeamsKeepBothColours() throws {
        let red = SIMD4<Float>(1, 0, 0, 1), blue = SIMD4<Float>(0, 0, 1, 1)
        let quad = Primitive(positions: [SIMD3(-1, -1, 0), SIMD3(1, -1, 0), SIMD3(1, 1, 0), SIMD3(-1, -1, 0), SIMD3(1, 1, 0), SIMD3(-1, 1, 0)],
                             normals: Array(repeating: SIMD3(0, 0, 1), count: 6),
                             colors: [red, red, red, blue, blue, blue], indices: [0, 1, 2, 3, 4, 5])
        let size = 64
        let image = try PosterRenderer.render(TestScenes.scene(quad, material: Material(unlit: true)), size: (size, size),
                                              camera: TestScenes.quadCamera(), style: TestScenes.noShadow)
        // The diagonal runs from the bottom-left corner to the top-right one.
        var mixed = 0
        for x in 2..<(size - 2) {
            let p = image[x, size - 1 - x]
            if p.x > 60 && p.z > 60 { mixed += 1 }
        }
        XCTAssertGreaterThan(mixed, (size - 4) / 2, "pixels on the seam should mix red and blue")
        // Away from the seam each side shows its own colour. PBR Neutral at model-viewer's
        // exposure (1.3) desaturates a pure primary: red comes out as about (246, 63, 63).
        XCTAssertGreaterThan(image[size - 8, size - 20].x, 200)
        XCTAssertLessThan(image[size - 8, size - 20].z, 80)
        XCTAssertGreaterThan(image[8, 20].z, 200)
        XCTAssertLessThan(image[8, 20].x, 80)
    }
}

/// A small deterministic generator, so failures reproduce.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }
}
