import Dispatch
import Foundation

/// Runs independent, deterministic tasks on every core. Results come back in
/// task order, so they do not depend on the number of threads.
public enum ParallelMap {
    /// `transform(0)`, …, `transform(count − 1)`, computed concurrently.
    ///
    /// - Throws: the error of the lowest-numbered task that failed, after every
    ///   task has run.
    public static func map<T: Sendable, E: Error>(
        count: Int, _ transform: @Sendable (Int) throws(E) -> T
    ) throws(E) -> [T] {
        let slots = Slots<T, E>(count: count)
        DispatchQueue.concurrentPerform(iterations: count) { index in
            slots.store(index, Result { () throws(E) in try transform(index) })
        }
        return try slots.values()
    }

    /// One slot per task, each written by its own task only.
    private final class Slots<T: Sendable, E: Error>: @unchecked Sendable {
        private var results: [Result<T, E>?]
        private let lock = NSLock()

        init(count: Int) { results = Array(repeating: nil, count: count) }

        func store(_ index: Int, _ result: Result<T, E>) {
            lock.withLock { results[index] = result }
        }

        func values() throws(E) -> [T] {
            var values: [T] = []
            values.reserveCapacity(results.count)
            for case let result? in results { values.append(try result.get()) }
            return values
        }
    }
}
