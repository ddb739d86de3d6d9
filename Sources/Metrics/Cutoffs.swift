/// The probability cutoffs every per-cutoff metric is computed at (SPEC §5).
public enum Cutoffs {
    /// 0.00, 0.01, …, 1.00: 101 values, each the double nearest its two-decimal value.
    public static let standard: [Double] = (0 ... 100).map { Double($0) / 100 }

    /// The index of the cutoff in `cutoffs` nearest to `cutoff` (the first on a tie); nil when `cutoffs` is empty.
    public static func nearestIndex(to cutoff: Double, in cutoffs: [Double] = standard) -> Int? {
        var best: Int?
        var distance = Double.infinity
        for (index, value) in cutoffs.enumerated() where abs(value - cutoff) < distance {
            best = index
            distance = abs(value - cutoff)
        }
        return best
    }
}
