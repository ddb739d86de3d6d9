import TFLiteFormat

/// QUANTIZE between integer types (`quantize_common.cc`, `reference/requantize.h`):
/// `clamp(MultiplyByQuantizedMultiplier(v − zp_in, QM(s_in / s_out)) + zp_out)`. The int8 → uint8 case with
/// equal scales and zero points 128 apart is TFLM's `v ^ 0x80` shortcut, which gives the same bytes.
enum QuantizeKernel: Kernel {
    static let pairs: Set<[TensorType]> = [[.int8, .int8], [.int8, .uint8], [.uint8, .int8], [.int8, .int16], [.int16, .int8],
                                          [.int16, .int16]]

    static func prepare(_ node: Node, _ graph: inout GraphBuilder) throws(EmulatorError) -> any PreparedOperation {
        guard node.inputCount == 1 else { throw node.fail("has \(node.inputCount) inputs; it needs 1") }
        guard node.outputCount == 1 else { throw node.fail("has \(node.outputCount) outputs; it needs 1") }
        let input = try graph.input(node, 0)
        let output = try graph.output(node, 0)
        let inSpec = graph[input], outSpec = graph[output]
        guard outSpec.isQuantized, outSpec.scales.count == 1 else { throw node.fail("needs exactly one output scale") }
        let inputTypes: Set<TensorType> = [.float32, .int32, .int16, .int8, .uint8]
        let outputTypes: Set<TensorType> = [.int8, .int16, .int32, .uint8]
        guard inputTypes.contains(inSpec.type) else { throw node.fail("does not take \(inSpec.type) input") }
        guard outputTypes.contains(outSpec.type) else { throw node.fail("does not produce \(outSpec.type) output") }
        guard pairs.contains([inSpec.type, outSpec.type]) else {
            throw node.unsupported("converts \(inSpec.type) to \(outSpec.type); the emulator runs int8/uint8/int16 requantisation only")
        }
        let real = Double(inSpec.scale) / Double(outSpec.scale)
        guard let multiplier = QuantizedMultiplier(real) else { throw node.unsupported("has requantisation multiplier \(real)") }
        guard let count = inSpec.elementCount, outSpec.elementCount == count else {
            throw node.unsupported("has input \(inSpec.dims) and output \(outSpec.dims) of different sizes")
        }
        let (low, high): (Int32, Int32) = switch outSpec.type {
        case .uint8: (0, 255)
        case .int16: (-32768, 32767)
        default: (-128, 127)
        }
        return Requantize(input: graph.slot(input), output: graph.slot(output), count: count,
                          inputType: inSpec.type, outputType: outSpec.type, multiplier: multiplier,
                          inputZeroPoint: inSpec.zeroPoint, outputZeroPoint: outSpec.zeroPoint, low: low, high: high)
    }

    struct Requantize: PreparedOperation {
        let input: TensorSlot, output: TensorSlot, count: Int
        let inputType: TensorType, outputType: TensorType
        let multiplier: QuantizedMultiplier
        let inputZeroPoint: Int32, outputZeroPoint: Int32, low: Int32, high: Int32

        func invoke(_ runtime: Runtime) {
            let x = runtime.raw(input), y = runtime.raw(output)
            for index in 0 ..< count {
                let value: Int32 = switch inputType {
                case .uint8: Int32(x.load(fromByteOffset: index, as: UInt8.self))
                case .int16: Int32(x.load(fromByteOffset: 2 * index, as: Int16.self))
                default: Int32(x.load(fromByteOffset: index, as: Int8.self))
                }
                let scaled = multiplier.apply(value &- inputZeroPoint) &+ outputZeroPoint
                let clamped = max(min(scaled, high), low)
                switch outputType {
                case .uint8: y.storeBytes(of: UInt8(truncatingIfNeeded: clamped), toByteOffset: index, as: UInt8.self)
                case .int16: y.storeBytes(of: Int16(truncatingIfNeeded: clamped), toByteOffset: 2 * index, as: Int16.self)
                default: y.storeBytes(of: Int8(truncatingIfNeeded: clamped), toByteOffset: index, as: Int8.self)
                }
            }
        }
    }
}
