import Dispatch
import Foundation

/// Work spread over every core, results in order.
public enum Parallel {
    /// `transform(i)` for every `i` in `0..<count`, run on every core (`DispatchQueue.concurrentPerform`),
    /// returned in index order; one after the other when `workers` is 1 or there is one index.
    /// Each index is computed by exactly one worker.
    public static func map<T>(count: Int, workers: Int = .max, _ transform: @Sendable (Int) -> T) -> [T] {
        guard count > 0 else { return [] }
        if workers <= 1 || count == 1 { return (0..<count).map(transform) }
        let slots = Slots<T>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { i in slots.set(i, transform(i)) }
        return slots.values()
    }

    /// One slot per index, each written by exactly one worker and read after all finished (the
    /// lock orders the writes before the read).
    private final class Slots<T>: @unchecked Sendable {
        private var slots: [T?]
        private let lock = NSLock()

        init(count: Int) { slots = Array(repeating: nil, count: count) }

        func set(_ i: Int, _ value: T) {
            lock.lock()
            slots[i] = value
            lock.unlock()
        }

        /// Every slot's value; `concurrentPerform` returns only after every index ran, so none is
        /// missing.
        func values() -> [T] {
            lock.lock()
            defer { lock.unlock() }
            return slots.compactMap { $0 }
        }
    }
}
