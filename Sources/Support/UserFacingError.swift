/// An error the user can fix: a bad file, a config typo, a missing tool.
///
/// The command line prints it as one line, `error: <message>`, followed by `hint: <hint>` when there is
/// one, and exits with status 1. Anything else that reaches the top is a bug and is reported as such.
public protocol UserFacingError: Error, CustomStringConvertible {
    /// What went wrong, in one sentence without a trailing period.
    var message: String { get }
    /// What to do about it, when there is something to say.
    var hint: String? { get }
}

extension UserFacingError {
    public var hint: String? { nil }
    public var description: String {
        if let hint { return "\(message) (\(hint))" }
        return message
    }
}

/// A user-facing error with a free-form message, for the places where a dedicated error type would only
/// repeat the message.
public struct Failure: UserFacingError, Equatable {
    public let message: String
    public let hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}
