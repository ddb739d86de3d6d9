/// The firmware's detection rule for one wake-word model, as a state machine fed once per feature step
/// (ESPHome `streaming_model.cpp`, `micro_wake_word.cpp`; the rule per release is `ReleaseBehaviour`):
/// a ring of the last `sliding_window_size` uint8 outputs, the ignore counter, and the test.
///
/// 2024.7 – 2025.4: one counter for all models rises on every step; from 0 on, every step tests
/// `float(sum) / float(255·N) > cutoff`. 2025.5+: the model's own counter (from 2025.6 it rises only while
/// the newest output is below the cutoff); a new output is tested once the counter reaches 0 with
/// `sum > int(cutoff·255)·N`. A detection zeroes the window and restarts the counter.
public struct WakeWordDetector: Sendable {
    public let behaviour: ReleaseBehaviour
    public let windowSize: Int
    public let probabilityCutoff: Double
    /// The cutoff as the firmware holds it: a float (≤ 2025.4) and `int(cutoff·255)` (2025.5+).
    public let cutoff: Float
    public let quantizedCutoff: Int

    public private(set) var window: [UInt8]
    /// `last_n_index_`: where the newest output is (it advances before each store, from 0).
    public private(set) var newest = 0
    public private(set) var ignore: Int
    /// `unprocessed_probability_status_` (2025.5+): a new output not yet tested.
    private var unprocessed = false

    public init(behaviour: ReleaseBehaviour, probabilityCutoff: Double, slidingWindowSize: Int) {
        self.behaviour = behaviour
        windowSize = max(slidingWindowSize, 1)
        self.probabilityCutoff = probabilityCutoff
        cutoff = Float(probabilityCutoff)
        quantizedCutoff = ProbabilityCutoff.quantized(probabilityCutoff)
        window = Array(repeating: 0, count: windowSize)
        ignore = behaviour.ignoreCounter.start
    }

    /// One feature step: `output` is the model's uint8 output when this step ran an inference. Returns
    /// whether the firmware reports a detection after this step.
    public mutating func step(output: UInt8?) -> Bool {
        switch behaviour.detection {
        case .floatAverage:
            ignore = min(ignore + 1, 0)
            if let output { store(output) }
            guard ignore >= 0 else { return false }
            let average = Float(window.reduce(0) { $0 + Int($1) }) / Float(255 * windowSize)
            return average > cutoff
        case .integerSum:
            if let output {
                store(output)
                unprocessed = true
            }
            if !behaviour.ignoreCounter.risesOnlyBelowCutoff || Int(window[newest]) < quantizedCutoff {
                ignore = min(ignore + 1, 0)
            }
            guard unprocessed, ignore >= 0 else { return false }
            unprocessed = false
            return window.reduce(0) { $0 + Int($1) } > quantizedCutoff * windowSize
        }
    }

    private mutating func store(_ output: UInt8) {
        newest += 1
        if newest == windowSize { newest = 0 }
        window[newest] = output
    }

    /// `reset_probabilities()`: the window zeroed and the counter restarted (model state is untouched).
    public mutating func resetProbabilities() {
        for index in window.indices { window[index] = 0 }
        ignore = behaviour.ignoreCounter.start
    }

    /// A freshly started component (models reloaded): everything as at construction.
    public mutating func restart() {
        self = WakeWordDetector(behaviour: behaviour, probabilityCutoff: probabilityCutoff, slidingWindowSize: windowSize)
    }
}
