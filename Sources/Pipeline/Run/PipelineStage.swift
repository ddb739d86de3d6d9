/// The stages `wakesmith run` goes through, in order.
public enum PipelineStage: String, CaseIterable, Sendable {
    case validate, features, train, export, eval, verify

    /// The stages named in `--force` (comma-separated; `all` is every stage), or a message naming the unknown one.
    public static func parse(_ names: [String]) -> Result<Set<PipelineStage>, StageNameError> {
        var stages: Set<PipelineStage> = []
        for name in names {
            if name == "all" {
                stages.formUnion(allCases)
            } else if let stage = PipelineStage(rawValue: name) {
                stages.insert(stage)
            } else {
                return .failure(StageNameError(name: name))
            }
        }
        return .success(stages)
    }
}

/// A stage name that is not one of `PipelineStage`'s.
public struct StageNameError: Error, Sendable {
    public let name: String

    public var message: String {
        "unknown stage '\(name)'; stages are \(PipelineStage.allCases.map(\.rawValue).joined(separator: ", ")), or all"
    }
}
