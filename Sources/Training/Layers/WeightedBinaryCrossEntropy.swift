import Foundation

/// The training objective: the sigmoid of each example's logit against its label, binary cross-entropy
/// weighted per example, averaged over the batch: `L = Σ_b w_b · BCE(σ(z_b), y_b) / B`.
///
/// The reported loss clips probabilities to [1e-7, 1 − 1e-7] as Keras does; the gradient
/// `dL/dz_b = w_b · (σ(z_b) − y_b) / B` is the exact one of the unclipped loss (computed from the logit, so
/// a confidently wrong example still gets its full gradient instead of the zero of the clipped region).
public struct WeightedBinaryCrossEntropy: Sendable {
    public static let probabilityClip: Double = 1e-7

    public init() {}

    /// Loss and accuracy at 0.5 of `logits` (one per example), writing dL/dz into `logitGradient`.
    public func evaluate(logits: UnsafePointer<Float>, labels: UnsafePointer<Float>, weights: UnsafePointer<Float>,
                         batch: Int, logitGradient: UnsafeMutablePointer<Float>) -> (loss: Double, accuracy: Double)
    {
        var loss = 0.0, correct = 0
        let inverse = 1 / Float(max(batch, 1))
        for b in 0 ..< batch {
            let p = Self.sigmoid(logits[b])
            let z = Double(logits[b])
            let exact = z >= 0 ? 1 / (1 + exp(-z)) : exp(z) / (1 + exp(z))
            let clipped = min(max(exact, Self.probabilityClip), 1 - Self.probabilityClip)
            let y = Double(labels[b])
            loss += Double(weights[b]) * -(y * log(clipped) + (1 - y) * log(1 - clipped))
            if (p > 0.5 ? 1 : 0) == labels[b] { correct += 1 }
            logitGradient[b] = weights[b] * (p - labels[b]) * inverse
        }
        return (loss / Double(max(batch, 1)), Double(correct) / Double(max(batch, 1)))
    }

    /// `1 / (1 + e^−z)` without overflow for large |z|.
    @inline(__always)
    public static func sigmoid(_ z: Float) -> Float {
        if z >= 0 { return 1 / (1 + expf(-z)) }
        let e = expf(z)
        return e / (1 + e)
    }
}
