import Support
import Testing
@testable import Training

/// The MixedConv loops (vectorised, several frames or taps at a time) give exactly what a plain scalar loop
/// gives when it adds the same products in the same order: bias then taps in order for the output and the
/// input gradient, frames in order for the kernel gradient. Bit equality, not a tolerance.
@Suite struct MixedDepthwiseExactnessTests {
    @Test(arguments: [[5], [7, 11], [3, 4, 6], [23]])
    func matchesScalarLoopsBitForBit(kernels: [Int]) {
        let channels = 37, frames = 41
        let layer = MixedDepthwiseConvolution(name: "mix", kernelSizes: kernels, channels: channels)
        randomizeParameters(layer.parameters, seed: 21)
        let input = randomTensor(frames * channels, seed: 22)
        let x = Activations(pointer: input.pointer, batch: 1, frames: frames, channels: channels)
        let output = layer.forward(x, mode: .training).array
        let outFrames = frames - layer.maximumKernel + 1
        let dOut = randomTensor(outFrames * channels, seed: 23)
        let dInput = layer.backward(Activations(pointer: dOut.pointer, batch: 1, frames: outFrames, channels: channels),
                                    needsInputGradient: true)?.array ?? []

        var expectedOutput = [Float](repeating: 0, count: outFrames * channels)
        var expectedInput = [Float](repeating: 0, count: frames * channels)
        var start = 0
        for (g, size) in layer.groupSizes.enumerated() {
            let k = kernels[g], shift = layer.maximumKernel - k
            let kernel = layer.kernels[g].value, bias = layer.biases[g].value
            let kernelGradient = layer.kernels[g].gradient
            for c in 0 ..< size {
                let channel = start + c
                for t in 0 ..< outFrames {
                    var sum = bias[c]
                    for j in 0 ..< k { sum += input[(t + shift + j) * channels + channel] * kernel[j * size + c] }
                    expectedOutput[t * channels + channel] = sum
                }
                for j in 0 ..< k {
                    var sum: Float = 0
                    for t in 0 ..< outFrames { sum += input[(t + shift + j) * channels + channel] * dOut[t * channels + channel] }
                    #expect(kernelGradient[j * size + c] == sum, "kernel gradient group \(g) tap \(j) channel \(c)")
                }
                for s in 0 ..< frames {
                    var sum: Float = 0
                    for j in 0 ..< k where s - shift - j >= 0 && s - shift - j < outFrames {
                        sum += dOut[(s - shift - j) * channels + channel] * kernel[j * size + c]
                    }
                    expectedInput[s * channels + channel] = sum
                }
            }
            start += size
        }
        #expect(output == expectedOutput)
        #expect(dInput == expectedInput)
    }
}
