/// TFLite Micro's `GreedyMemoryPlanner`: buffers sorted by size (largest first, stable, starting from the
/// reverse of the order they were added), each placed at the lowest offset where it does not overlap in
/// time with any buffer already placed. Returns the plan size (the head of the arena).
enum GreedyMemoryPlanner {
    /// Bytes of planner workspace per buffer (`per_buffer_size()`).
    static let workspacePerBuffer = 40

    struct Buffer {
        let size: Int
        let first: Int
        let last: Int
    }

    static func planSize(_ buffers: [Buffer]) -> Int {
        guard !buffers.isEmpty else { return 0 }
        // Added from the tail of the sort arrays: the initial order is the reverse of insertion.
        var ids = Array(buffers.indices.reversed())
        var sizes = ids.map { buffers[$0].size }
        var swapped = true
        while swapped { // ReverseSortInPlace: a stable bubble sort, descending
            swapped = false
            for index in 1 ..< ids.count where sizes[index - 1] < sizes[index] {
                sizes.swapAt(index - 1, index)
                ids.swapAt(index - 1, index)
                swapped = true
            }
        }
        var offsets = [Int](repeating: 0, count: buffers.count)
        var placed: [(offset: Int, id: Int)] = [(0, ids[0])] // sorted by offset
        for id in ids.dropFirst() {
            let wanted = buffers[id]
            var candidate = 0
            for entry in placed {
                let other = buffers[entry.id]
                if other.first > wanted.last || wanted.first > other.last { continue }
                if entry.offset - candidate >= wanted.size { break }
                candidate = max(candidate, entry.offset + other.size)
            }
            offsets[id] = candidate
            let position = placed.firstIndex { $0.offset > candidate } ?? placed.count
            placed.insert((candidate, id), at: position)
        }
        return buffers.indices.map { offsets[$0] + buffers[$0].size }.max() ?? 0
    }
}
