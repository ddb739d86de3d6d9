import Support

/// An audio file that could not be read or written, with libsndfile's reason.
public struct AudioError: UserFacingError, Equatable {
    public let path: String
    public let reason: String
    public let hint: String?

    public init(path: String, reason: String, hint: String? = nil) {
        self.path = path
        self.reason = reason
        self.hint = hint
    }

    public var message: String { "\(path): \(reason)" }
}
