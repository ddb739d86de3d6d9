import TFLiteFormat

/// Structural checks before any kernel is prepared: everything TFLite Micro dereferences without checking
/// (buffer indices, subgraph input lists, tensor types it cannot size). A model failing here would make
/// TFLM read out of bounds or fail `AllocateTensors`; the emulator refuses it with the reason.
enum ModelValidation {
    /// No tensor of a micro_wake_word model comes near this; larger ones are refused before any work
    /// (an ESP32 has at most a few MiB for everything).
    static let maxTensorBytes = 16 << 20

    static func check(_ model: TFLiteModel) throws(EmulatorError) {
        guard !model.subgraphs.isEmpty else { throw .malformedModel("it has no subgraphs") }
        for (subgraphIndex, subgraph) in model.subgraphs.enumerated() {
            let where_ = "subgraph \(subgraphIndex)"
            for (index, tensor) in subgraph.tensors.enumerated() {
                guard Int(tensor.buffer) < model.buffers.count else {
                    throw .malformedModel("tensor \(index) of \(where_) uses buffer \(tensor.buffer), but the model has \(model.buffers.count)")
                }
                guard let size = tensor.type.byteSize else {
                    throw .malformedModel("tensor \(index) of \(where_) has type \(tensor.type), which TFLite Micro cannot allocate")
                }
                // Negative dimensions are left to preparation (RESHAPE resolves −1); the magnitude is bounded here.
                var magnitude = size
                for dimension in tensor.dimensions {
                    let (product, overflow) = magnitude.multipliedReportingOverflow(by: Swift.max(abs(Int(dimension)), 1))
                    guard !overflow, product <= maxTensorBytes else {
                        throw .malformedModel("tensor \(index) of \(where_) has shape \(tensor.dimensions): more than \(maxTensorBytes >> 20) MiB, beyond any ESP32")
                    }
                    magnitude = product
                }
                if let data = model.constantData(of: tensor) {
                    guard let count = tensor.elementCount else {
                        throw .malformedModel("constant tensor \(index) of \(where_) has shape \(tensor.dimensions)")
                    }
                    guard data.count >= count * size else {
                        throw .malformedModel("constant tensor \(index) of \(where_) has \(data.count) bytes of data but its shape \(tensor.dimensions) needs \(count * size)")
                    }
                }
            }
            for index in subgraph.inputs + subgraph.outputs {
                guard index >= 0, Int(index) < subgraph.tensors.count else {
                    throw .malformedModel("\(where_) lists tensor \(index) as an input or output, but it has \(subgraph.tensors.count) tensors")
                }
            }
            for (opIndex, op) in subgraph.operators.enumerated() {
                for index in op.inputs + op.outputs + (op.intermediates ?? []) where index != -1 {
                    guard index >= 0, Int(index) < subgraph.tensors.count else {
                        throw .malformedModel("operator \(opIndex) of \(where_) uses tensor \(index), but the subgraph has \(subgraph.tensors.count)")
                    }
                }
            }
        }
    }
}

/// TFLite Micro's `CheckDynamicTensors`, run after each operator's Prepare: an output with a dimension
/// ≤ 0 (other than the shape [0]) is a dynamic tensor, which TFLM refuses.
enum DynamicTensorCheck {
    static func check(_ node: Node, _ graph: GraphBuilder) throws(EmulatorError) {
        for position in 0 ..< node.outputCount {
            let index = node.definition.outputs[position]
            guard index >= 0 else { continue }
            let dims = graph[TensorID(subgraph: node.subgraph, index: Int(index))].dims
            if dims == [0] { continue }
            if dims.contains(where: { $0 <= 0 }) {
                throw node.fail("has output \(position) with shape \(dims): dynamic tensors are not supported")
            }
        }
    }
}

/// CALL_ONCE must not call its own subgraph (directly or through another): TFLM would recurse until the
/// stack overflows. The subgraph called is the one the kernel runs (`CallOnceKernel.target`): a CALL_ONCE
/// without its options calls subgraph 0, as TFLM's zeroed parameters do.
enum CallOnceGraph {
    static func checkAcyclic(_ model: TFLiteModel) throws(EmulatorError) {
        var calls: [Int: [Int]] = [:]
        for (index, subgraph) in model.subgraphs.enumerated() {
            for op in subgraph.operators where model.builtinOperator(of: op) == .callOnce {
                calls[index, default: []].append(CallOnceKernel.target(of: op))
            }
        }
        var state: [Int: Bool] = [:] // false = on the current path, true = done
        func visit(_ node: Int) throws(EmulatorError) {
            if state[node] == true { return }
            if state[node] == false {
                throw .malformedModel("CALL_ONCE calls subgraph \(node) from inside itself (TFLite Micro would recurse without end)")
            }
            state[node] = false
            for next in calls[node] ?? [] { try visit(next) }
            state[node] = true
        }
        try visit(0)
    }
}
