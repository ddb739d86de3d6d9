/// Numpy-style broadcasting of two inputs to an output shape (`BroadcastBinaryOpSimple`, up to 6
/// dimensions): for each output element, the flat index of the matching element of each input. Shapes are
/// aligned on the right; an input dimension must equal the output's or be 1, and the output must be the
/// broadcast shape of the two (TFLM computes other combinations from mismatched strides).
struct BroadcastIndices {
    let first: [Int32]
    let second: [Int32]
    /// True when both inputs have the output's element count and no index arrays are needed.
    let elementwise: Bool

    init?(_ a: [Int], _ b: [Int], output: [Int]) {
        let rank = max(a.count, b.count, output.count)
        guard rank <= 6 else { return nil }
        let outShape = Shape.extended(output, to: rank)
        let aShape = Shape.extended(a, to: rank), bShape = Shape.extended(b, to: rank)
        for axis in 0 ..< rank {
            guard aShape[axis] == outShape[axis] || aShape[axis] == 1,
                  bShape[axis] == outShape[axis] || bShape[axis] == 1,
                  outShape[axis] == max(aShape[axis], bShape[axis]) || aShape[axis] == 0 || bShape[axis] == 0
            else { return nil }
        }
        if aShape == outShape, bShape == outShape {
            first = []
            second = []
            elementwise = true
            return
        }
        let total = outShape.reduce(1, *)
        func strides(_ shape: [Int]) -> [Int] {
            var result = Array(repeating: 0, count: rank)
            var step = 1
            for axis in (0 ..< rank).reversed() {
                result[axis] = shape[axis] == 1 ? 0 : step
                step *= shape[axis]
            }
            return result
        }
        let aStrides = strides(aShape), bStrides = strides(bShape)
        var firstIndices: [Int32] = [], secondIndices: [Int32] = []
        firstIndices.reserveCapacity(total)
        secondIndices.reserveCapacity(total)
        var index = Array(repeating: 0, count: rank)
        for _ in 0 ..< total {
            var ai = 0, bi = 0
            for axis in 0 ..< rank {
                ai += index[axis] * aStrides[axis]
                bi += index[axis] * bStrides[axis]
            }
            firstIndices.append(Int32(ai))
            secondIndices.append(Int32(bi))
            var axis = rank - 1
            while axis >= 0 {
                index[axis] += 1
                if index[axis] < outShape[axis] { break }
                index[axis] = 0
                axis -= 1
            }
        }
        first = firstIndices
        second = secondIndices
        elementwise = false
    }
}
