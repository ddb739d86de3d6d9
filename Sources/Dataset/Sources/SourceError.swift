import Support

/// A fetch that could not be done: no apt-get, no network, a package that changed.
public struct SourceError: UserFacingError, Equatable {
    public let message: String
    public let hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}
