import Foundation

/// Adam exactly as Keras 3 applies it (β₁ 0.9, β₂ 0.999, ε 1e-7): for step t = iterations + 1,
///
///     m ← m + (g − m)(1 − β₁)      v ← v + (g² − v)(1 − β₂)
///     θ ← θ − lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ) · m / (√v + ε)
///
/// The moments are stored per parameter in the order of `parameters`; `state`/`restore` move them (and the
/// iteration count) in and out of checkpoints.
public final class Adam: @unchecked Sendable {
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    public var learningRate: Float
    /// Updates applied so far.
    public private(set) var iterations: Int = 0
    private let parameters: [Parameter]
    private let moments: [Tensor]
    private let velocities: [Tensor]

    public init(parameters: [Parameter], learningRate: Float = 0.001, beta1: Float = 0.9, beta2: Float = 0.999,
                epsilon: Float = 1e-7)
    {
        self.parameters = parameters.filter(\.trainable)
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        moments = self.parameters.map { Tensor(count: $0.count) }
        velocities = self.parameters.map { Tensor(count: $0.count) }
    }

    /// Applies one update from the parameters' current gradients.
    public func step() {
        let t = Float(iterations + 1)
        let alpha = learningRate * (1 - powf(beta2, t)).squareRoot() / (1 - powf(beta1, t))
        let a1 = Float8(repeating: 1 - beta1), a2 = Float8(repeating: 1 - beta2)
        let rate = Float8(repeating: alpha), eps = Float8(repeating: epsilon)
        for (index, parameter) in parameters.enumerated() {
            let g = parameter.gradient.pointer, w = parameter.value.pointer
            let m = moments[index].pointer, v = velocities[index].pointer
            let count = parameter.count
            var i = 0
            while i + 8 <= count {
                let gi = g.load8(i)
                let mi = m.load8(i) + (gi - m.load8(i)) * a1
                let vi = v.load8(i) + (gi * gi - v.load8(i)) * a2
                m.store8(mi, i)
                v.store8(vi, i)
                w.store8(w.load8(i) - mi * rate / (vi.squareRoot() + eps), i)
                i += 8
            }
            while i < count {
                m[i] += (g[i] - m[i]) * (1 - beta1)
                v[i] += (g[i] * g[i] - v[i]) * (1 - beta2)
                w[i] -= m[i] * alpha / (v[i].squareRoot() + epsilon)
                i += 1
            }
        }
        iterations += 1
    }

    /// The optimizer's state: the iteration count and, per trainable parameter, its first and second moments.
    public var state: (iterations: Int, moments: [[Float]], velocities: [[Float]]) {
        (iterations, moments.map(\.array), velocities.map(\.array))
    }

    /// Restores a `state` saved from an optimizer over the same parameters.
    public func restore(iterations: Int, moments: [[Float]], velocities: [[Float]]) throws(TrainingError) {
        guard moments.count == self.moments.count, velocities.count == self.velocities.count,
              zip(moments, self.moments).allSatisfy({ $0.count == $1.count }),
              zip(velocities, self.velocities).allSatisfy({ $0.count == $1.count })
        else { throw .checkpointMismatch("the optimizer state does not fit this model") }
        for (tensor, values) in zip(self.moments, moments) { tensor.assign(values) }
        for (tensor, values) in zip(self.velocities, velocities) { tensor.assign(values) }
        self.iterations = iterations
    }

    /// Raw access for checkpoints: the moment and velocity tensors in parameter order.
    var tensors: [Tensor] { moments + velocities }
}
