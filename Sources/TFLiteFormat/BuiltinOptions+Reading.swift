extension BuiltinOptions {
    /// Decodes the options table of union type `type`. A type whose table is missing reads as `.none`, which
    /// is what TFLite Micro sees too (its parsers then leave every parameter zero).
    init(type: UInt8, table: FlatTable?) throws(TFLiteFormatError) {
        guard let t = table else {
            self = .none
            return
        }
        switch type {
        case TypeCode.conv2D:
            var o = Conv2DOptions()
            o.padding = Padding(rawValue: try t.int8(0))
            o.strideW = try t.int32(1)
            o.strideH = try t.int32(2)
            o.activation = ActivationFunction(rawValue: try t.int8(3))
            o.dilationW = try t.int32(4, default: 1)
            o.dilationH = try t.int32(5, default: 1)
            o.quantizedBiasType = TensorType(rawValue: try t.int8(6))
            self = .conv2D(o)
        case TypeCode.depthwiseConv2D:
            var o = DepthwiseConv2DOptions()
            o.padding = Padding(rawValue: try t.int8(0))
            o.strideW = try t.int32(1)
            o.strideH = try t.int32(2)
            o.depthMultiplier = try t.int32(3)
            o.activation = ActivationFunction(rawValue: try t.int8(4))
            o.dilationW = try t.int32(5, default: 1)
            o.dilationH = try t.int32(6, default: 1)
            self = .depthwiseConv2D(o)
        case TypeCode.pool2D:
            var o = Pool2DOptions()
            o.padding = Padding(rawValue: try t.int8(0))
            o.strideW = try t.int32(1)
            o.strideH = try t.int32(2)
            o.filterWidth = try t.int32(3)
            o.filterHeight = try t.int32(4)
            o.activation = ActivationFunction(rawValue: try t.int8(5))
            self = .pool2D(o)
        case TypeCode.fullyConnected:
            var o = FullyConnectedOptions()
            o.activation = ActivationFunction(rawValue: try t.int8(0))
            o.weightsFormat = try t.int8(1)
            o.keepNumDims = try t.bool(2)
            o.asymmetricQuantizeInputs = try t.bool(3)
            o.quantizedBiasType = TensorType(rawValue: try t.int8(4))
            self = .fullyConnected(o)
        case TypeCode.concatenation:
            var o = ConcatenationOptions()
            o.axis = try t.int32(0)
            o.activation = ActivationFunction(rawValue: try t.int8(1))
            self = .concatenation(o)
        case TypeCode.add:
            var o = AddOptions()
            o.activation = ActivationFunction(rawValue: try t.int8(0))
            o.potScaleInt16 = try t.bool(1, default: true)
            self = .add(o)
        case TypeCode.reshape:
            self = .reshape(ReshapeOptions(newShape: try t.int32Array(0, "reshape new shape")))
        case TypeCode.mul:
            var o = MulOptions()
            o.activation = ActivationFunction(rawValue: try t.int8(0))
            self = .mul(o)
        case TypeCode.pad: self = .pad
        case TypeCode.reducer: self = .reducer(ReducerOptions(keepDims: try t.bool(0)))
        case TypeCode.stridedSlice:
            var o = StridedSliceOptions()
            o.beginMask = try t.int32(0)
            o.endMask = try t.int32(1)
            o.ellipsisMask = try t.int32(2)
            o.newAxisMask = try t.int32(3)
            o.shrinkAxisMask = try t.int32(4)
            o.offset = try t.bool(5)
            self = .stridedSlice(o)
        case TypeCode.pack: self = .pack(PackOptions(valuesCount: try t.int32(0), axis: try t.int32(1)))
        case TypeCode.splitV: self = .splitV(SplitVOptions(numSplits: try t.int32(0)))
        case TypeCode.quantize: self = .quantize
        case TypeCode.callOnce: self = .callOnce(CallOnceOptions(initSubgraphIndex: try t.int32(0)))
        case TypeCode.varHandle:
            self = .varHandle(VarHandleOptions(container: try t.string(0, "variable container"),
                                               sharedName: try t.string(1, "variable shared name")))
        case TypeCode.readVariable: self = .readVariable
        case TypeCode.assignVariable: self = .assignVariable
        default: self = .other(type: type)
        }
    }
}
