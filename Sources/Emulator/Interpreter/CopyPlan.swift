/// A data-movement operator compiled at preparation time into byte runs: "copy `count` bytes from source
/// `source` at `from` to the output at `to`", plus runs filled with one byte pattern. STRIDED_SLICE,
/// CONCATENATION, SPLIT_V, PACK and PAD are exact byte copies in TFLite Micro (no requantisation), so
/// replaying their index arithmetic once and copying runs gives the same bytes, fast.
struct CopyPlan: PreparedOperation {
    struct Run {
        let source: Int
        let from: Int
        let to: Int
        let count: Int
    }

    struct Fill {
        let to: Int
        let count: Int
    }

    let sources: [TensorSlot]
    let destination: TensorSlot
    private(set) var runs: [Run] = []
    private(set) var fills: [Fill] = []
    /// The element bytes written into fill runs (one element, repeated).
    var fillElement: [UInt8] = []

    init(sources: [TensorSlot], destination: TensorSlot) {
        self.sources = sources
        self.destination = destination
    }

    /// Appends a run, merging it with the previous one when both are contiguous.
    mutating func copy(source: Int, from: Int, to: Int, count: Int) {
        guard count > 0 else { return }
        if let last = runs.last, last.source == source, last.from + last.count == from, last.to + last.count == to {
            runs[runs.count - 1] = Run(source: source, from: last.from, to: last.to, count: last.count + count)
        } else {
            runs.append(Run(source: source, from: from, to: to, count: count))
        }
    }

    mutating func fill(to: Int, count: Int) {
        guard count > 0 else { return }
        if let last = fills.last, last.to + last.count == to {
            fills[fills.count - 1] = Fill(to: last.to, count: last.count + count)
        } else {
            fills.append(Fill(to: to, count: count))
        }
    }

    func invoke(_ runtime: Runtime) {
        let output = runtime.raw(destination)
        for run in runs {
            (output + run.to).copyMemory(from: runtime.raw(sources[run.source]) + run.from, byteCount: run.count)
        }
        guard !fills.isEmpty else { return }
        let element = fillElement.count
        for fill in fills {
            var offset = 0
            while offset < fill.count {
                let pointer = output + fill.to + offset
                for (index, byte) in fillElement.enumerated() { pointer.storeBytes(of: byte, toByteOffset: index, as: UInt8.self) }
                offset += element
            }
        }
    }
}

/// Dimension helpers shared by the kernels.
enum Shape {
    /// The product of `dims[range]` (1 for an empty range).
    static func product(_ dims: [Int], _ range: Range<Int>) -> Int {
        range.reduce(1) { $0 * dims[$1] }
    }

    /// `shape` extended on the left with 1s to `rank` dimensions (`RuntimeShape::ExtendedShape`).
    static func extended(_ shape: [Int], to rank: Int) -> [Int] {
        Array(repeating: 1, count: max(rank - shape.count, 0)) + shape
    }
}
