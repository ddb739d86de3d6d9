import Support
import Testing
import Training
@testable import Export

/// Hours of ambient audio go through the float network in pieces (a single causal pass would hold every
/// layer's activations for all of it): each piece's outputs equal the single pass's, for every architecture.
struct FloatOutputsInPiecesTests {
    @Test(arguments: TestModels.architectures.map(\.name))
    func piecesGiveTheOutputsOfOnePass(name: String) throws {
        let architecture = try #require(TestModels.architectures.first { $0.name == name }?.architecture)
        let network = try TestModels.model(architecture, seed: 3)
        let clip = TestModels.spectrogram(frames: 1000 * architecture.stride + 2, seed: 9)
        let steps = clip.count / 40 / architecture.stride
        let whole = FloatInt8Agreement.floatOutputs(network, clip, steps: steps, pieceSteps: .max)
        #expect(whole.count == steps)
        for pieceSteps in [1, 37, 256] {
            let pieces = FloatInt8Agreement.floatOutputs(network, clip, steps: steps, pieceSteps: pieceSteps)
            #expect(pieces.count == steps)
            let largest = zip(whole, pieces).map { abs($0 - $1) }.max() ?? .infinity
            #expect(largest <= 1e-5, "pieces of \(pieceSteps) steps: largest difference \(largest)")
        }
    }
}
