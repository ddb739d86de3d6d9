/// The TFLite Micro kernels ESPHome's `micro_wake_word` registers for the streaming model
/// (`register_streaming_ops_`, a `MicroMutableOpResolver<N>`), by release. A model using any other operator
/// fails to load ("Didn't find op for builtin opcode").
///
/// Sources: ESPHome git tags 2024.2.0 (14 ops), 2024.3.0 (PR #6360: +3), 2024.7.0 (PR #7032: +3, the
/// resolver becomes `<20>`), unchanged through the 2026.10.0 wheel (shared/notes/esphome_consumer.md §2.2,
/// firmware_harness.md §4).
public enum OperatorSet: Int, CaseIterable, Sendable, Comparable {
    /// 2024.2.x.
    case fourteen = 14
    /// 2024.3 – 2024.6.
    case seventeen = 17
    /// 2024.7 and later.
    case twenty = 20

    /// The operator names (TFLite's `BuiltinOperator` names), in ESPHome's registration order.
    public var operators: [String] {
        switch self {
        case .fourteen: Self.first14
        case .seventeen: Self.first14 + Self.added2024_3
        case .twenty: Self.first14 + Self.added2024_3 + Self.added2024_7
        }
    }

    public func contains(_ op: String) -> Bool { operators.contains(op) }

    static let first14 = ["CALL_ONCE", "VAR_HANDLE", "RESHAPE", "READ_VARIABLE", "STRIDED_SLICE", "CONCATENATION",
                          "ASSIGN_VARIABLE", "CONV_2D", "MUL", "ADD", "MEAN", "FULLY_CONNECTED", "LOGISTIC", "QUANTIZE"]
    static let added2024_3 = ["DEPTHWISE_CONV_2D", "AVERAGE_POOL_2D", "MAX_POOL_2D"]
    static let added2024_7 = ["PAD", "PACK", "SPLIT_V"]

    /// Every operator any release registers (the current list of 20).
    public static var all: [String] { OperatorSet.twenty.operators }

    /// The smallest set containing every operator of `ops`, or nil when one is in none.
    public static func smallest(containing ops: some Collection<String>) -> OperatorSet? {
        allCases.first { set in ops.allSatisfy(set.contains) }
    }

    public static func < (lhs: OperatorSet, rhs: OperatorSet) -> Bool { lhs.rawValue < rhs.rawValue }
}
