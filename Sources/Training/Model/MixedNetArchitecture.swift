import Support

/// The shape of a MixedNet, with the configuration's keys and defaults (the `model:` section; the
/// okay_nabu-style default has 25 345 parameters):
///
///     features [T, 40]
///     → first conv: kernel k, stride s, 40 → F filters, no bias, ReLU                 (skipped when F = 0)
///     → per block, per repeat: MixConv (channel groups, one depthwise kernel each, with bias)
///         → pointwise C → filters (no bias) → batch norm (→ + residual on the last repeat) → ReLU
///     → head: the last `headFrames` frames → one logit → sigmoid
///
/// The JSON form (`json`, `init(json:)`) uses the configuration's key names and is stored in weight files.
public struct MixedNetArchitecture: Sendable, Equatable {
    /// One block of the configuration: its filters, repeats, MixConv kernels and residual option.
    public struct Block: Sendable, Equatable {
        public var filters: Int
        public var repeats: Int
        public var kernelSizes: [Int]
        public var residual: Bool

        public init(filters: Int, repeats: Int = 1, kernelSizes: [Int], residual: Bool = false) {
            self.filters = filters
            self.repeats = repeats
            self.kernelSizes = kernelSizes
            self.residual = residual
        }
    }

    /// Feature frames per streaming inference (and the first convolution's stride).
    public var stride: Int
    /// Filters of the first convolution; 0 leaves it out.
    public var firstConvFilters: Int
    /// Time kernel of the first convolution.
    public var firstConvKernelSize: Int
    public var blocks: [Block]
    /// Frames of the last block that the head sees.
    public var headFrames: Int
    /// Reference option: average the head frames, then a dense layer.
    public var pooled: Bool
    /// Reference option (not streamable, not supported here: `validate` refuses it).
    public var spatialAttention: Bool
    /// Batch-norm moving-average momentum.
    public var batchNormMomentum: Float

    /// Spectrogram channels the model reads (the frontend's filterbank).
    public static let featureChannels = 40

    public init(stride: Int = 3, firstConvFilters: Int = 32, firstConvKernelSize: Int = 5,
                blocks: [Block] = MixedNetArchitecture.okayNabuBlocks, headFrames: Int = 6, pooled: Bool = false,
                spatialAttention: Bool = false, batchNormMomentum: Float = 0.997)
    {
        self.stride = stride
        self.firstConvFilters = firstConvFilters
        self.firstConvKernelSize = firstConvKernelSize
        self.blocks = blocks
        self.headFrames = headFrames
        self.pooled = pooled
        self.spatialAttention = spatialAttention
        self.batchNormMomentum = batchNormMomentum
    }

    /// Four blocks of 64 pointwise filters with kernels [5], [7, 11], [9, 15], [23], no residuals.
    public static let okayNabuBlocks: [Block] = [
        Block(filters: 64, kernelSizes: [5]), Block(filters: 64, kernelSizes: [7, 11]),
        Block(filters: 64, kernelSizes: [9, 15]), Block(filters: 64, kernelSizes: [23]),
    ]

    /// The default model (SPEC §4's okay_nabu shape).
    public static let `default` = MixedNetArchitecture()

    /// MixConv kernel sizes per depthwise layer, repeats unrolled.
    public var unrolledKernels: [[Int]] { blocks.flatMap { block in Array(repeating: block.kernelSizes, count: block.repeats) } }

    /// Input frames a streaming first convolution keeps between calls.
    public var firstConvBuffer: Int { firstConvFilters == 0 ? 0 : max(firstConvKernelSize - stride, 0) }

    /// Frames after the first convolution needed for one output.
    public var positionsNeeded: Int { headFrames + unrolledKernels.reduce(0) { $0 + ($1.max() ?? 1) - 1 } }

    /// Input frames that give exactly one output with valid padding: the training window.
    public var receptiveField: Int {
        firstConvFilters == 0 ? positionsNeeded : (positionsNeeded - 1) * stride + firstConvKernelSize
    }

    /// Outputs for `frames` input frames.
    public func outputLength(frames: Int, padding: Padding) -> Int {
        switch padding {
        case .causal:
            return firstConvFilters > 0 ? frames / stride : frames
        case .valid:
            guard frames >= receptiveField else { return 0 }
            let first = firstConvFilters > 0 ? (frames - firstConvKernelSize) / stride + 1 : frames
            return first - positionsNeeded + 1
        }
    }

    /// Resource variables a streaming export needs: one per temporal layer with memory.
    public var streamingStateCount: Int {
        (firstConvBuffer > 0 ? 1 : 0) + unrolledKernels.filter { ($0.max() ?? 1) > 1 }.count + (headFrames > 1 ? 1 : 0)
    }

    /// Checks the shape can be built and trained here; the message names the setting and a valid value.
    public func validate() throws(Failure) {
        func fail(_ message: String, _ hint: String) throws(Failure) { throw Failure(message, hint: hint) }
        if stride < 1 { try fail("model.stride is \(stride)", "use a stride of at least 1 (the default is 3)") }
        if firstConvFilters < 0 { try fail("model.first_conv_filters is \(firstConvFilters)", "use 0 (no first convolution) or more") }
        if firstConvFilters > 0, firstConvKernelSize < 1 {
            try fail("model.first_conv_kernel_size is \(firstConvKernelSize)", "use a kernel of at least 1 (the default is 5)")
        }
        if blocks.isEmpty { try fail("the model has no blocks", "give model.pointwise_filters at least one entry") }
        for (index, block) in blocks.enumerated() {
            if block.filters < 1 { try fail("block \(index) has \(block.filters) pointwise filters", "use at least 1") }
            if block.repeats < 1 { try fail("block \(index) repeats \(block.repeats) times", "use repeat_in_block of at least 1") }
            if block.kernelSizes.isEmpty || block.kernelSizes.contains(where: { $0 < 1 }) {
                try fail("block \(index) has MixConv kernels \(block.kernelSizes)", "give one or more kernel sizes of at least 1")
            }
        }
        let inputChannels = firstConvFilters > 0 ? firstConvFilters : Self.featureChannels
        var channels = inputChannels
        for (index, block) in blocks.enumerated() {
            if block.kernelSizes.count > channels {
                try fail("block \(index) splits \(channels) channels into \(block.kernelSizes.count) kernel groups",
                         "use at most \(channels) kernel sizes in that block")
            }
            channels = block.filters
        }
        if headFrames < 1 { try fail("model.head_frames is \(headFrames)", "use at least 1 (the default is 6)") }
        if spatialAttention {
            try fail("model.spatial_attention is not supported by the Swift trainer (it cannot stream on a device)",
                     "set model.spatial_attention: false")
        }
        if !(batchNormMomentum >= 0 && batchNormMomentum < 1) {
            try fail("model.bn_momentum is \(batchNormMomentum)", "use a value in [0, 1) (the default is 0.997)")
        }
    }
}

/// How temporal layers treat the start of a sequence.
public enum Padding: String, Sendable {
    /// No padding: one output per `receptiveField` frames (training windows).
    case valid
    /// Zeros before the first frame of every temporal layer's input: output n equals the n-th streaming
    /// inference from zeroed ring buffers.
    case causal
}
