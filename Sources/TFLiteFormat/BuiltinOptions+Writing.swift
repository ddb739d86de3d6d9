extension BuiltinOptions {
    /// Writes the options table (nil for `.none` and for union members this code does not decode).
    func write(_ b: inout FlatBufferBuilder) -> FlatBufferBuilder.Offset? {
        switch self {
        case .none, .other: return nil
        case let .conv2D(o):
            b.startTable()
            b.add(6, o.quantizedBiasType.rawValue)
            b.add(5, o.dilationH, default: 1)
            b.add(4, o.dilationW, default: 1)
            b.add(3, o.activation.rawValue)
            b.add(2, o.strideH)
            b.add(1, o.strideW)
            b.add(0, o.padding.rawValue)
        case let .depthwiseConv2D(o):
            b.startTable()
            b.add(6, o.dilationH, default: 1)
            b.add(5, o.dilationW, default: 1)
            b.add(4, o.activation.rawValue)
            b.add(3, o.depthMultiplier)
            b.add(2, o.strideH)
            b.add(1, o.strideW)
            b.add(0, o.padding.rawValue)
        case let .pool2D(o):
            b.startTable()
            b.add(5, o.activation.rawValue)
            b.add(4, o.filterHeight)
            b.add(3, o.filterWidth)
            b.add(2, o.strideH)
            b.add(1, o.strideW)
            b.add(0, o.padding.rawValue)
        case let .fullyConnected(o):
            b.startTable()
            b.add(4, o.quantizedBiasType.rawValue)
            b.add(3, o.asymmetricQuantizeInputs)
            b.add(2, o.keepNumDims)
            b.add(1, o.weightsFormat)
            b.add(0, o.activation.rawValue)
        case let .concatenation(o):
            b.startTable()
            b.add(1, o.activation.rawValue)
            b.add(0, o.axis)
        case let .add(o):
            b.startTable()
            b.add(1, o.potScaleInt16, default: true)
            b.add(0, o.activation.rawValue)
        case let .reshape(o):
            let shape = o.newShape.map { b.vector($0) }
            b.startTable()
            b.add(0, shape)
        case let .mul(o):
            b.startTable()
            b.add(0, o.activation.rawValue)
        case .pad, .quantize, .readVariable, .assignVariable:
            b.startTable()
        case let .reducer(o):
            b.startTable()
            b.add(0, o.keepDims)
        case let .stridedSlice(o):
            b.startTable()
            b.add(5, o.offset)
            b.add(4, o.shrinkAxisMask)
            b.add(3, o.newAxisMask)
            b.add(2, o.ellipsisMask)
            b.add(1, o.endMask)
            b.add(0, o.beginMask)
        case let .pack(o):
            b.startTable()
            b.add(1, o.axis)
            b.add(0, o.valuesCount)
        case let .splitV(o):
            b.startTable()
            b.add(0, o.numSplits)
        case let .callOnce(o):
            b.startTable()
            b.add(0, o.initSubgraphIndex)
        case let .varHandle(o):
            let shared = o.sharedName.map { b.string($0) }
            let container = o.container.map { b.string($0) }
            b.startTable()
            b.add(1, shared)
            b.add(0, container)
        }
        return b.endTable()
    }
}
