import Foundation

/// The working buffers of one band: per-sample depth, winning triangle and (only when the band
/// has blended triangles) colour, and the band's resolved output pixels. A band is a few dozen
/// rows, so these stay in cache, where whole-image buffers (96 MB at 1024² with 2×2 samples)
/// cost more in page faults and memory traffic than the rasterizing itself.
final class BandScratch {
    let depth: UnsafeMutablePointer<Float>
    let ids: UnsafeMutablePointer<Int32>
    let sampleColor: UnsafeMutablePointer<SIMD4<Float>>
    let pixelColor: UnsafeMutablePointer<SIMD4<Float>>
    /// The distinct triangles of one output pixel: sample count, summed sample centres, colour.
    let found: UnsafeMutablePointer<Int32>
    let counts: UnsafeMutablePointer<Int>
    let sums: UnsafeMutablePointer<SIMD2<Float>>
    let colors: UnsafeMutablePointer<SIMD4<Float>>
    private let samples: Int
    private let pixels: Int
    private let perPixel: Int

    init(samples: Int, pixels: Int, samplesPerPixel: Int) {
        self.samples = samples
        self.pixels = pixels
        perPixel = samplesPerPixel
        depth = .allocate(capacity: samples)
        depth.initialize(repeating: 0, count: samples)
        ids = .allocate(capacity: samples)
        ids.initialize(repeating: -1, count: samples)
        // Left uninitialized: written before read, and its pages are only touched by bands that
        // blend.
        sampleColor = .allocate(capacity: samples)
        pixelColor = .allocate(capacity: pixels)
        found = .allocate(capacity: samplesPerPixel)
        counts = .allocate(capacity: samplesPerPixel)
        sums = .allocate(capacity: samplesPerPixel)
        colors = .allocate(capacity: samplesPerPixel)
    }

    deinit {
        for p in [UnsafeMutableRawPointer(depth), UnsafeMutableRawPointer(ids), UnsafeMutableRawPointer(sampleColor),
                  UnsafeMutableRawPointer(pixelColor), UnsafeMutableRawPointer(found), UnsafeMutableRawPointer(counts),
                  UnsafeMutableRawPointer(sums), UnsafeMutableRawPointer(colors)] {
            p.deallocate()
        }
    }

    /// Empties depth and coverage for a band of `count` samples.
    func clear(samples count: Int) {
        depth.update(repeating: 0, count: count)
        ids.update(repeating: -1, count: count)
    }
}

/// Hands each concurrently processed band a scratch set, reusing freed ones, so the number
/// allocated is the number of bands in flight (the core count), not the number of bands. Which
/// set a band gets does not matter: it is cleared before use.
final class ScratchPool: @unchecked Sendable {
    private let lock = NSLock()
    private var free: [BandScratch] = []
    private let make: () -> BandScratch

    init(_ make: @escaping () -> BandScratch) { self.make = make }

    func with<R>(_ body: (BandScratch) -> R) -> R {
        lock.lock()
        let scratch = free.popLast() ?? make()
        lock.unlock()
        defer { lock.lock(); free.append(scratch); lock.unlock() }
        return body(scratch)
    }
}
