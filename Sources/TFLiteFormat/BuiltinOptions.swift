/// An operator's options (schema.fbs `union BuiltinOptions`): the tables of the operators micro_wake_word
/// models use, the empty tables some operators carry, and any other union member kept as its type number.
public enum BuiltinOptions: Hashable, Sendable {
    case none
    case conv2D(Conv2DOptions)
    case depthwiseConv2D(DepthwiseConv2DOptions)
    case pool2D(Pool2DOptions)
    case fullyConnected(FullyConnectedOptions)
    case concatenation(ConcatenationOptions)
    case add(AddOptions)
    case reshape(ReshapeOptions)
    case mul(MulOptions)
    case pad
    case reducer(ReducerOptions)
    case stridedSlice(StridedSliceOptions)
    case pack(PackOptions)
    case splitV(SplitVOptions)
    case quantize
    case callOnce(CallOnceOptions)
    case varHandle(VarHandleOptions)
    case readVariable
    case assignVariable
    /// A union member this reader does not decode (its table is skipped).
    case other(type: UInt8)

    /// The union's type numbers (schema.fbs `union BuiltinOptions`, NONE = 0).
    enum TypeCode {
        static let conv2D: UInt8 = 1
        static let depthwiseConv2D: UInt8 = 2
        static let pool2D: UInt8 = 5
        static let fullyConnected: UInt8 = 8
        static let concatenation: UInt8 = 10
        static let add: UInt8 = 11
        static let reshape: UInt8 = 17
        static let mul: UInt8 = 21
        static let pad: UInt8 = 22
        static let reducer: UInt8 = 27
        static let stridedSlice: UInt8 = 32
        static let pack: UInt8 = 59
        static let splitV: UInt8 = 79
        static let quantize: UInt8 = 89
        static let callOnce: UInt8 = 103
        static let varHandle: UInt8 = 111
        static let readVariable: UInt8 = 112
        static let assignVariable: UInt8 = 113
    }

    /// The union type number of these options.
    public var typeCode: UInt8 {
        switch self {
        case .none: 0
        case .conv2D: TypeCode.conv2D
        case .depthwiseConv2D: TypeCode.depthwiseConv2D
        case .pool2D: TypeCode.pool2D
        case .fullyConnected: TypeCode.fullyConnected
        case .concatenation: TypeCode.concatenation
        case .add: TypeCode.add
        case .reshape: TypeCode.reshape
        case .mul: TypeCode.mul
        case .pad: TypeCode.pad
        case .reducer: TypeCode.reducer
        case .stridedSlice: TypeCode.stridedSlice
        case .pack: TypeCode.pack
        case .splitV: TypeCode.splitV
        case .quantize: TypeCode.quantize
        case .callOnce: TypeCode.callOnce
        case .varHandle: TypeCode.varHandle
        case .readVariable: TypeCode.readVariable
        case .assignVariable: TypeCode.assignVariable
        case let .other(type): type
        }
    }
}
