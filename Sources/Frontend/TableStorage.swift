/// Memory for the constant tables of one frontend configuration, freed with it. The per-frame code reads
/// the tables through plain pointers: no reference counting, no bounds checks, no closures per frame.
///
/// A `final class` because it owns allocations. Tables are written once while a `FrontendPipeline` is
/// built and only read afterwards, which makes sharing it between threads safe.
final class TableStorage: @unchecked Sendable {
    private var allocations: [UnsafeMutableRawPointer] = []

    /// A copy of `values` that lives as long as this storage.
    func store<T: BitwiseCopyable>(_ values: [T]) -> UnsafePointer<T> {
        let pointer = UnsafeMutablePointer<T>.allocate(capacity: max(1, values.count))
        values.withUnsafeBufferPointer { buffer in
            if let base = buffer.baseAddress { pointer.initialize(from: base, count: buffer.count) }
        }
        allocations.append(UnsafeMutableRawPointer(pointer))
        return UnsafePointer(pointer)
    }

    deinit {
        for allocation in allocations { allocation.deallocate() }
    }
}
