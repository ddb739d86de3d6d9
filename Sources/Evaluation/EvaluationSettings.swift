/// How evaluation scores a model: the device's window, the cool-down between counted false accepts, the
/// suppression at each clip's start, and the false-accept rate the cutoff is chosen for.
public struct EvaluationSettings: Sendable, Equatable {
    /// False accepts per hour the cutoff must keep under, at the rate's 95 % upper bound.
    public var targetFalseAcceptsPerHour: Double
    /// Inferences after a false accept during which no other one counts (75 in the reference).
    public var cooldownSteps: Int
    /// Outputs averaged before comparing with the cutoff (the manifest's `sliding_window_size`).
    public var slidingWindow: Int
    /// Feature frames at each test clip's start that cannot trigger (the device's 1 s suppression: 100).
    public var clipIgnoreFrames: Int
    /// Further rates the report gives recall at (besides the target).
    public var reportedRates: [Double]

    public init(targetFalseAcceptsPerHour: Double = 0.5, cooldownSteps: Int = 75, slidingWindow: Int = 5,
                clipIgnoreFrames: Int = 100, reportedRates: [Double] = [0.1, 0.5, 1])
    {
        self.targetFalseAcceptsPerHour = targetFalseAcceptsPerHour
        self.cooldownSteps = cooldownSteps
        self.slidingWindow = slidingWindow
        self.clipIgnoreFrames = clipIgnoreFrames
        self.reportedRates = reportedRates
    }

    /// The target and the reported rates, ascending, each once.
    public var operatingRates: [Double] {
        Array(Set(reportedRates + [targetFalseAcceptsPerHour])).sorted()
    }
}
