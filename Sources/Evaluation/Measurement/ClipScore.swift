import Metrics

/// One labelled clip's device-equivalent score: the ceiling of its highest eligible sliding-window mean, in raw
/// uint8 units.
///
/// For an integer threshold T, `mean > T` ⇔ `ceil(mean) > T`, so comparing this score with `int(cutoff × 255)`
/// (what `ClassificationCurves` does with `.deviceOutputs`) gives exactly the device's decision for the clip.
/// Inferences within the first `ignoreFrames` feature frames cannot trigger (the device's suppression after
/// start: inference j, 0-based, is eligible once (j + 1) × stride ≥ ignoreFrames); a clip too short to
/// leave the suppression scores 0.
public func clipScore(outputs: [UInt8], slidingWindow: Int, stride: Int, ignoreFrames: Int) -> UInt8 {
    guard !outputs.isEmpty else { return 0 }
    let stride = max(stride, 1), window = max(slidingWindow, 1)
    let first = max((ignoreFrames + stride - 1) / stride - 1, 0)
    let sums = ModelScores.deviceOutputs(outputs).windowSums(window)
    guard first < sums.count, let best = sums[first...].max() else { return 0 }
    let sum = Int(best) // exact: sums of uint8 values
    return UInt8(clamping: (sum + window - 1) / window)
}
