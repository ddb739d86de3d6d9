import Support

/// The checked arguments of one command: option values by name, flags, and positional values.
public struct ParsedArguments: Sendable {
    public let command: String
    public private(set) var positional: [String] = []
    private var values: [String: [String]] = [:]
    private var flags: Set<String> = []

    init(command: String) { self.command = command }

    mutating func appendValue(_ value: String, for name: String) { values[name, default: []].append(value) }
    mutating func setFlag(_ name: String) { flags.insert(name) }
    mutating func appendPositional(_ value: String) { positional.append(value) }

    /// Whether the flag `--name` was given.
    public func flag(_ name: String) -> Bool { flags.contains(name) }

    /// The value of `--name`, or nil when absent (the last one when given several times).
    public func value(_ name: String) -> String? { values[name]?.last }

    /// Every value of a repeatable `--name`, in order.
    public func values(_ name: String) -> [String] { values[name] ?? [] }

    /// The value of `--name`, which must be present.
    public func required(_ name: String) throws(UsageError) -> String {
        guard let value = value(name) else { throw UsageError("missing --\(name)", command: command) }
        return value
    }

    /// The value of `--name` as an integer within `range`, or `defaultValue` when absent.
    public func integer(_ name: String, default defaultValue: Int? = nil, in range: ClosedRange<Int> = Int.min ... Int.max)
        throws(UsageError) -> Int?
    {
        guard let text = value(name) else { return defaultValue }
        guard let number = Int(text), range.contains(number) else {
            throw UsageError("--\(name) takes a whole number\(Self.describe(range)), not '\(text)'", command: command)
        }
        return number
    }

    /// The value of `--name` as a number within `range`, or `defaultValue` when absent.
    public func number(_ name: String, default defaultValue: Double? = nil,
                       in range: ClosedRange<Double> = -Double.greatestFiniteMagnitude ... Double.greatestFiniteMagnitude)
        throws(UsageError) -> Double?
    {
        guard let text = value(name) else { return defaultValue }
        guard let number = Double(text), number.isFinite, range.contains(number) else {
            throw UsageError("--\(name) takes a number\(Self.describe(range)), not '\(text)'", command: command)
        }
        return number
    }

    /// A comma-separated list option (`--esphome 2025.5.0,2026.6.0`), empty when absent.
    public func list(_ name: String) -> [String] {
        values(name).flatMap { $0.split(separator: ",").map { String($0).trimmingWhitespace() } }.filter { !$0.isEmpty }
    }

    private static func describe(_ range: ClosedRange<Int>) -> String {
        switch (range.lowerBound, range.upperBound) {
        case (Int.min, Int.max): ""
        case (let low, Int.max): " of at least \(low)"
        case let (low, high): " from \(low) to \(high)"
        }
    }

    private static func describe(_ range: ClosedRange<Double>) -> String {
        if range.lowerBound == -Double.greatestFiniteMagnitude, range.upperBound == Double.greatestFiniteMagnitude { return "" }
        if range.upperBound == Double.greatestFiniteMagnitude { return " of at least \(range.lowerBound)" }
        return " from \(range.lowerBound) to \(range.upperBound)"
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
