import Support

/// What can stop training that the user can fix.
public enum TrainingError: UserFacingError, Equatable {
    /// A checkpoint or weights file that does not belong to this configuration.
    case checkpointMismatch(String)
    /// Training data missing or unusable.
    case data(String, hint: String)
    /// A setting that cannot work.
    case configuration(String, hint: String)

    public var message: String {
        switch self {
        case let .checkpointMismatch(reason): "cannot resume: \(reason)"
        case let .data(message, _): message
        case let .configuration(message, _): message
        }
    }

    public var hint: String? {
        switch self {
        case .checkpointMismatch: "run `wakesmith train` without --resume to start over"
        case let .data(_, hint): hint
        case let .configuration(_, hint): hint
        }
    }
}
