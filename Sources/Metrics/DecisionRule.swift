import ESPHome
import Foundation

/// One decision rule everywhere in wakesmith: a score *detects* at a cutoff when it is **strictly above** it.
///
/// Float probabilities compare as `mean(window) > cutoff`. Raw uint8 outputs, which is what ESPHome reads,
/// compare as the device does, in integers: `sum(window) > int(cutoff × 255) × window`
/// (`ESPHome.ProbabilityCutoff`, the firmware's rule)
/// (≡ `mean > int(cutoff × 255)`). For a window of one both agree with `raw / 255 > cutoff`. A cutoff of 1.0
/// therefore never detects, which gives every recall/FAH curve its (0 FAH, 0 recall) end. Raw outputs compare
/// exactly; float window sums compare as computed, so a window whose exact mean equals the cutoff may fall
/// either side by rounding (the order of additions decides; real model outputs almost never tie).
public enum ModelScores: Sendable, Equatable {
    /// Float probabilities in [0, 1].
    case probabilities([Double])
    /// Raw uint8 outputs as the device reads them.
    case deviceOutputs([UInt8])

    /// How many scores there are.
    public var count: Int {
        switch self {
        case .probabilities(let values): values.count
        case .deviceOutputs(let values): values.count
        }
    }

    /// Whether there are no scores.
    public var isEmpty: Bool { count == 0 }

    /// The scores as doubles (raw outputs stay in 0…255 units).
    public var values: [Double] {
        switch self {
        case .probabilities(let values): values
        case .deviceOutputs(let values): values.map(Double.init)
        }
    }

    /// The value a window sum must lie strictly above to detect at `cutoff`, in the scores' own units.
    public func limit(cutoff: Double, window: Int = 1) -> Double {
        switch self {
        case .probabilities: cutoff * Double(window)
        case .deviceOutputs: Double(ProbabilityCutoff.quantized(cutoff) * window)
        }
    }

    /// The sum of the last `window` scores at each step; the window starts zeroed, as on the device.
    /// Sums of raw outputs are exact integers.
    public func windowSums(_ window: Int) -> [Double] {
        let window = max(window, 1)
        switch self {
        case .probabilities(let values):
            return Self.sums(values, window)
        case .deviceOutputs(let values):
            let integers = Self.sums(values.map(Int.init), window)
            return integers.map(Double.init)
        }
    }

    private static func sums<T: AdditiveArithmetic>(_ values: [T], _ window: Int) -> [T] {
        var result = [T](repeating: .zero, count: values.count)
        values.withUnsafeBufferPointer { input in
            result.withUnsafeMutableBufferPointer { output in
                for step in input.indices {
                    var sum = T.zero
                    for index in max(step - window + 1, 0) ... step { sum += input[index] }
                    output[step] = sum
                }
            }
        }
        return result
    }
}
