/// One entry of the model's operator code table: which builtin (or custom) operator an `Operator` runs.
public struct OperatorCode: Hashable, Sendable {
    /// The pre-2.4 field, a byte: codes ≥ 127 are stored as 127 (`PLACEHOLDER_FOR_GREATER_OP_CODES`).
    public var deprecatedBuiltinCode: Int8
    public var customCode: String?
    /// The kernel version the converter recorded (TFLite Micro ignores it).
    public var version: Int32
    public var builtinCode: Int32

    public init(deprecatedBuiltinCode: Int8, customCode: String? = nil, version: Int32 = 1, builtinCode: Int32) {
        self.deprecatedBuiltinCode = deprecatedBuiltinCode
        self.customCode = customCode
        self.version = version
        self.builtinCode = builtinCode
    }

    /// An operator code for `op` as current converters write it: both fields set.
    public init(_ op: BuiltinOperator, version: Int32 = 1) {
        self.init(deprecatedBuiltinCode: Int8(clamping: min(op.rawValue, 127)), version: version, builtinCode: op.rawValue)
    }

    /// The operator, resolved as TFLite Micro does (`schema_utils.cc`): the larger of the two fields.
    public var builtinOperator: BuiltinOperator {
        BuiltinOperator(rawValue: max(builtinCode, Int32(deprecatedBuiltinCode)))
    }
}
