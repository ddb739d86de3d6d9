/// How the firmware holds a model's probability cutoff (2025.5 and later): `int(cutoff × 255)`, truncated,
/// as ESPHome's code generation computes it from the decimal in the manifest or the YAML, stored as a uint8.
/// A window of N uint8 outputs detects when its sum is strictly above `quantized(cutoff) × N`.
///
/// The one place for this rule: the detector, the manifest checks and the metrics (`Metrics.ModelScores`) use it.
public enum ProbabilityCutoff {
    /// `int(cutoff × 255)`, truncated toward zero.
    public static func quantized(_ cutoff: Double) -> Int {
        Int(cutoff * 255)
    }
}
