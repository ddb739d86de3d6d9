import TFLiteFormat

/// AVERAGE_POOL_2D, int8 (`reference/integer_ops/pooling.h`): the rounded mean (half away from zero) of
/// the raw values in the in-image window, clamped.
enum AveragePool2DKernel: Kernel {
    static func prepare(_ node: Node, _ graph: inout GraphBuilder) throws(EmulatorError) -> any PreparedOperation {
        let geometry = try PoolingGeometry(node, graph)
        for outY in 0 ..< geometry.outputHeight {
            for outX in 0 ..< geometry.outputWidth {
                let window = geometry.window(outY, outX)
                if window.rows.isEmpty || window.columns.isEmpty {
                    throw node.unsupported("has output (\(outY), \(outX)) whose window lies outside the input (TFLite Micro stops part-way)")
                }
            }
        }
        return AveragePool(geometry: geometry)
    }

    struct AveragePool: PreparedOperation {
        let geometry: PoolingGeometry

        func invoke(_ runtime: Runtime) {
            let g = geometry
            let x = runtime.int8(g.input), y = runtime.int8(g.output)
            for batch in 0 ..< g.batches {
                for outY in 0 ..< g.outputHeight {
                    for outX in 0 ..< g.outputWidth {
                        let window = g.window(outY, outX)
                        let count = Int32(window.rows.count * window.columns.count)
                        for channel in 0 ..< g.depth {
                            var acc: Int32 = 0
                            for inY in window.rows {
                                for inX in window.columns {
                                    acc &+= Int32(x[((batch * g.inputHeight + inY) * g.inputWidth + inX) * g.depth + channel])
                                }
                            }
                            acc = acc > 0 ? (acc + count / 2) / count : (acc - count / 2) / count
                            y[((batch * g.outputHeight + outY) * g.outputWidth + outX) * g.depth + channel] =
                                Int8(truncatingIfNeeded: g.range.clamp(acc))
                        }
                    }
                }
            }
        }
    }
}
