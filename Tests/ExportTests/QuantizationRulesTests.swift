import Testing
import TFLiteFormat
import Training
@testable import Export

/// The quantization rules TFLM imposes and the device relies on, checked on the written model.
@Suite struct QuantizationRulesTests {
    @Test func activationParametersHoldZeroExactlyAndCoverTheRange() {
        for (low, high) in [(0.0, 46.76), (-84.9, 144.6), (-0.001, 3), (2, 9), (-7, -1), (0, 0)] as [(Float, Float)] {
            let q = AffineQuantization.asymmetric(min: low, max: high)
            #expect(q.dequantize(Int8(q.zeroPoint)) == 0, "\(low)…\(high): 0 is not exact")
            #expect(q.range.lowerBound <= min(low, 0) + q.scale && q.range.upperBound >= max(high, 0) - q.scale)
            #expect(q.scale > 0)
        }
        #expect(AffineQuantization.asymmetric(min: 0, max: 25.5).zeroPoint == -128)
        #expect(AffineQuantization.asymmetric(min: 0, max: 25.5).quantize(1000) == 127)
    }

    @Test func weightsAreSymmetricPerChannelAndBiasesMatchTheirScale() {
        let weights = QuantizedWeights([0.5, -1.0, 0.25, 0, 0, 0, 2, 1, -2], channels: 3) { c in Array(c * 3 ..< c * 3 + 3) }
        #expect(weights.values == [64, -127, 32, 0, 0, 0, 127, 64, -127])
        #expect(weights.scales == [1.0 / 127, 1, 2.0 / 127])
        let biases = weights.biases([1, 0.5, -1], inputScale: 0.5)
        #expect(biases.scales == [0.5 / 127, 0.5, 1.0 / 127])
        #expect(biases.values == [254, 1, -127])
    }

    @Test(arguments: TestModels.architectures.map(\.name))
    func concatenationsShareParametersAndStatesStartAtZero(name: String) throws {
        let model = try Int8ConversionTests.convert(name, clips: 0).conversion.model
        let main = model.subgraphs[0]
        func parameters(_ index: Int32) -> Quantization? { main.tensors[Int(index)].quantization }
        var concatenations = 0
        for op in main.operators where model.builtinOperator(of: op) == .concatenation {
            concatenations += 1
            for input in op.inputs { #expect(parameters(input) == parameters(op.outputs[0])) }
        }
        #expect(concatenations == (try #require(TestModels.architectures.first { $0.name == name })).architecture.streamingStateCount)
        // Subgraph 1 assigns each state a constant equal to its zero point, with the state's parameters.
        if model.subgraphs.count > 1 {
            for op in model.subgraphs[1].operators where model.builtinOperator(of: op) == .assignVariable {
                let constant = model.subgraphs[1].tensors[Int(op.inputs[1])]
                let zero = try #require(constant.quantization?.first?.zeroPoint)
                #expect(model.constantData(of: constant)?.allSatisfy { Int8(bitPattern: $0) == Int8(zero) } == true)
            }
        }
        // The first stream keeps raw input: the device's input parameters.
        let input = main.tensors[Int(main.inputs[0])]
        #expect(input.quantization?.scale == [26.0 / 255.0] && input.quantization?.zeroPoint == [-128])
    }
}
