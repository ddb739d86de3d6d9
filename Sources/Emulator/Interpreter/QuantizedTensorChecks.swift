import TFLiteFormat

/// Checks shared by the quantized kernels.
extension GraphBuilder {
    /// The tensor, which must be int8 (the emulator runs TFLM's int8 paths only).
    func int8Tensor(_ node: Node, _ id: TensorID, _ role: String) throws(EmulatorError) -> TensorSpec {
        let spec = self[id]
        guard spec.type == .int8 else {
            throw node.unsupported("has a \(spec.type) \(role); the emulator runs the int8 kernels only")
        }
        return spec
    }

    /// The int32 bias values of an optional bias input, which must hold at least `count` constants.
    func biasValues(_ node: Node, _ id: TensorID?, count: Int) throws(EmulatorError) -> [Int32]? {
        guard let id else { return nil }
        guard self[id].type == .int32 else {
            throw node.unsupported("has a \(self[id].type) bias; TFLite Micro reads it as int32")
        }
        guard let values = int32Constant(id) else { throw node.unsupported("has a bias computed at run time") }
        guard values.count >= count else { throw node.unsupported("has \(values.count) biases for \(count) output channels") }
        return values
    }

    /// The fast kernels hold `value − zero point` in int16; an int8 tensor's zero point always allows it,
    /// a malformed one (outside −32000…32000) is refused.
    func checkInt16Offset(_ node: Node, _ zeroPoint: Int32) throws(EmulatorError) {
        guard abs(Int(zeroPoint)) <= 32000 else {
            throw node.unsupported("has zero point \(zeroPoint), outside any int8 tensor's range")
        }
    }

    /// The constant int8 values of a weights tensor.
    func int8Constant(_ node: Node, _ id: TensorID, _ role: String) throws(EmulatorError) -> [Int8] {
        guard let data = self[id].constant else { throw node.unsupported("has \(role) computed at run time") }
        return data.map { Int8(bitPattern: $0) }
    }
}

/// Where a node's tensors live, resolved once.
extension TensorSpec {
    /// The four dimensions of an NHWC tensor, or nil when it is not 4-D.
    var nhwc: (n: Int, h: Int, w: Int, c: Int)? {
        dims.count == 4 ? (dims[0], dims[1], dims[2], dims[3]) : nil
    }
}
