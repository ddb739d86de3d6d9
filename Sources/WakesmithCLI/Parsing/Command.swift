import Support

/// One `wakesmith` command. Each lives in its own file under `Commands/` and is listed in `CommandTree`.
///
/// A command declares its options and positional arguments; the parser checks them, prints `--help` from
/// them, and hands `run` the parsed values. `run` returns the exit status (0 success, 1 a user-facing
/// failure such as a model that will not load) and throws `UserFacingError`s for everything else the user
/// can fix.
public protocol Command: SendableMetatype {
    /// The words after `wakesmith`, e.g. `["validate"]` or `["device", "test"]`.
    static var path: [String] { get }
    /// One line for the command list.
    static var abstract: String { get }
    /// Paragraphs shown by `--help` after the usage line (may be empty).
    static var discussion: String { get }
    /// Named options (`--name value` or `--flag`).
    static var options: [Option] { get }
    /// Positional arguments, in order.
    static var arguments: [Argument] { get }
    /// Runs the command.
    static func run(_ parsed: ParsedArguments) throws -> Int32
}

extension Command {
    public static var discussion: String { "" }
    public static var arguments: [Argument] { [] }
    public static var displayName: String { (["wakesmith"] + path).joined(separator: " ") }
}

/// A named option of a command.
public struct Option: Sendable {
    /// The long name without dashes (`dataset` for `--dataset`).
    public let name: String
    /// The value's placeholder (`DIR`), or nil for a boolean flag.
    public let valueName: String?
    /// One line of help.
    public let help: String
    /// Whether the option may be given several times (values are collected in order).
    public let repeatable: Bool

    /// A boolean flag such as `--fix`.
    public static func flag(_ name: String, _ help: String) -> Option {
        Option(name: name, valueName: nil, help: help, repeatable: false)
    }

    /// An option taking a value, such as `--dataset DIR`.
    public static func value(_ name: String, _ valueName: String, _ help: String, repeatable: Bool = false) -> Option {
        Option(name: name, valueName: valueName, help: help, repeatable: repeatable)
    }
}

/// A positional argument of a command.
public struct Argument: Sendable {
    public let name: String
    public let help: String
    /// How many values it takes: `1...1` required, `0...1` optional, `1...Int.max` one or more.
    public let count: ClosedRange<Int>

    public init(_ name: String, _ help: String, count: ClosedRange<Int> = 1 ... 1) {
        self.name = name
        self.help = help
        self.count = count
    }
}

/// The command line was wrong: exit status 2, the message, and where to find the usage.
public struct UsageError: Error, CustomStringConvertible {
    public let message: String
    public let command: String

    public init(_ message: String, command: String) {
        self.message = message
        self.command = command
    }

    public var description: String { "\(message) (see '\(command) --help')" }
}
