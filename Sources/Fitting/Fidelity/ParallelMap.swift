import Dispatch
import Foundation
import NeuroDynChip

/// Runs independent, deterministic tasks on every core; results come back in
/// task order, so they do not depend on the number of threads.
enum ParallelMap {
    static func map<T: Sendable>(
        _ items: [Int], _ transform: @Sendable (Int) throws(NeuroDynError) -> T
    ) throws(NeuroDynError) -> [T] {
        let results = ResultSlots<T>(count: items.count)
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
            results.store(index, Result { () throws(NeuroDynError) in try transform(items[index]) })
        }
        return try results.values()
    }
}

/// One slot per parallel task, each written by its own task only.
private final class ResultSlots<T: Sendable>: @unchecked Sendable {
    private var slots: [Result<T, NeuroDynError>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ index: Int, _ result: Result<T, NeuroDynError>) {
        lock.withLock { slots[index] = result }
    }

    func values() throws(NeuroDynError) -> [T] {
        var values: [T] = []
        for slot in slots {
            guard let slot else { continue }
            values.append(try slot.get())
        }
        return values
    }
}
