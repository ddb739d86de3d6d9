/// One operator of a subgraph (schema.fbs `Operator`): which operator code it runs, its input and output
/// tensor indices (−1 = an absent optional input), and its options.
public struct Operator: Hashable, Sendable {
    public var opcodeIndex: UInt32
    public var inputs: [Int32]
    public var outputs: [Int32]
    public var options: BuiltinOptions
    public var customOptions: [UInt8]?
    public var mutatingVariableInputs: [Bool]?
    public var intermediates: [Int32]?

    public init(opcodeIndex: UInt32, inputs: [Int32], outputs: [Int32], options: BuiltinOptions = .none,
                customOptions: [UInt8]? = nil, mutatingVariableInputs: [Bool]? = nil, intermediates: [Int32]? = nil)
    {
        self.opcodeIndex = opcodeIndex
        self.inputs = inputs
        self.outputs = outputs
        self.options = options
        self.customOptions = customOptions
        self.mutatingVariableInputs = mutatingVariableInputs
        self.intermediates = intermediates
    }
}
