import Testing
import TestSupport
import Training
@testable import Export

/// The float streaming graph computes what the trained model computes, at every step.
@Suite struct StreamingGraphTests {
    @Test(arguments: TestModels.architectures.map(\.name))
    func streamingEqualsTheCausalModelAtEveryStep(name: String) throws {
        let architecture = try #require(TestModels.architectures.first { $0.name == name }).architecture
        let model = try TestModels.model(architecture, seed: 7)
        let graph = StreamingGraph(try FoldedMixedNet(model))
        #expect(graph.states.count == architecture.streamingStateCount)
        let runner = FloatStreamingRunner(graph)
        for clip in 0 ..< 3 {
            let features = TestModels.floats(TestModels.spectrogram(frames: 150 + 7 * clip, seed: UInt64(clip)))
            let reference = TestModels.causalProbabilities(model, features)
            let streamed = runner.probabilities(clip: features)
            #expect(streamed.count == reference.count)
            var worst: Float = 0
            for (a, b) in zip(streamed, reference) { worst = max(worst, abs(a - b)) }
            #expect(worst < 2e-5, "\(name) clip \(clip): largest difference \(worst)")
            // The outputs are not trivially constant.
            #expect((streamed.max() ?? 0) - (streamed.min() ?? 0) > 0.01, "\(name): outputs barely vary")
        }
    }

    @Test func theOfficialShapeHasTheOfficialStreams() throws {
        let graph = StreamingGraph(try FoldedMixedNet(try TestModels.model(MixedNetArchitecture())))
        // shared/notes/tflite_tflm.md §2: 2×40, 4×32, 10×64, 14×64, 22×64, 5×64.
        #expect(graph.states.map { [$0.frames, $0.channels] } == [[2, 40], [4, 32], [10, 64], [14, 64], [22, 64], [5, 64]])
    }
}
