/// One subgraph (schema.fbs `SubGraph`): tensors, the operators in execution order, and which tensors are
/// its inputs and outputs. Subgraph 0 is the model; micro_wake_word models add an initialisation subgraph
/// that CALL_ONCE runs.
public struct Subgraph: Hashable, Sendable {
    public var tensors: [Tensor]
    public var inputs: [Int32]
    public var outputs: [Int32]
    public var operators: [Operator]
    public var name: String?

    public init(tensors: [Tensor], inputs: [Int32], outputs: [Int32], operators: [Operator], name: String? = nil) {
        self.tensors = tensors
        self.inputs = inputs
        self.outputs = outputs
        self.operators = operators
        self.name = name
    }
}
