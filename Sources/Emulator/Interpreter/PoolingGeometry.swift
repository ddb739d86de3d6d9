import TFLiteFormat

/// The window geometry and checks shared by AVERAGE_POOL_2D and MAX_POOL_2D (`pooling_common.cc`):
/// input and output quantized alike (scales within 1e−6, equal zero points), implicit padding as for
/// convolutions, and the activation range.
struct PoolingGeometry {
    let input: TensorSlot, output: TensorSlot
    let batches: Int, inputHeight: Int, inputWidth: Int, depth: Int
    let outputHeight: Int, outputWidth: Int
    let strideHeight: Int, strideWidth: Int, filterHeight: Int, filterWidth: Int
    let padHeight: Int, padWidth: Int
    let range: ActivationRange

    init(_ node: Node, _ graph: GraphBuilder) throws(EmulatorError) {
        let options: Pool2DOptions
        if case let .pool2D(value) = node.options { options = value } else { options = Pool2DOptions() }
        let input = try graph.input(node, 0)
        let output = try graph.output(node, 0)
        let inSpec = try graph.int8Tensor(node, input, "input")
        let outSpec = try graph.int8Tensor(node, output, "output")
        guard let i = inSpec.nhwc, let o = outSpec.nhwc else { throw node.unsupported("needs 4-D input and output") }
        guard abs(inSpec.scale - outSpec.scale) <= 1.0e-6, inSpec.zeroPoint == outSpec.zeroPoint else {
            throw node.fail("has input and output quantized differently")
        }
        guard let range = ActivationRange(options.activation, type: outSpec.type, scale: outSpec.scale, zeroPoint: outSpec.zeroPoint) else {
            throw node.fail("cannot compute the \(options.activation) range of its output")
        }
        guard i.n == o.n, i.c == o.c else { throw node.unsupported("has input \(inSpec.dims) and output \(outSpec.dims) that do not fit together") }
        let padding = ConvolutionPadding(padding: options.padding, strideHeight: Int(options.strideH), strideWidth: Int(options.strideW),
                                         dilationHeight: 1, dilationWidth: 1, inputHeight: i.h, inputWidth: i.w,
                                         filterHeight: Int(options.filterHeight), filterWidth: Int(options.filterWidth))
        self.input = graph.slot(input)
        self.output = graph.slot(output)
        batches = i.n
        inputHeight = i.h
        inputWidth = i.w
        depth = i.c
        outputHeight = o.h
        outputWidth = o.w
        strideHeight = Int(options.strideH)
        strideWidth = Int(options.strideW)
        filterHeight = Int(options.filterHeight)
        filterWidth = Int(options.filterWidth)
        padHeight = padding.height
        padWidth = padding.width
        self.range = range
    }

    /// The in-image window of output (y, x): rows and columns of the input, clipped to the image.
    @inline(__always)
    func window(_ outY: Int, _ outX: Int) -> (rows: Range<Int>, columns: Range<Int>) {
        (Self.clip(outY * strideHeight - padHeight, filterHeight, inputHeight),
         Self.clip(outX * strideWidth - padWidth, filterWidth, inputWidth))
    }

    /// Taps `max(0, −origin) ..< min(filter, size − origin)`, as input positions (empty when none).
    private static func clip(_ origin: Int, _ filter: Int, _ size: Int) -> Range<Int> {
        let start = max(0, -origin), end = min(filter, size - origin)
        return end > start ? (origin + start) ..< (origin + end) : origin ..< origin
    }
}
