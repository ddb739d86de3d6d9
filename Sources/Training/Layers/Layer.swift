/// One step of the network with a hand-written forward and backward pass (no general autograd).
///
/// The contract:
/// - `forward` reads `input` and returns a view of the layer's own output buffer. The layer may keep a view
///   of `input` for its backward pass; the caller keeps that memory unchanged until `backward` has run.
/// - `backward` receives dLoss/dOutput for the last forward's output, writes dLoss/dParameter into every
///   trainable parameter's `gradient` (overwriting), and returns dLoss/dInput when `needsInputGradient`
///   (a view of the layer's own buffer), else nil.
/// - `mode` selects batch statistics and their moving-average update (`training`) or the stored statistics
///   (`inference`); layers without such statistics ignore it.
/// - Work is spread over the batch with `ChunkPlan`, whose fixed cut keeps results bit-identical run to run.
public protocol Layer: AnyObject {
    /// Short name used in parameter names and errors ("block0_pointwise").
    var name: String { get }
    /// The parameters, trainable and state, in a fixed order.
    var parameters: [Parameter] { get }
    /// The output shape of one example for an input shape (frames may shrink; channels may change).
    func outputShape(for input: FrameShape) -> FrameShape
    func forward(_ input: Activations, mode: ForwardMode) -> Activations
    func backward(_ outputGradient: Activations, needsInputGradient: Bool) -> Activations?
}

/// Whether a forward pass trains (batch statistics, moving averages updated) or infers (stored statistics).
public enum ForwardMode: Sendable {
    case training
    case inference
}

extension Layer {
    public var parameters: [Parameter] { [] }
}
