// The option tables of the operators micro_wake_word models use (schema.fbs), field for field, with the
// schema's defaults. Field ids are noted where they are read and written (`BuiltinOptions+Reading.swift`,
// `BuiltinOptions+Writing.swift`).

public struct Conv2DOptions: Hashable, Sendable {
    public var padding: Padding = .same
    public var strideW: Int32 = 0
    public var strideH: Int32 = 0
    public var activation: ActivationFunction = .none
    public var dilationW: Int32 = 1
    public var dilationH: Int32 = 1
    public var quantizedBiasType: TensorType = .float32
    public init() {}
}

public struct DepthwiseConv2DOptions: Hashable, Sendable {
    public var padding: Padding = .same
    public var strideW: Int32 = 0
    public var strideH: Int32 = 0
    public var depthMultiplier: Int32 = 0
    public var activation: ActivationFunction = .none
    public var dilationW: Int32 = 1
    public var dilationH: Int32 = 1
    public init() {}
}

public struct Pool2DOptions: Hashable, Sendable {
    public var padding: Padding = .same
    public var strideW: Int32 = 0
    public var strideH: Int32 = 0
    public var filterWidth: Int32 = 0
    public var filterHeight: Int32 = 0
    public var activation: ActivationFunction = .none
    public init() {}
}

public struct FullyConnectedOptions: Hashable, Sendable {
    public var activation: ActivationFunction = .none
    /// 0 = DEFAULT; other formats (shuffled weights) are not supported by TFLite Micro's int8 kernel.
    public var weightsFormat: Int8 = 0
    public var keepNumDims = false
    public var asymmetricQuantizeInputs = false
    public var quantizedBiasType: TensorType = .float32
    public init() {}
}

public struct ConcatenationOptions: Hashable, Sendable {
    public var axis: Int32 = 0
    public var activation: ActivationFunction = .none
    public init() {}
}

public struct AddOptions: Hashable, Sendable {
    public var activation: ActivationFunction = .none
    public var potScaleInt16 = true
    public init() {}
}

public struct MulOptions: Hashable, Sendable {
    public var activation: ActivationFunction = .none
    public init() {}
}

public struct ReshapeOptions: Hashable, Sendable {
    public var newShape: [Int32]?
    public init(newShape: [Int32]? = nil) { self.newShape = newShape }
}

public struct ReducerOptions: Hashable, Sendable {
    public var keepDims = false
    public init(keepDims: Bool = false) { self.keepDims = keepDims }
}

public struct StridedSliceOptions: Hashable, Sendable {
    public var beginMask: Int32 = 0
    public var endMask: Int32 = 0
    public var ellipsisMask: Int32 = 0
    public var newAxisMask: Int32 = 0
    public var shrinkAxisMask: Int32 = 0
    public var offset = false
    public init() {}
}

public struct PackOptions: Hashable, Sendable {
    public var valuesCount: Int32 = 0
    public var axis: Int32 = 0
    public init(valuesCount: Int32 = 0, axis: Int32 = 0) {
        self.valuesCount = valuesCount
        self.axis = axis
    }
}

public struct SplitVOptions: Hashable, Sendable {
    public var numSplits: Int32 = 0
    public init(numSplits: Int32 = 0) { self.numSplits = numSplits }
}

public struct CallOnceOptions: Hashable, Sendable {
    public var initSubgraphIndex: Int32 = 0
    public init(initSubgraphIndex: Int32 = 0) { self.initSubgraphIndex = initSubgraphIndex }
}

public struct VarHandleOptions: Hashable, Sendable {
    public var container: String?
    public var sharedName: String?
    public init(container: String? = nil, sharedName: String? = nil) {
        self.container = container
        self.sharedName = sharedName
    }
}
