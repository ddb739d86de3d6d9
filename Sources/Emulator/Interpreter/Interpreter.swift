import ESPHome
import TFLiteFormat

/// The int8 TFLite Micro interpreter, emulated: prepares a model as `MicroInterpreter::AllocateTensors`
/// does (same checks, same quantization parameters) and runs subgraph 0 bit for bit like TFLM's reference
/// kernels. State (resource variables, CALL_ONCE) persists across `invoke()` calls until `reset()`.
///
/// A `final class` because it owns the model's run-time memory (`Runtime`) and mutates it on every call.
public final class Interpreter {
    public let model: TFLiteModel
    /// Subgraph 0's inputs and outputs.
    public let inputs: [TensorDescription]
    public let outputs: [TensorDescription]
    /// Distinct resource variables the model creates (VAR_HANDLE shared names).
    public let resourceVariableCount: Int

    private let runtime: Runtime
    private let inputSlots: [TensorSlot]
    private let outputSlots: [TensorSlot]
    private let variableTensors: [(slot: TensorSlot, bytes: Int, value: Int8)]

    /// Prepares `model`. `maxResourceVariables` is the capacity of the MicroResourceVariables the firmware
    /// creates (ESPHome: 20); a model creating more fails as it does on the device.
    public init(model: TFLiteModel, maxResourceVariables: Int = DeviceLimits.maxResourceVariables) throws(EmulatorError) {
        self.model = model
        try ModelValidation.check(model)
        var graph = GraphBuilder(model: model, maxVariables: maxResourceVariables)
        var prepared: [[any PreparedOperation]] = []
        for (subgraphIndex, subgraph) in model.subgraphs.enumerated() {
            var operations: [any PreparedOperation] = []
            for (index, definition) in subgraph.operators.enumerated() {
                guard let op = model.builtinOperator(of: definition) else {
                    throw .malformedModel("operator \(index) of subgraph \(subgraphIndex) names operator code \(definition.opcodeIndex), but the model has \(model.operatorCodes.count)")
                }
                guard let kernel = KernelRegistry.kernels[op] else {
                    throw .unsupportedOperator(op, subgraph: subgraphIndex, index: index)
                }
                let node = Node(op: op, subgraph: subgraphIndex, index: index, definition: definition)
                operations.append(try kernel.prepare(node, &graph))
                try DynamicTensorCheck.check(node, graph)
            }
            prepared.append(operations)
        }
        try CallOnceGraph.checkAcyclic(model)
        for access in graph.variableAccesses {
            let size = graph.variables[access.variable].byteCount
            if let size, size != access.bytes {
                throw access.node.unsupported("copies \(access.bytes) bytes to or from a resource variable of \(size) bytes (TFLite Micro would copy \(size) and overrun the tensor)")
            }
        }
        let memory = try MemoryLayout(graph)
        runtime = memory.runtime
        runtime.subgraphs = prepared
        runtime.callOnceDone = Array(repeating: false, count: graph.callOnceCount)
        variableTensors = memory.variableTensors
        resourceVariableCount = graph.variables.count

        let main = model.subgraphs.first
        inputSlots = (main?.inputs ?? []).map { graph.slot(TensorID(subgraph: 0, index: Int($0))) }
        outputSlots = (main?.outputs ?? []).map { graph.slot(TensorID(subgraph: 0, index: Int($0))) }
        inputs = (main?.inputs ?? []).map { TensorDescription(graph[TensorID(subgraph: 0, index: Int($0))]) }
        outputs = (main?.outputs ?? []).map { TensorDescription(graph[TensorID(subgraph: 0, index: Int($0))]) }
        reset()
    }

    /// Back to the state of a freshly loaded model: resource variables at their defaults, CALL_ONCE armed
    /// again (TFLM's own `Reset()` does not re-arm CALL_ONCE; a device reloading the model does).
    public func reset() {
        runtime.reset()
        for variable in variableTensors {
            runtime.raw(variable.slot).initializeMemory(as: Int8.self, repeating: variable.value, count: variable.bytes)
        }
    }

    /// Copies `bytes` into input `index` (exactly the tensor's size).
    public func setInput(_ index: Int, bytes: UnsafeRawBufferPointer) throws(EmulatorError) {
        guard index < inputs.count else { throw .invalidInput("the model has \(inputs.count) inputs, not \(index + 1)") }
        guard bytes.count == inputs[index].byteCount else {
            throw .invalidInput("input \(index) takes \(inputs[index].byteCount) bytes, not \(bytes.count)")
        }
        if let base = bytes.baseAddress {
            runtime.raw(inputSlots[index]).copyMemory(from: base, byteCount: bytes.count)
        }
    }

    /// Copies int8 `values` into input `index`.
    public func setInput(_ index: Int, int8 values: [Int8]) throws(EmulatorError) {
        let result: Result<Void, EmulatorError> = values.withUnsafeBytes { bytes in
            Result { () throws(EmulatorError) in try setInput(index, bytes: bytes) }
        }
        try result.get()
    }

    /// The input tensor's memory, for writing rows in place (the device's stride grouping).
    public func inputBuffer(_ index: Int) -> UnsafeMutableRawBufferPointer {
        UnsafeMutableRawBufferPointer(start: runtime.raw(inputSlots[index]), count: inputs[index].byteCount)
    }

    /// Runs subgraph 0 once.
    public func invoke() {
        runtime.invokeSubgraph(0)
    }

    /// The bytes of output `index` after the last `invoke()`.
    public func output(_ index: Int) -> [UInt8] {
        let pointer = runtime.raw(outputSlots[index]).assumingMemoryBound(to: UInt8.self)
        return Array(UnsafeBufferPointer(start: pointer, count: outputs[index].byteCount))
    }

    /// The first byte of output `index` (the uint8 probability of a micro_wake_word model).
    public func outputByte(_ index: Int) -> UInt8 {
        runtime.raw(outputSlots[index]).load(as: UInt8.self)
    }
}

/// An input or output tensor of subgraph 0.
public struct TensorDescription: Hashable, Sendable {
    public let type: TensorType
    public let shape: [Int]
    public let scale: Float?
    public let zeroPoint: Int32?
    public let byteCount: Int

    init(_ spec: TensorSpec) {
        type = spec.type
        shape = spec.dims
        scale = spec.isQuantized ? spec.scale : nil
        zeroPoint = spec.isQuantized ? spec.zeroPoint : nil
        byteCount = spec.byteCount ?? 0
    }
}
