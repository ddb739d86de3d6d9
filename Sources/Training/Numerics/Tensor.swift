/// A flat `Float` array in 64-byte-aligned storage that one owner (a layer, a parameter, the optimizer)
/// keeps for the whole run: activations, gradients and weights are written in place through `pointer`,
/// never copied on assignment. Growing keeps nothing (`resize`); the owner refills it.
///
/// A `final class` because it owns unmanaged memory; it is `@unchecked Sendable` because the hot loops hand
/// disjoint slices of it to worker threads (each chunk writes only its own rows, see `ChunkedParallel`).
public final class Tensor: @unchecked Sendable {
    /// Number of valid elements.
    public private(set) var count: Int
    /// The storage (at least `count` floats, 64-byte aligned).
    public private(set) var pointer: UnsafeMutablePointer<Float>
    private var capacity: Int

    /// `count` zeros.
    public init(count: Int) {
        self.count = count
        capacity = max(count, 1)
        pointer = Tensor.allocate(capacity)
        pointer.initialize(repeating: 0, count: capacity)
    }

    /// A copy of `values`.
    public convenience init(_ values: [Float]) {
        self.init(count: values.count)
        values.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { pointer.update(from: base, count: values.count) }
        }
    }

    deinit {
        pointer.deallocate()
    }

    private static func allocate(_ capacity: Int) -> UnsafeMutablePointer<Float> {
        UnsafeMutableRawPointer.allocate(byteCount: capacity * MemoryLayout<Float>.stride, alignment: 64)
            .bindMemory(to: Float.self, capacity: capacity)
    }

    /// Makes room for `count` elements. The contents are unspecified afterwards (zero when newly allocated).
    public func resize(_ count: Int) {
        if count > capacity {
            pointer.deallocate()
            capacity = count
            pointer = Tensor.allocate(capacity)
            pointer.initialize(repeating: 0, count: capacity)
        }
        self.count = count
    }

    /// The valid elements as a buffer.
    public var buffer: UnsafeMutableBufferPointer<Float> { UnsafeMutableBufferPointer(start: pointer, count: count) }

    /// Sets every element to zero.
    public func zero() { pointer.update(repeating: 0, count: count) }

    /// The elements as an array (tests, files).
    public var array: [Float] { Array(buffer) }

    /// Overwrites the elements with `values` (which must have `count` elements).
    public func assign(_ values: [Float]) {
        precondition(values.count == count, "assigning \(values.count) values to a tensor of \(count)")
        values.withUnsafeBufferPointer { source in
            if let base = source.baseAddress { pointer.update(from: base, count: count) }
        }
    }

    /// Overwrites the elements with those of `other` (same count).
    public func assign(_ other: Tensor) {
        precondition(other.count == count, "assigning a tensor of \(other.count) to one of \(count)")
        pointer.update(from: other.pointer, count: count)
    }

    public subscript(index: Int) -> Float {
        get { pointer[index] }
        set { pointer[index] = newValue }
    }
}
