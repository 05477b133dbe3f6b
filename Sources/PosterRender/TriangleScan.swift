// The sample loop of `Rasterizer`: which samples of a band a triangle covers, exactly.

extension Rasterizer {
    /// Calls `body(sample, x, y, 1/w)` for each sample centre of sample rows `rows` inside
    /// triangle `index`, `sample` counting from the first of `rows`. Edge functions run in
    /// Double on 1/16-snapped vertices, so they are exact; a centre exactly on an edge belongs to
    /// one side only (a top-left style tie rule), so meshes are watertight with no double
    /// coverage.
    @inline(__always) func forEachSample(of index: Int32, in rows: Range<Int>, _ body: (Int, Int, Int, Float) -> Void) {
        let t = triangles[Int(index)]
        let a = vertices[Int(t.a)], b = vertices[Int(t.b)], c = vertices[Int(t.c)]
        let minX = max(0, firstSample(min(a.x, b.x, c.x)))
        let maxX = min(sampleWidth - 1, lastSample(max(a.x, b.x, c.x)))
        let minY = max(rows.lowerBound, firstSample(min(a.y, b.y, c.y)))
        let maxY = min(rows.upperBound - 1, lastSample(max(a.y, b.y, c.y)))
        guard minX <= maxX, minY <= maxY else { return }
        let ax = Double(a.x), ay = Double(a.y), bx = Double(b.x), by = Double(b.y), cx = Double(c.x), cy = Double(c.y)
        // Edge k opposite vertex k: e(p) = (end − start) × (p − start); positive inside.
        let dx0 = cx - bx, dy0 = cy - by, dx1 = ax - cx, dy1 = ay - cy, dx2 = bx - ax, dy2 = by - ay
        let area = dx2 * (cy - ay) - dy2 * (cx - ax)
        guard area > 0 else { return }
        // The tie rule as a threshold: every edge value is a multiple of 1/256 (products of
        // 1/16-pixel coordinates), so "e > 0, or e == 0 on an edge this triangle owns" is
        // "e + 1/512 > 0" on owned edges and "e > 0" on the others.
        @inline(__always) func bias(_ dx: Double, _ dy: Double) -> Double { dy > 0 || (dy == 0 && dx < 0) ? 1.0 / 512 : 0 }
        let bias0 = bias(dx0, dy0), bias1 = bias(dx1, dy1), bias2 = bias(dx2, dy2)
        let inverseArea = 1 / area
        let iw0 = Double(a.invW) * inverseArea, iw1 = Double(b.invW) * inverseArea, iw2 = Double(c.invW) * inverseArea
        // 1/w = Σ e_k · invW_k / area, and each e_k drops by dy_k per sample step in x.
        let dz = dy0 * iw0 + dy1 * iw1 + dy2 * iw2
        let startX = Double(minX) + 0.5
        let sw = sampleWidth, last = maxX - minX
        for y in minY...maxY {
            let py = Double(y) + 0.5
            // Edge values at the row's first candidate sample; each step right subtracts dy.
            let e0 = dx0 * (py - by) - dy0 * (startX - bx)
            let e1 = dx1 * (py - cy) - dy1 * (startX - cx)
            let e2 = dx2 * (py - ay) - dy2 * (startX - ax)
            var span = 0...last
            guard RowSpan.clip(&span, e0 + bias0, dy0), RowSpan.clip(&span, e1 + bias1, dy1),
                  RowSpan.clip(&span, e2 + bias2, dy2) else { continue }
            // 1/w is linear along the row: its value at the row start minus a step per sample,
            // computed afresh at each sample (no dependency from one sample to the next).
            let z0 = e0 * iw0 + e1 * iw1 + e2 * iw2
            let row = (y - rows.lowerBound) * sw + minX
            for i in span {
                body(row + i, minX + i, y, Float(z0 - dz * Double(i)))
            }
        }
    }
}

/// The first and last sample (centre at index + 0.5) at or after / at or before coordinate v:
/// ⌈v − 0.5⌉ and ⌊v − 0.5⌋.
@inline(__always) func firstSample(_ v: Float) -> Int { -floorInt(0.5 - v) }
@inline(__always) func lastSample(_ v: Float) -> Int { floorInt(v - 0.5) }

/// The samples of one row inside a triangle, found per edge instead of testing each sample of
/// the bounding box: a thin or slanted triangle's box is mostly outside, and the inside/outside
/// branch per sample is unpredictable.
enum RowSpan {
    /// Narrows `span` (steps i from the row's first sample) to where v − dy·i > 0, v being the
    /// biased edge value at i = 0. False when nothing is left. Division finds the crossing;
    /// the exact test then settles the boundary sample, so the result is exactly the samples
    /// the per-sample test would pass (v − dy·i is exact in Double, see the tie rule).
    @inline(__always) static func clip(_ span: inout ClosedRange<Int>, _ v: Double, _ dy: Double) -> Bool {
        @inline(__always) func inside(_ i: Int) -> Bool { v - dy * Double(i) > 0 }
        var lo = span.lowerBound, hi = span.upperBound
        if dy == 0 {
            return v > 0
        } else if dy > 0 {
            // Decreasing along the row: inside up to the crossing.
            let crossing = min(max(v / dy, Double(lo) - 2), Double(hi) + 2)
            var end = Int(crossing)
            while end >= lo && !inside(end) { end -= 1 }
            while end < hi && inside(end + 1) { end += 1 }
            hi = min(hi, end)
        } else {
            // Increasing: inside from the crossing on.
            let crossing = min(max(v / dy, Double(lo) - 2), Double(hi) + 2)
            var start = Int(crossing)
            while start <= hi && !inside(start) { start += 1 }
            while start > lo && inside(start - 1) { start -= 1 }
            lo = max(lo, start)
        }
        guard lo <= hi else { return false }
        span = lo...hi
        return true
    }
}
