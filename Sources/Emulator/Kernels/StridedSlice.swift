import TFLiteFormat

/// STRIDED_SLICE (`strided_slice_common.cc`, `reference/strided_slice.h`): begin, end and strides must be
/// constant; ellipsis, new-axis and offset are ignored (TFLM drops them); the slice is a byte copy.
enum StridedSliceKernel: Kernel {
    static func prepare(_ node: Node, _ graph: inout GraphBuilder) throws(EmulatorError) -> any PreparedOperation {
        guard node.inputCount == 4 else { throw node.fail("has \(node.inputCount) inputs; it needs 4") }
        guard node.outputCount == 1 else { throw node.fail("has \(node.outputCount) outputs; it needs 1") }
        let input = try graph.input(node, 0)
        let output = try graph.output(node, 0)
        let options: StridedSliceOptions
        if case let .stridedSlice(value) = node.options { options = value } else { options = StridedSliceOptions() }
        let dims = graph[input].dims
        guard dims.count <= 4 else { throw node.fail("has a \(dims.count)-dimensional input; at most 4 are supported") }
        var vectors: [[Int32]] = []
        for (position, name) in [(1, "begin"), (2, "end"), (3, "strides")] {
            let id = try graph.input(node, position)
            guard graph[id].isConstant else { throw node.fail("has a non-constant \(name) tensor") }
            guard let values = graph.int32Constant(id) else { throw node.unsupported("has a \(graph[id].type) \(name) tensor; TFLite Micro reads it as int32") }
            guard values.count >= dims.count else {
                throw node.unsupported("has \(values.count) \(name) values for a \(dims.count)-dimensional input (TFLite Micro would read past them)")
            }
            vectors.append(values)
        }
        let params = Parameters(begin: vectors[0].map(Int.init), end: vectors[1].map(Int.init), strides: vectors[2].map(Int.init),
                                beginMask: Int(options.beginMask), endMask: Int(options.endMask),
                                shrinkMask: Int(options.shrinkAxisMask))
        try checkOutputSize(node, params, dims, graph[output].dims)
        let elementSize = graph[input].type.byteSize ?? 1
        guard graph[output].type.byteSize == elementSize else { throw node.unsupported("changes the element type") }
        var plan = CopyPlan(sources: [graph.slot(input)], destination: graph.slot(output))
        let written = params.gather(dims) { from, count, to in
            plan.copy(source: 0, from: from * elementSize, to: to * elementSize, count: count * elementSize)
        }
        guard written == graph[output].elementCount else {
            throw node.unsupported("writes \(written) elements into an output of \(graph[output].elementCount ?? 0)")
        }
        return plan
    }

    /// Prepare's `CheckOutputSize`: every non-shrunk axis of the output has ceil((end − begin) / stride)
    /// elements, computed with `StartForAxis`/`StopForAxis`.
    static func checkOutputSize(_ node: Node, _ p: Parameters, _ input: [Int], _ output: [Int]) throws(EmulatorError) {
        var axisOut = 0
        for axis in 0 ..< input.count {
            let stride = p.strides[axis]
            guard stride != 0 else { throw node.fail("has stride 0 on axis \(axis)") }
            let begin = p.startForAxis(axis, input)
            var end = p.stopForAxis(axis, input, start: begin)
            let shrink = p.shrinkMask & (1 << axis) != 0
            if shrink { end = begin + 1 }
            let size = max(Int((Float(end - begin) / Float(stride)).rounded(.up)), 0)
            if !shrink {
                guard axisOut < output.count else { throw node.fail("has an output of rank \(output.count), too small for the slice") }
                guard output[axisOut] == size else {
                    throw node.fail("has output dimension \(axisOut) = \(output[axisOut]) but the slice gives \(size)")
                }
                axisOut += 1
            }
        }
        guard output.count == axisOut else { throw node.fail("has an output of rank \(output.count); the slice gives \(axisOut)") }
    }

    struct Parameters {
        let begin: [Int]
        let end: [Int]
        let strides: [Int]
        let beginMask: Int
        let endMask: Int
        let shrinkMask: Int

        static func clamp(_ value: Int, _ low: Int, _ high: Int) -> Int { high < value ? high : (value < low ? low : value) }

        /// `strided_slice::StartForAxis` (Prepare's version: mask, then wrap, then clamp).
        func startForAxis(_ axis: Int, _ shape: [Int]) -> Int {
            let size = shape[axis]
            if size == 0 { return 0 }
            var start = begin[axis]
            if beginMask & (1 << axis) != 0 { start = strides[axis] > 0 ? Int(Int32.min) : Int(Int32.max) }
            if start < 0 { start += size }
            return strides[axis] > 0 ? Self.clamp(start, 0, size) : Self.clamp(start, -1, size - 1)
        }

        /// `strided_slice::StopForAxis`.
        func stopForAxis(_ axis: Int, _ shape: [Int], start: Int) -> Int {
            let size = shape[axis]
            if size == 0 { return 0 }
            if shrinkMask & (1 << axis) != 0 { return start + 1 }
            var stop = end[axis]
            if endMask & (1 << axis) != 0 { stop = strides[axis] > 0 ? Int(Int32.max) : Int(Int32.min) }
            if stop < 0 { stop += size }
            return strides[axis] > 0 ? Self.clamp(stop, 0, size) : Self.clamp(stop, -1, size - 1)
        }

        /// The evaluation (`reference_ops::StridedSlice`): pad to 5 dimensions, compute starts and ends with
        /// `StridedSliceStartForAxis`/`EndForAxis` (wrap, clamp, then mask), and walk the nested loops,
        /// calling `emit(inputIndex, count, outputIndex)` for each contiguous run. Returns elements written.
        func gather(_ unextended: [Int], _ emit: (Int, Int, Int) -> Void) -> Int {
            let rank = 5
            let pad = rank - unextended.count
            let shape = Shape.extended(unextended, to: rank)
            var b = Array(repeating: 0, count: pad) + Array(begin.prefix(unextended.count))
            var e = Array(repeating: 1, count: pad) + Array(end.prefix(unextended.count))
            let s = Array(repeating: 1, count: pad) + Array(strides.prefix(unextended.count))
            let beginBits = (beginMask << pad) | ((1 << pad) - 1)
            let endBits = (endMask << pad) | ((1 << pad) - 1)
            let shrinkBits = shrinkMask << pad
            for axis in 0 ..< rank {
                let size = shape[axis]
                var start = b[axis]
                if start < 0 { start += size }
                start = s[axis] > 0 ? Self.clamp(start, 0, size) : Self.clamp(start, -1, size - 1)
                if beginBits & (1 << axis) != 0 { start = s[axis] > 0 ? 0 : size - 1 }
                var stop: Int
                if shrinkBits & (1 << axis) != 0 {
                    stop = start >= size ? start : start + 1
                } else {
                    stop = e[axis]
                    if stop < 0 { stop += size }
                    stop = s[axis] > 0 ? Self.clamp(stop, 0, size) : Self.clamp(stop, -1, size - 1)
                    if endBits & (1 << axis) != 0 { stop = s[axis] > 0 ? size : -1 }
                }
                b[axis] = start
                e[axis] = stop
            }
            func more(_ index: Int, _ axis: Int) -> Bool { s[axis] < 0 ? index > e[axis] : index < e[axis] }
            var written = 0
            var i0 = b[0]
            while more(i0, 0) {
                var i1 = b[1]
                while more(i1, 1) {
                    var i2 = b[2]
                    while more(i2, 2) {
                        var i3 = b[3]
                        while more(i3, 3) {
                            let base = (((i0 * shape[1] + i1) * shape[2] + i2) * shape[3] + i3) * shape[4]
                            if s[4] == 1 {
                                let count = e[4] - b[4]
                                if count > 0 {
                                    emit(base + b[4], count, written)
                                    written += count
                                }
                            } else {
                                var i4 = b[4]
                                while more(i4, 4) {
                                    emit(base + i4, 1, written)
                                    written += 1
                                    i4 += s[4]
                                }
                            }
                            i3 += s[3]
                        }
                        i2 += s[2]
                    }
                    i1 += s[1]
                }
                i0 += s[0]
            }
            return written
        }
    }
}
