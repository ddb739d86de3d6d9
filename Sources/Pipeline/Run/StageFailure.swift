import Support

/// A stage that could not finish: its name and its own error, on one line.
public struct StageFailure: UserFacingError {
    /// The stage's name (`train`; the demo's `synth`).
    public let stage: String
    public let reason: String
    public let underlyingHint: String?

    public init(stage: PipelineStage, error: any Error) {
        self.init(name: stage.rawValue, error: error)
    }

    public init(name: String, error: any Error) {
        stage = name
        if let error = error as? UserFacingError {
            reason = error.message
            underlyingHint = error.hint
        } else {
            reason = "unexpected failure: \(error)"
            underlyingHint = "this is a bug in wakesmith; please report it with the command you ran"
        }
    }

    public var message: String { "\(stage): \(reason)" }

    public var hint: String? {
        let again = "then run again: finished stages are kept"
        return underlyingHint.map { "\($0); \(again)" } ?? "fix it, \(again)"
    }
}
