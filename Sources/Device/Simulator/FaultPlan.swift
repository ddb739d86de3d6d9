import Foundation
import Support

/// The faults `device simulate --faults` injects: `drop=R` (each byte on the link, either way, is lost with
/// probability R), `corrupt=R` (each byte is replaced by another value with probability R), `reset=N` (the
/// device reboots N times, after 1 to 20 s of audio each), `slow=MS` (the device takes MS milliseconds per
/// audio chunk: a slow consumer), `seed=S` (the random sequence; the same seed injects the same faults).
public struct FaultPlan: Equatable, Sendable {
    public var dropRate = 0.0
    public var corruptRate = 0.0
    public var resets = 0
    public var slowMilliseconds = 0.0
    public var seed: UInt64 = 1

    public init() {}

    public var isEmpty: Bool { dropRate == 0 && corruptRate == 0 && resets == 0 && slowMilliseconds == 0 }

    /// Parses `drop=0.001,corrupt=0.0005,reset=2`.
    public init(parsing text: String) throws(Failure) {
        for item in text.split(separator: ",") where !item.trimmingCharacters(in: .whitespaces).isEmpty {
            let parts = item.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else { throw Self.problem("'\(item)' is not KEY=VALUE") }
            let (key, value) = (parts[0], parts[1])
            switch key {
            case "drop", "corrupt":
                guard let rate = Double(value), rate >= 0, rate < 0.1 else {
                    throw Self.problem("\(key) takes a probability per byte from 0 to below 0.1, not '\(value)'")
                }
                if key == "drop" { dropRate = rate } else { corruptRate = rate }
            case "reset":
                guard let count = Int(value), count >= 0 else { throw Self.problem("reset takes a count of resets, not '\(value)'") }
                resets = count
            case "slow":
                guard let milliseconds = Double(value), milliseconds >= 0, milliseconds <= 1000 else {
                    throw Self.problem("slow takes milliseconds per chunk (0 to 1000), not '\(value)'")
                }
                slowMilliseconds = milliseconds
            case "seed":
                guard let seed = UInt64(value) else { throw Self.problem("seed takes a whole number, not '\(value)'") }
                self.seed = seed
            default:
                let suggestion = closestMatch(to: key, among: ["drop", "corrupt", "reset", "slow", "seed"]).map { " (did you mean \($0)?)" } ?? ""
                throw Self.problem("unknown fault '\(key)'\(suggestion)")
            }
        }
    }

    private static func problem(_ text: String) -> Failure {
        Failure("--faults: \(text)", hint: "for example --faults drop=0.0005,corrupt=0.0005,reset=2,slow=2")
    }

    public var summary: String {
        isEmpty ? "no faults"
            : "drop \(dropRate) and corrupt \(corruptRate) per byte, \(resets) resets, \(slowMilliseconds) ms per chunk (seed \(seed))"
    }
}
