import Foundation
import Support
import Synchronization

/// Runs independent work items on a fixed number of threads, each taking the next item when it is free.
/// The first error (or a Ctrl-C, through `Interrupt`) stops the handing out of further items.
enum ParallelWork {
    /// The number of threads for `requested` workers (0 = one per core).
    static func threadCount(_ requested: Int) -> Int {
        requested > 0 ? requested : max(1, ProcessInfo.processInfo.activeProcessorCount)
    }

    /// Calls `body` on every item, `workers` at a time; results in item order.
    static func map<Item: Sendable, Result: Sendable>(_ items: [Item], workers: Int,
                                                      _ body: @escaping @Sendable (Item) throws -> Result) throws -> [Result]
    {
        let results = Mutex<[Result?]>(Array(repeating: nil, count: items.count))
        try forEach(items.indices.map { $0 }, workers: workers) { index in
            let value = try body(items[index])
            results.withLock { $0[index] = value }
        }
        return results.withLock { $0.compactMap { $0 } }
    }

    /// Calls `body` on every item, `workers` at a time, in no particular order.
    static func forEach<Item: Sendable>(_ items: [Item], workers: Int, _ body: @escaping @Sendable (Item) throws -> Void) throws {
        let threads = min(threadCount(workers), max(1, items.count))
        let next = Atomic<Int>(0)
        let failure = Mutex<(any Error)?>(nil)
        let work: @Sendable () -> Void = {
            while true {
                if failure.withLock({ $0 != nil }) || Interrupt.isRequested { return }
                let index = next.add(1, ordering: .relaxed).oldValue
                guard index < items.count else { return }
                do {
                    try body(items[index])
                } catch {
                    failure.withLock { if $0 == nil { $0 = error } }
                    return
                }
            }
        }
        if threads == 1 {
            work()
        } else {
            let group = DispatchGroup()
            for _ in 0 ..< threads {
                group.enter()
                Thread.detachNewThread {
                    work()
                    group.leave()
                }
            }
            group.wait()
        }
        if let error = failure.withLock({ $0 }) {
            if Interrupt.isRequested { throw Interrupted() }
            throw error
        }
        try Interrupt.check()
    }
}
