import Config
import Features

/// What a stage reports when it has run: its key figure for the summary, and whether it had anything to do
/// (the features stage finds its stores up to date itself).
public struct StageReport: Sendable {
    public var figure: String
    public var didWork: Bool
    /// Lines worth repeating under the summary (a warning the user should not miss).
    public var warnings: [String]

    public init(figure: String, didWork: Bool = true, warnings: [String] = []) {
        self.figure = figure
        self.didWork = didWork
        self.warnings = warnings
    }
}

/// What a stage runs with.
public struct StageContext {
    public let config: WakesmithConfig
    /// Show progress bars (on standard error).
    public let showsProgress: Bool
    /// Continue interrupted work (training resumes from its checkpoint).
    public let resume: Bool
    /// Status lines for standard error.
    public let log: (String) -> Void
}

/// One stage of `wakesmith run`, calling its module's library.
protocol StageStep: Sendable {
    var stage: PipelineStage { get }
    /// The digest of everything the stage reads, or nil for a stage that always runs (it is cheap, or skips
    /// its own up-to-date work). Computed again after the stage ran, so it describes what the outputs were
    /// made from (evaluation rewrites the manifest's cutoff: the digest taken after it ran includes it).
    func fingerprint(_ config: WakesmithConfig) -> String?
    /// Files that must exist for the stage to count as done.
    func outputs(_ config: WakesmithConfig) -> [String]
    func run(_ context: StageContext) throws -> StageReport
}

/// Where the stages put what later stages read.
public enum PipelinePaths {
    public static func features(_ config: WakesmithConfig) -> String { FeatureStoreLayout.featuresFolder(work: config.features.workDirectory) }
    public static func bestWeights(_ config: WakesmithConfig) -> String { config.training.runDirectory + "/best.weights" }
    public static func model(_ config: WakesmithConfig) -> String { config.export.outputDirectory + "/" + config.export.modelName + ".tflite" }
    public static func manifest(_ config: WakesmithConfig) -> String { config.export.outputDirectory + "/" + config.export.modelName + ".json" }
    public static func state(_ config: WakesmithConfig) -> String { config.features.workDirectory + "/pipeline_state.json" }
    public static func reportHTML(_ config: WakesmithConfig) -> String { config.evaluation.reportDirectory + "/report.html" }
    public static func metrics(_ config: WakesmithConfig) -> String { config.evaluation.reportDirectory + "/metrics.json" }
}
