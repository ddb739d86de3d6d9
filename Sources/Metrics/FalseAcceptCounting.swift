/// How false accepts are counted on ambient recordings (SPEC §5).
///
/// The score at each step (one model output per stride) is the mean of the last `slidingWindow` outputs, the
/// window zero-filled at the recording's start like the device's (1 = the raw outputs themselves). A step is a
/// false accept when its score lies strictly above the cutoff and no false accept happened in the previous
/// `cooldownSteps` steps: an accept at step i blocks steps i+1 … i+cooldown. Recordings are independent:
/// the cool-down does not carry from one to the next.
public struct FalseAcceptCounting: Sendable, Equatable {
    /// Steps after a false accept during which no other one counts (75 in the reference).
    public var cooldownSteps: Int
    /// Outputs averaged into each step's score (the manifest's `sliding_window_size`; 1 = raw outputs).
    public var slidingWindow: Int

    public init(cooldownSteps: Int = 75, slidingWindow: Int = 1) {
        self.cooldownSteps = max(cooldownSteps, 0)
        self.slidingWindow = max(slidingWindow, 1)
    }

    /// False accepts at each cutoff, summed over `streams`.
    public func counts(in streams: [ModelScores], cutoffs: [Double] = Cutoffs.standard) -> [Int] {
        var totals = [Int](repeating: 0, count: cutoffs.count)
        for stream in streams where !stream.isEmpty {
            let sums = stream.windowSums(slidingWindow)
            for (index, cutoff) in cutoffs.enumerated() {
                totals[index] += acceptSteps(sums, limit: stream.limit(cutoff: cutoff, window: slidingWindow)).count
            }
        }
        return totals
    }

    /// The steps of one stream counted as false accepts at `cutoff` (for traces and checks).
    public func acceptSteps(in stream: ModelScores, cutoff: Double) -> [Int] {
        acceptSteps(stream.windowSums(slidingWindow), limit: stream.limit(cutoff: cutoff, window: slidingWindow))
    }

    private func acceptSteps(_ sums: [Double], limit: Double) -> [Int] {
        var steps: [Int] = []
        var blockedThrough = -1
        sums.withUnsafeBufferPointer { sums in
            for step in sums.indices where sums[step] > limit && step > blockedThrough {
                steps.append(step)
                blockedThrough = step + cooldownSteps
            }
        }
        return steps
    }
}
