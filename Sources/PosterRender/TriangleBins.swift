/// Triangle indices per horizontal band of the image, in drawing order, as one flat array with
/// offsets: a counting sort (count per band, then fill), so binning 100k triangles allocates two
/// arrays instead of growing one per band.
struct TriangleBins {
    private let offsets: FixedArray<Int>
    private let indices: FixedArray<Int32>

    /// `bands(t)` is the range of bands triangle `t` touches, nil when it touches none.
    init(bandCount: Int, order: [Int32], bands: (Int32) -> ClosedRange<Int>?) {
        let ranges = order.map(bands)
        var counts = [Int](repeating: 0, count: bandCount + 1)
        for case let range? in ranges { for band in range { counts[band + 1] += 1 } }
        for band in 0..<bandCount { counts[band + 1] += counts[band] }
        let offsets = FixedArray(counts)
        var next = counts
        let indices = FixedArray<Int32>(count: counts[bandCount], value: 0)
        for (triangle, range) in zip(order, ranges) {
            guard let range else { continue }
            for band in range {
                indices[next[band]] = triangle
                next[band] += 1
            }
        }
        self.offsets = offsets
        self.indices = indices
    }

    /// The triangles of `band`, in drawing order.
    @inline(__always) func triangles(in band: Int) -> UnsafeBufferPointer<Int32> {
        UnsafeBufferPointer(start: indices.pointer + offsets[band], count: offsets[band + 1] - offsets[band])
    }
}
