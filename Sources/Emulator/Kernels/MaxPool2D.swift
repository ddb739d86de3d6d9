import TFLiteFormat

/// MAX_POOL_2D, int8: the largest raw value in the in-image window (−128 when empty), clamped.
enum MaxPool2DKernel: Kernel {
    static func prepare(_ node: Node, _ graph: inout GraphBuilder) throws(EmulatorError) -> any PreparedOperation {
        MaxPool(geometry: try PoolingGeometry(node, graph))
    }

    struct MaxPool: PreparedOperation {
        let geometry: PoolingGeometry

        func invoke(_ runtime: Runtime) {
            let g = geometry
            let x = runtime.int8(g.input), y = runtime.int8(g.output)
            let low = Int8(clamping: g.range.minimum), high = Int8(clamping: g.range.maximum)
            for batch in 0 ..< g.batches {
                for outY in 0 ..< g.outputHeight {
                    for outX in 0 ..< g.outputWidth {
                        let window = g.window(outY, outX)
                        for channel in 0 ..< g.depth {
                            var largest = Int8.min
                            for inY in window.rows {
                                for inX in window.columns {
                                    largest = max(largest, x[((batch * g.inputHeight + inY) * g.inputWidth + inX) * g.depth + channel])
                                }
                            }
                            y[((batch * g.outputHeight + outY) * g.outputWidth + outX) * g.depth + channel] = min(max(largest, low), high)
                        }
                    }
                }
            }
        }
    }
}
