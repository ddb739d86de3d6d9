import Support

/// One evaluation during training: scalars by name in a fixed order (those of the reference's
/// metrics.jsonl: `step`, `phase`, `learning_rate`, `train_loss`, `train_accuracy`, `loss`, `recall`,
/// `precision`, `accuracy`, `f1`, `false_positive_rate`, `ambient_false_accepts_per_hour`,
/// `average_viable_recall`, `ambient_hours`, `best_step`, …), nil where a metric could not be measured, and
/// per-cutoff curves.
public struct EvaluationRecord: Sendable, Equatable {
    public private(set) var scalars: [(name: String, value: Double?)] = []
    public private(set) var curves: [(name: String, values: [Double])] = []

    public init() {}

    public static func == (lhs: EvaluationRecord, rhs: EvaluationRecord) -> Bool {
        lhs.scalars.elementsEqual(rhs.scalars) { $0.name == $1.name && $0.value == $1.value }
            && lhs.curves.elementsEqual(rhs.curves) { $0.name == $1.name && $0.values == $1.values }
    }

    public subscript(name: String) -> Double? {
        get { scalars.last { $0.name == name }?.value.flatMap { $0.isNaN ? nil : $0 } }
        set {
            if let index = scalars.firstIndex(where: { $0.name == name }) {
                scalars[index].value = newValue
            } else {
                scalars.append((name, newValue))
            }
        }
    }

    public mutating func setCurve(_ name: String, _ values: [Double]) {
        if let index = curves.firstIndex(where: { $0.name == name }) {
            curves[index].values = values
        } else {
            curves.append((name, values))
        }
    }

    public func curve(_ name: String) -> [Double]? { curves.last { $0.name == name }?.values }

    /// The training step it belongs to.
    public var step: Int { Int(self["step"] ?? 0) }

    /// One JSON object: scalars (integers where whole-numbered counts), then `<name>_curve` arrays.
    public func json(includingCurves: Bool = true) -> JSONValue {
        var pairs: [(key: String, value: JSONValue)] = scalars.map { scalar in
            guard let value = scalar.value, value.isFinite else { return (scalar.name, .null) }
            if ["step", "phase", "examples", "best_step"].contains(scalar.name), value == value.rounded() {
                return (scalar.name, .integer(Int(value)))
            }
            return (scalar.name, .number(value))
        }
        if includingCurves {
            pairs += curves.map { (key: "\($0.name)_curve", value: .array($0.values.map { .number($0) })) }
        }
        return .object(pairs)
    }

    /// Reads the form `json` writes.
    public init(json: JSONValue) {
        guard case let .object(pairs) = json else { return }
        for (key, value) in pairs {
            if key.hasSuffix("_curve"), let items = value.arrayValue {
                curves.append((String(key.dropLast(6)), items.compactMap(\.doubleValue)))
            } else if case .null = value {
                scalars.append((key, nil))
            } else if let number = value.doubleValue {
                scalars.append((key, number))
            } else if let flag = value.boolValue {
                scalars.append((key, flag ? 1 : 0))
            }
        }
    }

    /// The finite scalars TensorBoard shows (not `step`, `phase`).
    var tensorBoardScalars: [(tag: String, value: Double)] {
        scalars.compactMap { scalar in
            guard !["step", "phase", "baseline"].contains(scalar.name), let value = scalar.value, value.isFinite
            else { return nil }
            return (scalar.name, value)
        }
    }
}
