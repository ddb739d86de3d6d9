import Support

/// Test data evaluation cannot draw conclusions from.
public enum EvaluationError: UserFacingError, Equatable {
    /// No labelled test clip holds the wake word.
    case noPositiveClips
    /// No ambient audio to count false accepts on.
    case noAmbientAudio
    /// The manifest to evaluate does not exist.
    case manifestMissing(String)
    /// The manifest is not one ESPHome would accept.
    case manifestUnreadable(String)
    /// A version 1 manifest (evaluation writes the cutoff into version 2 manifests only).
    case legacyManifest(String)
    /// The model file the manifest names does not exist.
    case modelMissing(String, manifest: String)
    /// The model cannot run as the firmware runs it.
    case modelNotRunnable(String)
    /// The chosen cutoff could not be written into the manifest.
    case manifestNotWritten(String, String)

    public var message: String {
        switch self {
        case .noPositiveClips: "the positive testing store has no clips, so recall cannot be measured"
        case .noAmbientAudio: "there is no ambient test audio, so false accepts per hour cannot be measured"
        case let .manifestMissing(path): "model manifest \(path) not found"
        case let .manifestUnreadable(message): message
        case let .legacyManifest(path): "\(path) is a version 1 manifest; evaluation writes its cutoff into version 2 manifests only"
        case let .modelMissing(path, manifest): "model file \(path) named by \(manifest) not found"
        case let .modelNotRunnable(reason): "the model cannot run as the device runs it: \(reason)"
        case let .manifestNotWritten(path, reason): "cannot write the chosen cutoff into \(path): \(reason)"
        }
    }

    public var hint: String? {
        switch self {
        case .noPositiveClips: "add positive recordings to the dataset or raise the test split, then re-run `wakesmith features`"
        case .noAmbientAudio: "add long background recordings (an hour or more) to dataset/background, then re-run `wakesmith features`"
        case .manifestMissing, .modelMissing: "run `wakesmith export --config CFG` first (or pass --model PATH.json)"
        case .manifestUnreadable: "fix the keys named above or re-run `wakesmith export --config CFG`"
        case .legacyManifest: "re-export the model with `wakesmith export --config CFG` to get a version 2 manifest"
        case .modelNotRunnable: "re-export the model with `wakesmith export --config CFG`; `wakesmith verify` says what ESPHome would refuse"
        case .manifestNotWritten: "check that the folder is writable; the report and model card were written"
        }
    }
}
