import Frontend

/// The range of every value of a streaming graph over representative input: the float graph is streamed
/// over whole clips (fresh state at each clip's start, as a starting device has), and each value's
/// smallest and largest element is recorded. Plain min/max, as TensorFlow's post-training calibration.
public struct Calibration: Sendable {
    public var minimum: [Float]
    public var maximum: [Float]
    /// Steps observed.
    public var steps: Int

    /// Float features are clipped to the model's input range [0, 26] first: the device saturates larger
    /// features at int8 127, so the int8 model never sees more.
    public static let inputRange: ClosedRange<Float> = 0 ... FeatureScaling.modelInputScale * 255

    /// Observes `graph` on `clips` (float features, 40 per frame), at most `maximumSteps` steps in total.
    /// `progress` is told the steps done so far after each clip.
    public init(graph: StreamingGraph, clips: [[Float]], maximumSteps: Int, progress: ((Int) -> Void)? = nil) {
        minimum = [Float](repeating: .infinity, count: graph.values.count)
        maximum = [Float](repeating: -.infinity, count: graph.values.count)
        steps = 0
        let runner = FloatStreamingRunner(graph)
        let size = graph.stride * graph.values[graph.input].channels
        var low = minimum, high = maximum
        for clip in clips where steps < maximumSteps {
            runner.reset()
            let features = clip.map { Swift.min(Swift.max($0, Self.inputRange.lowerBound), Self.inputRange.upperBound) }
            for start in stride(from: 0, through: features.count - size, by: size) where steps < maximumSteps {
                runner.step(features[start ..< start + size]) { index, values in
                    for value in values {
                        if value < low[index] { low[index] = value }
                        if value > high[index] { high[index] = value }
                    }
                }
                steps += 1
            }
            progress?(steps)
        }
        minimum = low
        maximum = high
    }

    /// The range of value `index` (0…0 when it was never observed).
    public func range(_ index: Int) -> (min: Float, max: Float) {
        minimum[index] <= maximum[index] ? (minimum[index], maximum[index]) : (0, 0)
    }
}
