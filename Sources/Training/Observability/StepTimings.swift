import Dispatch

/// Where training steps spend their time: batch assembly, forward (with the loss), backward, optimizer.
public struct StepTimings: Sendable, Equatable {
    public enum Part: String, CaseIterable, Sendable {
        case batch = "batch assembly"
        case forward
        case backward
        case optimizer
    }

    /// Nanoseconds per part, summed over `steps`.
    public private(set) var nanoseconds: [Part: UInt64] = [:]
    public private(set) var steps = 0

    public init() {}

    mutating func add(_ part: Part, _ elapsed: UInt64) { nanoseconds[part, default: 0] += elapsed }
    mutating func countStep() { steps += 1 }

    /// Milliseconds per step of `part`.
    public func millisecondsPerStep(_ part: Part) -> Double {
        steps == 0 ? 0 : Double(nanoseconds[part] ?? 0) / 1e6 / Double(steps)
    }

    /// Milliseconds per step of all parts.
    public var totalMillisecondsPerStep: Double { Part.allCases.reduce(0) { $0 + millisecondsPerStep($1) } }

    /// "batch assembly 0.61 ms (4%) · forward 5.10 ms (35%) · …"
    public var summary: String {
        let total = max(totalMillisecondsPerStep, 1e-9)
        return Part.allCases.map { part in
            let ms = millisecondsPerStep(part)
            return "\(part.rawValue) \(Self.format(ms)) ms (\(Int((100 * ms / total).rounded()))%)"
        }.joined(separator: " · ")
    }

    static func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

/// A monotonic clock in nanoseconds.
@inline(__always) func monotonicNanoseconds() -> UInt64 { DispatchTime.now().uptimeNanoseconds }
