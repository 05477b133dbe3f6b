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

    /// The same with at most `limit` jobs at a time on threads of their own, for jobs that mostly
    /// wait (on a worker process) and may outnumber the cores.
    public static func run<T>(count: Int, limit: Int, _ job: @escaping @Sendable (Int) -> T) -> [T] {
        let slots = Slots<T>(count)
        let next = Counter()
        let group = DispatchGroup()
        for _ in 0..<max(1, min(limit, count)) {
            group.enter()
            Thread.detachNewThread {
                while let index = next.take(below: count) { slots.put(index, job(index)) }
                group.leave()
            }
        }
        group.wait()
        return slots.values
    }

    private final class Counter: @unchecked Sendable {
        private var value = 0
        private let lock = NSLock()
        func take(below count: Int) -> Int? {
            lock.lock(); defer { lock.unlock() }
            guard value < count else { return nil }
            value += 1
            return value - 1
        }
    }

    private final class Slots<T>: @unchecked Sendable {
        private var storage: [T?]
        private let lock = NSLock()
        init(_ count: Int) { storage = Array(repeating: nil, count: count) }
        func put(_ index: Int, _ value: T) { lock.lock(); storage[index] = value; lock.unlock() }
        var values: [T] { lock.lock(); defer { lock.unlock() }; return storage.map { $0! } }
    }
}
