// Fixtures: scripts/fixtures/make_mixednet_parity.py (the reference Keras MixedNet on TensorFlow).
import Support
import TestSupport
import Testing
@testable import Training

/// The Swift MixedNet against the reference Keras model given the same weights: inference (valid and causal
/// padding), a training-mode forward with batch statistics, the moving statistics it leaves, and the
/// gradient of the weighted loss for every trainable variable.
@Suite struct KerasParityTests {
    static let shapes = ["default", "residual_pooled", "strided_groups"]

    func load(_ shape: String) throws -> (MixedNet, MixedNetWeightsFile.Contents) {
        let path = Repository.fixture("TrainingTests", "mixednet_parity_\(shape).weights").path
        let contents = try MixedNetWeightsFile.read(path)
        let model = try MixedNet(contents.architecture)
        try model.assign(contents, source: path)
        return (model, contents)
    }

    func activations(_ contents: MixedNetWeightsFile.Contents, _ name: String) throws -> (Tensor, Activations) {
        let shape = try #require(contents.shapes[name])
        let tensor = Tensor(try #require(contents.variables[name]))
        return (tensor, Activations(pointer: tensor.pointer, batch: shape[0], frames: shape[1], channels: shape[2]))
    }

    func maximumDifference(_ a: [Float], _ b: [Float]) -> Float {
        zip(a, b).map { abs($0 - $1) }.max() ?? .infinity
    }

    @Test func defaultModelHasTheReferenceParameterCount() throws {
        let model = try MixedNet(.default)
        #expect(model.parameterCount == 25345)
        #expect(model.window == 170)
        let (_, contents) = try load("default")
        #expect(contents.metadata["keras_parameters"]?.integerValue == 25345)
    }

    @Test(arguments: shapes) func inferenceMatchesKeras(shape: String) throws {
        let (model, contents) = try load(shape)
        let (input, view) = try activations(contents, "fixture/input")
        let expected = try #require(contents.variables["fixture/probabilities_inference"])
        let got = model.probabilities(view, padding: .valid)
        #expect(got.count == expected.count)
        #expect(maximumDifference(got, expected) < 1e-4)
        let (causalInput, causalView) = try activations(contents, "fixture/causal_input")
        let causalExpected = try #require(contents.variables["fixture/probabilities_causal"])
        let causal = model.probabilities(causalView, padding: .causal)
        #expect(causal.count == causalExpected.count)
        #expect(maximumDifference(causal, causalExpected) < 1e-4)
        withExtendedLifetime((input, causalInput)) {}
    }

    @Test(arguments: shapes) func trainingStepMatchesKeras(shape: String) throws {
        let (model, contents) = try load(shape)
        let (input, view) = try activations(contents, "fixture/input")
        let logits = model.forward(view, mode: .training)
        let probabilities = (0 ..< logits.count).map { WeightedBinaryCrossEntropy.sigmoid(logits.pointer[$0]) }
        let expected = try #require(contents.variables["fixture/probabilities_training"])
        #expect(maximumDifference(probabilities, expected) < 1e-4)
        for parameter in model.parameters where !parameter.trainable {
            let moved = try #require(contents.variables["moving/\(parameter.name)"])
            #expect(maximumDifference(parameter.value.array, moved) < 1e-5, "\(parameter.name)")
        }
        let labels = Tensor(try #require(contents.variables["fixture/labels"]))
        let weights = Tensor(try #require(contents.variables["fixture/sample_weights"]))
        let logitGradient = Tensor(count: view.batch)
        // The loss reads the last output of each example (here the only one).
        #expect(logits.frames == 1)
        let loss = WeightedBinaryCrossEntropy().evaluate(logits: logits.pointer, labels: labels.pointer,
                                                         weights: weights.pointer, batch: view.batch,
                                                         logitGradient: logitGradient.pointer)
        let kerasLoss = try #require(contents.variables["fixture/loss"]?.first)
        #expect(abs(loss.loss - Double(kerasLoss)) < 1e-4 * max(1, Double(kerasLoss)))
        model.backward(Activations(pointer: logitGradient.pointer, batch: view.batch, frames: 1, channels: 1))
        for parameter in model.trainableParameters {
            let expected = try #require(contents.variables["gradient/\(parameter.name)"])
            let scale = max(expected.map(abs).max() ?? 0, 1e-3)
            let difference = maximumDifference(parameter.gradient.array, expected)
            // MixConv biases feed batch norm, which removes any constant: their true gradient is 0 and both
            // sides hold rounding noise, hence the absolute floor.
            #expect(difference <= 1e-3 * scale + 1e-5, "\(parameter.name): max difference \(difference), gradient scale \(scale)")
        }
        withExtendedLifetime(input) {}
    }
}

extension KerasParityTests {
    @Test(arguments: ["residual_pooled", "strided_groups"]) func twoAdamStepsMatchKeras(shape: String) throws {
        let (model, contents) = try load(shape)
        let (input, view) = try activations(contents, "fixture/input")
        let labels = Tensor(try #require(contents.variables["fixture/labels"]))
        let weights = Tensor(try #require(contents.variables["fixture/sample_weights"]))
        let logitGradient = Tensor(count: view.batch)
        let adam = Adam(parameters: model.parameters, learningRate: 0.01, epsilon: 1e-3)
        for _ in 0 ..< 2 {
            let logits = model.forward(view, mode: .training)
            _ = WeightedBinaryCrossEntropy().evaluate(logits: logits.pointer, labels: labels.pointer,
                                                      weights: weights.pointer, batch: view.batch,
                                                      logitGradient: logitGradient.pointer)
            model.backward(Activations(pointer: logitGradient.pointer, batch: view.batch, frames: 1, channels: 1))
            adam.step()
        }
        #expect(adam.iterations == 2)
        for parameter in model.parameters {
            let expected = try #require(contents.variables["adam/\(parameter.name)"])
            let difference = maximumDifference(parameter.value.array, expected)
            #expect(difference < 1e-4, "\(parameter.name): max difference \(difference)")
        }
        withExtendedLifetime(input) {}
    }
}
