/// A place in a YAML text, counted from 1 as editors show it.
public struct SourceMark: Equatable, Sendable, CustomStringConvertible {
    public let line: Int
    public let column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    public var description: String { "line \(line), column \(column)" }
}

/// One node of a parsed YAML document, before any meaning is given to it. libyaml resolves no types, so a
/// scalar is its text plus whether it was quoted; `YAMLScalar` decides what a plain scalar means.
public indirect enum YAMLNode: Sendable {
    case scalar(YAMLScalar, SourceMark)
    case sequence([YAMLNode], SourceMark)
    /// Pairs in document order; keys are scalars' text (a non-scalar key is a parse error).
    case mapping([(key: String, keyMark: SourceMark, value: YAMLNode)], SourceMark)

    /// Where the node starts.
    public var mark: SourceMark {
        switch self {
        case let .scalar(_, mark), let .sequence(_, mark), let .mapping(_, mark): mark
        }
    }

    /// "a mapping", "a list", or how the scalar reads ("the number 3", "the text 'fast'"), for messages.
    public var shortDescription: String {
        switch self {
        case .mapping: "a mapping"
        case .sequence: "a list"
        case let .scalar(scalar, _): scalar.shortDescription
        }
    }
}

/// A scalar's text and quoting. Plain scalars are read as YAML 1.1 does (what PyYAML's `safe_load` gives the
/// Python reference): `null`/`~`/empty, booleans (`true`, `yes`, `on`, …), integers, floats; quoted
/// scalars are always text.
public struct YAMLScalar: Sendable, Equatable {
    public let text: String
    public let isQuoted: Bool

    public init(text: String, isQuoted: Bool) {
        self.text = text
        self.isQuoted = isQuoted
    }

    /// What a plain scalar means.
    public enum Resolved: Equatable, Sendable {
        case null
        case bool(Bool)
        case integer(Int)
        case float(Double)
        case string(String)
    }

    public var resolved: Resolved {
        if isQuoted { return .string(text) }
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE", "yes", "Yes", "YES", "on", "On", "ON": return .bool(true)
        case "false", "False", "FALSE", "no", "No", "NO", "off", "Off", "OFF": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .float(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .float(-.infinity)
        case ".nan", ".NaN", ".NAN": return .float(.nan)
        default: break
        }
        if let integer = Self.integer(text) { return .integer(integer) }
        if let float = Self.float(text) { return .float(float) }
        return .string(text)
    }

    var shortDescription: String {
        switch resolved {
        case .null: "null"
        case let .bool(value): "the boolean \(value)"
        case let .integer(value): "the number \(value)"
        case .float: "the number \(text)"
        case let .string(value): "the text '\(value)'"
        }
    }

    /// YAML 1.1 integers as PyYAML reads them: decimal with optional sign and underscores, 0x hex, 0o or
    /// leading-0 octal, 0b binary.
    static func integer(_ text: String) -> Int? {
        var body = Substring(text)
        var negative = false
        if let sign = body.first, sign == "-" || sign == "+" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        guard let first = body.first, first.isASCII, first.isNumber else { return nil }
        let digits = body.filter { $0 != "_" }
        var radix = 10
        var number = Substring(digits)
        if digits.hasPrefix("0x") { radix = 16; number = number.dropFirst(2) }
        else if digits.hasPrefix("0o") { radix = 8; number = number.dropFirst(2) }
        else if digits.hasPrefix("0b") { radix = 2; number = number.dropFirst(2) }
        else if digits.count > 1, digits.hasPrefix("0") { radix = 8; number = number.dropFirst() }
        guard !number.isEmpty, let magnitude = Int(number, radix: radix) else { return nil }
        return negative ? -magnitude : magnitude
    }

    /// YAML 1.1 floats: digits with a decimal point and an optional exponent (`1.0e9`, `.5`, `-2.`); also
    /// an exponent without a point (`1e9`), which PyYAML leaves as text but the Python models then read as a
    /// number, so both implementations end with the same value.
    static func float(_ text: String) -> Double? {
        let body = text.filter { $0 != "_" }
        guard !body.isEmpty,
              body.allSatisfy({ $0.isASCII && ($0.isNumber || "+-.eE".contains($0)) }),
              body.contains(where: \.isNumber),
              let value = Double(body)
        else { return nil }
        return value
    }
}
