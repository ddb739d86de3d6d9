import Dispatch

/// How a batch is cut into chunks of examples that worker threads process independently.
///
/// The cut depends only on the batch size, never on the number of cores, and every reduction over chunks
/// (weight gradients, batch-norm sums) adds the chunks' partial results in chunk order. So a step gives
/// bit-identical results however many threads run it and in whatever order the chunks finish: the basis of
/// exact `--resume` and of seeds that reproduce a run.
public struct ChunkPlan: Sendable, Equatable {
    /// Examples in the batch.
    public let batch: Int
    /// Examples per chunk (the last chunk may have fewer).
    public let examplesPerChunk: Int

    /// The default cut: chunks of at most 16 examples (small enough that a chunk's activations of one
    /// layer stay in the second-level cache, large enough that a chunk's matrix products run efficiently).
    public init(batch: Int, examplesPerChunk: Int = 16) {
        precondition(batch >= 0 && examplesPerChunk > 0)
        self.batch = batch
        self.examplesPerChunk = examplesPerChunk
    }

    /// Number of chunks.
    public var count: Int { (batch + examplesPerChunk - 1) / examplesPerChunk }

    /// The examples of chunk `index`.
    public func examples(_ index: Int) -> Range<Int> {
        let start = index * examplesPerChunk
        return start ..< min(start + examplesPerChunk, batch)
    }

    /// Runs `body(chunk, examples)` for every chunk, concurrently on the available cores, and returns when
    /// all are done. `body` must write only memory that belongs to its chunk.
    public func forEach(_ body: (Int, Range<Int>) -> Void) {
        let chunks = count
        if chunks <= 1 {
            if chunks == 1 { body(0, examples(0)) }
            return
        }
        let plan = self
        withoutActuallyEscaping(body) { body in
            let work = UncheckedSendable(body)
            DispatchQueue.concurrentPerform(iterations: chunks) { index in
                work.value(index, plan.examples(index))
            }
        }
    }
}

/// Hands a value to Dispatch's `@Sendable` work closure. Sound here because `ChunkPlan.forEach` waits for
/// every chunk before returning and each chunk touches only its own memory.
private struct UncheckedSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}
