import Foundation

/// model-viewer's default light, as data: its generated "neutral" environment after three.js has
/// filtered it for each roughness (PMREM), measured from the real viewer by
/// `scripts/calibration/calibrate-poster-light` (the table is `NeutralEnvironmentTable.swift`).
///
/// At first use each level's equirectangular table is resampled into an octahedral grid, so a
/// lookup is a few multiply-adds and one bilinear fetch, with no trigonometry on the per-pixel path.
/// The grids live for the whole process (one shared copy) and are read through plain pointers,
/// so the shader can copy this value freely without reference counting.
struct NeutralEnvironment: @unchecked Sendable {
    /// Octahedral grid side per roughness level.
    static let side = 32
    /// Level after level, `side × side` values each: linear radiance.
    private let levels: UnsafePointer<Float>
    private let roughness: UnsafePointer<Float>
    private let levelCount: Int

    static let shared = NeutralEnvironment()

    private init() {
        let values = NeutralEnvironment.encodedTable.split(whereSeparator: { $0 == " " || $0 == "\n" }).map { Float($0)! }
        let cells = NeutralEnvironment.columns * NeutralEnvironment.rows
        precondition(values.count == cells * NeutralEnvironment.roughnessLevels.count, "NeutralEnvironmentTable is incomplete")
        let roughnessLevels = NeutralEnvironment.roughnessLevels
        var grids: [Float] = []
        grids.reserveCapacity(roughnessLevels.count * Self.side * Self.side)
        for level in roughnessLevels.indices {
            let table = Array(values[(level * cells)..<((level + 1) * cells)])
            for y in 0..<Self.side {
                for x in 0..<Self.side {
                    let u = (Float(x) + 0.5) / Float(Self.side) * 2 - 1
                    let v = (Float(y) + 0.5) / Float(Self.side) * 2 - 1
                    grids.append(Self.equirectangular(table, direction: Self.octahedralDirection(u, v)))
                }
            }
        }
        levels = UnsafePointer(FixedArray(grids).retainedForever())
        roughness = UnsafePointer(FixedArray(roughnessLevels).retainedForever())
        levelCount = roughnessLevels.count
    }

    /// Filtered radiance arriving along `direction` (unit, model space) for a surface of this
    /// roughness, interpolated between the measured levels.
    @inline(__always) func radiance(_ direction: SIMD3<Float>, roughness: Float) -> Float {
        let levels = self.roughness, last = levelCount - 1
        var upper = 0
        while upper < last && levels[upper] < roughness { upper += 1 }
        let lower = max(upper - 1, 0)
        let span = levels[upper] - levels[lower]
        let t = span > 0 ? min(max((roughness - levels[lower]) / span, 0), 1) : 0
        let cell = Cell(Self.octahedral(direction))
        let a = sample(level: lower, cell)
        // Both levels share the cell and its weights.
        return t == 0 ? a : a + (sample(level: upper, cell) - a) * t
    }

    /// The cosine-weighted irradiance three.js uses for diffuse light: the roughest level
    /// looked up along the normal.
    @inline(__always) func irradiance(_ normal: SIMD3<Float>) -> Float {
        sample(level: levelCount - 1, Cell(Self.octahedral(normal)))
    }

    /// The four grid points around a point of the octahedral square, and its weights.
    private struct Cell {
        var x0: Int, y0: Int, x1: Int, y1: Int
        var fx: Float, fy: Float

        @inline(__always) init(_ point: (u: Float, v: Float)) {
            let n = NeutralEnvironment.side
            let x = min(max((point.u * 0.5 + 0.5) * Float(n) - 0.5, 0), Float(n - 1))
            let y = min(max((point.v * 0.5 + 0.5) * Float(n) - 0.5, 0), Float(n - 1))
            x0 = Int(x); y0 = Int(y)
            x1 = min(x0 + 1, n - 1); y1 = min(y0 + 1, n - 1)
            fx = x - Float(x0); fy = y - Float(y0)
        }
    }

    @inline(__always) private func sample(level: Int, _ c: Cell) -> Float {
        let n = Self.side
        let grid = levels + level * n * n
        let top = grid[c.y0 * n + c.x0] * (1 - c.fx) + grid[c.y0 * n + c.x1] * c.fx
        let bottom = grid[c.y1 * n + c.x0] * (1 - c.fx) + grid[c.y1 * n + c.x1] * c.fx
        return top + (bottom - top) * c.fy
    }

    /// Octahedral map: a unit direction to a point of the square [-1, 1]², y up folded to the centre.
    @inline(__always) static func octahedral(_ d: SIMD3<Float>) -> (Float, Float) {
        let s = abs(d.x) + abs(d.y) + abs(d.z)
        let x = d.x / s, z = d.z / s
        guard d.y < 0 else { return (x, z) }
        return ((1 - abs(z)) * (x >= 0 ? 1 : -1), (1 - abs(x)) * (z >= 0 ? 1 : -1))
    }

    static func octahedralDirection(_ u: Float, _ v: Float) -> SIMD3<Float> {
        var d = SIMD3<Float>(u, 1 - abs(u) - abs(v), v)
        if d.y < 0 {
            d.x = (1 - abs(v)) * (u >= 0 ? 1 : -1)
            d.z = (1 - abs(u)) * (v >= 0 ? 1 : -1)
        }
        return d / (d * d).sum().squareRoot()
    }

    /// Bilinear lookup in a measured table (cell centres; azimuth wraps, polar angle clamps).
    static func equirectangular(_ table: [Float], direction d: SIMD3<Float>) -> Float {
        let columns = NeutralEnvironment.columns, rows = NeutralEnvironment.rows
        var azimuth = atan2(d.x, d.z)
        if azimuth < 0 { azimuth += 2 * .pi }
        let polar = acos(min(max(d.y, -1), 1))
        let u = azimuth / (2 * .pi) * Float(columns) - 0.5
        let v = min(max(polar / .pi * Float(rows) - 0.5, 0), Float(rows - 1))
        let u0 = Int(floor(u)), v0 = Int(v)
        let fu = u - Float(u0), fv = v - Float(v0)
        let v1 = min(v0 + 1, rows - 1)
        let c0 = ((u0 % columns) + columns) % columns, c1 = (c0 + 1) % columns
        let top = table[v0 * columns + c0] * (1 - fu) + table[v0 * columns + c1] * fu
        let bottom = table[v1 * columns + c0] * (1 - fu) + table[v1 * columns + c1] * fu
        return top + (bottom - top) * fv
    }
}
