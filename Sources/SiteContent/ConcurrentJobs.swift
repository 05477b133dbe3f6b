import Foundation

/// Runs `count` independent jobs on all cores and returns their results in job order, so what
/// is built from them does not depend on scheduling. Reading content, rendering pages, writing
/// files and converting models use it.
public enum ConcurrentJobs {
    public static func run<T>(count: Int, _ job: @Sendable (Int) -> T) -> [T] {
        let slots = Slots<T>(count)
        DispatchQueue.concurrentPerform(iterations: count) { slots.put($0, job($0)) }
        return slots.values
    }

    private final class Slots<T>: @unchecked Sendable {
        private var storage: [T?]
        private let lock = NSLock()
        init(_ count: Int) { storage = Array(repeating: nil, count: count) }
        func put(_ index: Int, _ value: T) { lock.lock(); storage[index] = value; lock.unlock() }
        var values: [T] { lock.lock(); defer { lock.unlock() }; return storage.map { $0! } }
    }
}
