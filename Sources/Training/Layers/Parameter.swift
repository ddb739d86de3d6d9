/// A trainable weight array with its gradient, or (when `trainable` is false) state the layer updates
/// itself, such as batch-norm moving statistics. `name` follows the Keras model's variable paths
/// (`block0_bn/moving_mean`), so weight files read the same in both worlds.
public final class Parameter: @unchecked Sendable {
    /// "layer/variable", e.g. "first_conv/kernel".
    public let name: String
    /// The Keras shape of the variable (row-major).
    public let shape: [Int]
    /// Whether the optimizer updates it (false: state the layer maintains, no gradient).
    public let trainable: Bool
    /// The current values.
    public let value: Tensor
    /// dLoss/dValue of the last backward pass (trainable parameters only; overwritten, not accumulated).
    public let gradient: Tensor

    public init(name: String, shape: [Int], trainable: Bool = true, initial: [Float]? = nil) {
        self.name = name
        self.shape = shape
        self.trainable = trainable
        let count = shape.reduce(1, *)
        value = initial.map { Tensor($0) } ?? Tensor(count: count)
        precondition(value.count == count, "\(name): \(value.count) values for shape \(shape)")
        gradient = Tensor(count: trainable ? count : 0)
    }

    /// Number of values.
    public var count: Int { value.count }
}
