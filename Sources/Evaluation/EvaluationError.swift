import Support

/// Test data evaluation cannot draw conclusions from.
public enum EvaluationError: UserFacingError, Equatable {
    /// No labelled test clip holds the wake word.
    case noPositiveClips
    /// No ambient audio to count false accepts on.
    case noAmbientAudio

    public var message: String {
        switch self {
        case .noPositiveClips: "the positive testing store has no clips, so recall cannot be measured"
        case .noAmbientAudio: "there is no ambient test audio, so false accepts per hour cannot be measured"
        }
    }

    public var hint: String? {
        switch self {
        case .noPositiveClips: "add positive recordings to the dataset or raise the test split, then re-run `wakesmith features`"
        case .noAmbientAudio: "add long background recordings (an hour or more) to dataset/background, then re-run `wakesmith features`"
        }
    }
}
