#if canImport(Glibc)
import Glibc
#endif

/// Levels of float signals: RMS and decibel conversions.
public enum SignalLevel {
    /// Root mean square (0 for an empty signal), accumulated in Double.
    public static func rms(_ samples: [Float]) -> Double {
        guard !samples.isEmpty else { return 0 }
        var sum = 0.0
        for sample in samples { sum += Double(sample) * Double(sample) }
        return (sum / Double(samples.count)).squareRoot()
    }

    /// The amplitude ratio of a level difference in decibels.
    public static func amplitude(decibels: Double) -> Double { pow(10, decibels / 20) }

    /// The level difference in decibels of an amplitude ratio.
    public static func decibels(amplitude: Double) -> Double { 20 * log10(amplitude) }
}
