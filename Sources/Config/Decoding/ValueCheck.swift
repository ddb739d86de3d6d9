/// A range check on one key's value, as the Python models' `Field(ge=…, gt=…, le=…, lt=…)`: the message
/// says what is allowed; `summary` says it for the configuration reference (`≥ 1`).
public struct ValueCheck<Value>: Sendable {
    /// What the check allows, as the reference prints it.
    public let summary: String
    let failure: @Sendable (Value) -> String?

    public init(_ summary: String, _ failure: @escaping @Sendable (Value) -> String?) {
        self.summary = summary
        self.failure = failure
    }
}

extension ValueCheck where Value: Comparable & Sendable & CustomStringConvertible {
    public static func atLeast(_ bound: Value) -> ValueCheck {
        ValueCheck("≥ \(bound)") { $0 >= bound ? nil : "must be at least \(bound), got \($0)" }
    }

    public static func greaterThan(_ bound: Value) -> ValueCheck {
        ValueCheck("> \(bound)") { $0 > bound ? nil : "must be greater than \(bound), got \($0)" }
    }

    public static func atMost(_ bound: Value) -> ValueCheck {
        ValueCheck("≤ \(bound)") { $0 <= bound ? nil : "must be at most \(bound), got \($0)" }
    }

    public static func lessThan(_ bound: Value) -> ValueCheck {
        ValueCheck("< \(bound)") { $0 < bound ? nil : "must be less than \(bound), got \($0)" }
    }

    /// Inclusive on both ends.
    public static func within(_ range: ClosedRange<Value>) -> ValueCheck {
        ValueCheck("\(range.lowerBound) to \(range.upperBound)") {
            range.contains($0) ? nil : "must be from \(range.lowerBound) to \(range.upperBound), got \($0)"
        }
    }

    /// Exclusive on both ends.
    public static func strictlyBetween(_ low: Value, _ high: Value) -> ValueCheck {
        ValueCheck("> \(low) and < \(high)") {
            $0 > low && $0 < high ? nil : "must be greater than \(low) and less than \(high), got \($0)"
        }
    }
}
