import Config
import Dataset

extension SynthSettings {
    /// The configuration's `synth:` section (nil values keep the size's choice).
    public init(_ config: SynthConfig) {
        self.init()
        size = config.size.rawValue
        engines = config.engines
        positives = config.positives
        negatives = config.negatives
        backgroundMinutes = config.backgroundMinutes
        rirs = config.rirs
        fetchSet = config.fetchSet?.rawValue
        realRIRs = config.realRIRs
        seed = UInt64(truncatingIfNeeded: config.seed)
        workers = config.workers
    }
}
