/// Unaligned 8-wide loads and stores for the hand-written loops (see notes/swift_linux.md §2: build vectors
/// from pointers, never from array slices).
typealias Float8 = SIMD8<Float>

extension UnsafeMutablePointer where Pointee == Float {
    @inline(__always) func load8(_ offset: Int) -> Float8 {
        UnsafeRawPointer(self + offset).loadUnaligned(as: Float8.self)
    }

    @inline(__always) func store8(_ value: Float8, _ offset: Int) {
        UnsafeMutableRawPointer(self + offset).storeBytes(of: value, as: Float8.self)
    }
}

extension UnsafePointer where Pointee == Float {
    @inline(__always) func load8(_ offset: Int) -> Float8 {
        UnsafeRawPointer(self + offset).loadUnaligned(as: Float8.self)
    }
}

/// Elementwise helpers over raw float arrays, 8 lanes at a time with a scalar tail.
enum VectorKernels {
    /// `target[i] += source[i]`.
    @inline(__always)
    static func add(_ source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>, count: Int) {
        var i = 0
        while i + 8 <= count {
            target.store8(target.load8(i) + source.load8(i), i)
            i += 8
        }
        while i < count {
            target[i] += source[i]
            i += 1
        }
    }

    /// `target[i] = max(source[i], 0)`.
    @inline(__always)
    static func relu(_ source: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>, count: Int) {
        let zero = Float8(repeating: 0)
        var i = 0
        while i + 8 <= count {
            target.store8(source.load8(i).replacing(with: zero, where: source.load8(i) .< zero), i)
            i += 8
        }
        while i < count {
            target[i] = max(source[i], 0)
            i += 1
        }
    }

    /// `target[i] = output[i] > 0 ? gradient[i] : 0` (the ReLU derivative taken from the ReLU's output).
    @inline(__always)
    static func reluBackward(
        output: UnsafePointer<Float>, gradient: UnsafePointer<Float>, into target: UnsafeMutablePointer<Float>,
        count: Int
    ) {
        let zero = Float8(repeating: 0)
        var i = 0
        while i + 8 <= count {
            target.store8(gradient.load8(i).replacing(with: zero, where: output.load8(i) .<= zero), i)
            i += 8
        }
        while i < count {
            target[i] = output[i] > 0 ? gradient[i] : 0
            i += 1
        }
    }
}

/// Per-chunk partial sums of a gradient (or of any per-channel statistic), added in chunk order so the
/// total does not depend on which thread finished first.
final class ChunkPartials: @unchecked Sendable {
    private let storage = Tensor(count: 0)
    private(set) var size = 0
    private(set) var chunks = 0

    /// Room for `chunks` partials of `size` floats (contents unspecified).
    func prepare(chunks: Int, size: Int) {
        self.chunks = chunks
        self.size = size
        storage.resize(chunks * size)
    }

    /// The partial of chunk `index`.
    @inline(__always) func partial(_ index: Int) -> UnsafeMutablePointer<Float> { storage.pointer + index * size }

    /// `target = Σ partials` in chunk order.
    func sum(into target: UnsafeMutablePointer<Float>) {
        guard chunks > 0 else {
            target.update(repeating: 0, count: size)
            return
        }
        target.update(from: partial(0), count: size)
        for index in 1 ..< chunks { VectorKernels.add(partial(index), into: target, count: size) }
    }
}
