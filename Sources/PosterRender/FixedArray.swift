/// A fixed-size manual allocation. The renderer keeps its per-frame data (vertices, triangles,
/// setups) in these and hands the hot loops plain pointers into them, so per-pixel code does no
/// reference counting or bounds checks, which two threads would otherwise pay for on every read.
/// Concurrent bands only read them, or write disjoint indices, hence @unchecked.
final class FixedArray<Element>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Element>
    let count: Int

    init(count: Int, value: Element) {
        self.count = count
        pointer = .allocate(capacity: max(count, 1))
        pointer.initialize(repeating: value, count: count)
    }

    init(_ elements: [Element]) {
        count = elements.count
        pointer = .allocate(capacity: max(count, 1))
        elements.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { pointer.initialize(from: base, count: count) }
        }
    }

    deinit {
        pointer.deinitialize(count: count)
        pointer.deallocate()
    }

    @inline(__always) subscript(i: Int) -> Element {
        get { pointer[i] }
        set { pointer[i] = newValue }
    }
}

extension FixedArray {
    /// The storage, kept for the rest of the process (for process-wide constant tables).
    func retainedForever() -> UnsafeMutablePointer<Element> {
        _ = Unmanaged.passRetained(self)
        return pointer
    }
}
