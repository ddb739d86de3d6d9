/// A range check on one key's value, as the Python models' `Field(ge=…, gt=…, le=…, lt=…)`: the message
/// says what is allowed.
public struct ValueCheck<Value>: Sendable {
    let failure: @Sendable (Value) -> String?

    public init(_ failure: @escaping @Sendable (Value) -> String?) {
        self.failure = failure
    }
}

extension ValueCheck where Value: Comparable & Sendable & CustomStringConvertible {
    public static func atLeast(_ bound: Value) -> ValueCheck {
        ValueCheck { $0 >= bound ? nil : "must be at least \(bound), got \($0)" }
    }

    public static func greaterThan(_ bound: Value) -> ValueCheck {
        ValueCheck { $0 > bound ? nil : "must be greater than \(bound), got \($0)" }
    }

    public static func atMost(_ bound: Value) -> ValueCheck {
        ValueCheck { $0 <= bound ? nil : "must be at most \(bound), got \($0)" }
    }

    public static func lessThan(_ bound: Value) -> ValueCheck {
        ValueCheck { $0 < bound ? nil : "must be less than \(bound), got \($0)" }
    }

    /// Inclusive on both ends.
    public static func within(_ range: ClosedRange<Value>) -> ValueCheck {
        ValueCheck { range.contains($0) ? nil : "must be from \(range.lowerBound) to \(range.upperBound), got \($0)" }
    }

    /// Exclusive on both ends.
    public static func strictlyBetween(_ low: Value, _ high: Value) -> ValueCheck {
        ValueCheck { $0 > low && $0 < high ? nil : "must be greater than \(low) and less than \(high), got \($0)" }
    }
}
