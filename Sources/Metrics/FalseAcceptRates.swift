/// False accepts per hour at each cutoff, with the evidence behind them: the counts, the hours of ambient
/// audio, and each rate's 95 % upper bound (SPEC §5; the bound is `PoissonRateBound`).
///
/// A rate measured on little audio says little: no false accept in 10 minutes is "0 per hour" as a point
/// estimate but only "at most 22 per hour" at 95 % confidence. Cutoffs are chosen against the bound.
public struct FalseAcceptRates: Sendable, Equatable {
    public let cutoffs: [Double]
    /// False accepts counted at each cutoff.
    public let counts: [Int]
    /// Hours of ambient audio the counts come from.
    public let hours: Double
    /// The confidence of `upperBounds`.
    public let bound: PoissonRateBound

    public init(cutoffs: [Double], counts: [Int], hours: Double,
                bound: PoissonRateBound = .garwood95) throws(MetricsError)
    {
        guard cutoffs.count == counts.count else {
            throw MetricsError.mismatchedLengths("\(cutoffs.count) cutoffs but \(counts.count) counts")
        }
        guard hours >= 0 else { throw MetricsError.negativeHours(hours) }
        self.cutoffs = cutoffs
        self.counts = counts
        self.hours = hours
        self.bound = bound
    }

    /// Counts `streams` with `counting` and divides by `hours`.
    public init(streams: [ModelScores], hours: Double, counting: FalseAcceptCounting,
                cutoffs: [Double] = Cutoffs.standard, bound: PoissonRateBound = .garwood95) throws(MetricsError)
    {
        try self.init(cutoffs: cutoffs, counts: counting.counts(in: streams, cutoffs: cutoffs), hours: hours,
                      bound: bound)
    }

    /// The point estimate: count / hours (0 when there are no hours, as the reference reports it).
    public var perHour: [Double] {
        counts.map { hours > 0 ? Double($0) / hours : 0 }
    }

    /// The 95 % upper bound of the rate per hour (infinite when there are no hours: nothing is known).
    public var upperBounds: [Double] {
        var cache: [Int: Double] = [:]
        return counts.map { count in
            guard hours > 0 else { return .infinity }
            if let known = cache[count] { return known }
            let value = bound.upperLimit(count: count) / hours
            cache[count] = value
            return value
        }
    }

    /// The smallest rate bound this much audio can show: the bound of zero false accepts.
    public var smallestDemonstrableRate: Double {
        hours > 0 ? bound.upperLimit(count: 0) / hours : .infinity
    }

    /// Hours of ambient audio without a false accept needed to show a rate at or below `target`.
    public func hoursNeeded(toShow target: Double) -> Double {
        target > 0 ? bound.upperLimit(count: 0) / target : .infinity
    }
}
