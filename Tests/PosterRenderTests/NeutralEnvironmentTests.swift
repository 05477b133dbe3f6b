import Foundation
import XCTest
@testable import PosterRender

/// The measured light (scripts/calibration) as the renderer reads it: the octahedral resampling
/// must give back the measured table, and the table must look like model-viewer's room.
final class NeutralEnvironmentTests: XCTestCase {
    func testOctahedralMappingRoundTrips() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<500 {
            var d = SIMD3<Float>(Float.random(in: -1...1, using: &generator), Float.random(in: -1...1, using: &generator),
                                 Float.random(in: -1...1, using: &generator))
            guard (d * d).sum() > 1e-3 else { continue }
            d /= (d * d).sum().squareRoot()
            let (u, v) = NeutralEnvironment.octahedral(d)
            let back = NeutralEnvironment.octahedralDirection(u, v)
            XCTAssertLessThan(((back - d) * (back - d)).sum().squareRoot(), 1e-4, "\(d)")
        }
    }

    func testLookupsReproduceTheMeasuredTable() {
        let values = NeutralEnvironment.encodedTable.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { Float($0)! }
        let cells = NeutralEnvironment.columns * NeutralEnvironment.rows
        XCTAssertEqual(values.count, cells * NeutralEnvironment.roughnessLevels.count)
        let environment = NeutralEnvironment.shared
        // The roughest level is smooth: the 32² octahedral copy stays within 3% of it everywhere.
        let roughest = Array(values.suffix(cells))
        var worst: Float = 0
        for row in stride(from: 1, to: NeutralEnvironment.rows - 1, by: 3) {
            for column in stride(from: 0, to: NeutralEnvironment.columns, by: 3) {
                let polar = (Float(row) + 0.5) / Float(NeutralEnvironment.rows) * .pi
                let azimuth = (Float(column) + 0.5) / Float(NeutralEnvironment.columns) * 2 * .pi
                let d = SIMD3<Float>(sin(polar) * sin(azimuth), cos(polar), sin(polar) * cos(azimuth))
                let measured = NeutralEnvironment.equirectangular(roughest, direction: d)
                worst = max(worst, abs(environment.irradiance(d) - measured) / measured)
            }
        }
        XCTAssertLessThan(worst, 0.03)
    }

    func testTheRoomIsLitFromAboveAndNeverBlack() {
        let environment = NeutralEnvironment.shared
        let up = environment.irradiance(SIMD3(0, 1, 0)), down = environment.irradiance(SIMD3(0, -1, 0))
        XCTAssertGreaterThan(up, down, "model-viewer's room has its main light overhead")
        for roughness: Float in [0, 0.1, 0.3, 0.5, 0.8, 1] {
            for d in [SIMD3<Float>(1, 0, 0), SIMD3(-1, 0, 0), SIMD3(0, 0, 1), SIMD3(0, 0, -1), SIMD3(0, 1, 0), SIMD3(0, -1, 0)] {
                XCTAssertGreaterThan(environment.radiance(d, roughness: roughness), 0, "\(d) at roughness \(roughness)")
            }
        }
        // Between two measured levels the radiance is between theirs.
        let d = SIMD3<Float>(0.6, 0.64, 0.48)
        let a = environment.radiance(d, roughness: 0.4), b = environment.radiance(d, roughness: 0.55)
        let mid = environment.radiance(d, roughness: 0.475)
        XCTAssertGreaterThanOrEqual(mid, min(a, b) - 1e-5)
        XCTAssertLessThanOrEqual(mid, max(a, b) + 1e-5)
    }
}
