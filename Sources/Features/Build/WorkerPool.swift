import Dispatch
import Synchronization

/// Runs numbered tasks on a fixed number of worker threads, each with its own context (a renderer with
/// its plans and scratch) made once. Tasks are taken in order; a worker stops taking new ones after the
/// first error or when `shouldStop` says so.
enum WorkerPool {
    /// Runs tasks 0 ..< `count` on `workers` threads; rethrows the first error.
    static func run<Context>(workers: Int, count: Int, makeContext: @Sendable () -> Context,
                             shouldStop: @Sendable () -> Bool = { false },
                             task: @Sendable (inout Context, Int) throws -> Void) throws
    {
        let next = Mutex(0)
        let failure = Mutex<(any Error)?>(nil)
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, count))) { _ in
            var context = makeContext()
            while true {
                if failure.withLock({ $0 != nil }) || shouldStop() { return }
                let index: Int = next.withLock { value in
                    defer { value += 1 }
                    return value
                }
                guard index < count else { return }
                do { try task(&context, index) } catch {
                    failure.withLock { if $0 == nil { $0 = error } }
                    return
                }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
    }
}
