import Support

/// A dataset problem the user can fix (a missing folder, an unusable group pattern).
public struct DatasetError: UserFacingError, Equatable {
    public let message: String
    public let hint: String?

    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
}
