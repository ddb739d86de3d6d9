#if canImport(Glibc)
import Glibc
#endif
import DSP
import Support

/// Soft clipping (audiomentations' `TanhDistortion`): the clip is driven into tanh so that the loudest
/// `amount · 99` % of its samples reach half scale, then brought back to its original RMS.
public struct TanhDistortion: Augmentation {
    public static let name = "TanhDistortion"
    public var probability: Double
    public var amount: ClosedRange<Double>

    public init(probability: Double, amount: ClosedRange<Double> = 0.0001 ... 0.10) {
        self.probability = probability
        self.amount = amount
    }

    public struct Parameters: Sendable, Equatable {
        public var amount: Double
        public init(amount: Double) { self.amount = amount }
    }

    public func drawParameters(clipLength _: Int, using generator: inout SeededGenerator) -> Parameters {
        Parameters(amount: generator.uniform(amount.lowerBound, amount.upperBound))
    }

    public func apply(_ parameters: Parameters, to clip: inout [Float], workspace _: AugmentationWorkspace) {
        guard !clip.isEmpty else { return }
        let threshold = Percentile.linear(clip.map { abs($0) }, percent: 100 - 99 * parameters.amount)
        let drive = 0.5 / (threshold + 1e-6)
        let before = SignalLevel.rms(clip)
        for index in clip.indices { clip[index] = Float(tanh(drive * Double(clip[index]))) }
        if before > 1e-9 {
            let after = SignalLevel.rms(clip)
            if after > 0 {
                let gain = Float(before / after)
                for index in clip.indices { clip[index] *= gain }
            }
        }
    }
}

/// numpy's default percentile (linear interpolation between the two nearest order statistics), by
/// selection rather than a full sort.
enum Percentile {
    static func linear(_ values: [Float], percent: Double) -> Double {
        precondition(!values.isEmpty)
        let position = percent / 100 * Double(values.count - 1)
        let lower = Int(position.rounded(.down)), upper = min(lower + 1, values.count - 1)
        var work = values
        let low = select(&work, lower)
        let high = upper == lower ? low : select(&work, upper)
        return Double(low) + (position - Double(lower)) * (Double(high) - Double(low))
    }

    /// The `k`-th smallest value (quickselect, median-of-three pivots); reorders `values`.
    private static func select(_ values: inout [Float], _ k: Int) -> Float {
        var low = 0, high = values.count - 1
        while low < high {
            let middle = (low + high) / 2
            // Median of three as the pivot.
            if values[middle] < values[low] { values.swapAt(middle, low) }
            if values[high] < values[low] { values.swapAt(high, low) }
            if values[high] < values[middle] { values.swapAt(high, middle) }
            let pivot = values[middle]
            var i = low, j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { high = j } else if k >= i { low = i } else { return values[k] }
        }
        return values[k]
    }
}
