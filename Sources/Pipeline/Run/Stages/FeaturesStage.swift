import Config
import Dataset
import Features
import Support

/// Augmentation and the device frontend → feature stores. Always runs: the builder skips every store whose
/// settings and sources are unchanged, and reports the stage as up to date when it built none.
struct FeaturesStage: StageStep {
    var stage: PipelineStage { .features }

    func fingerprint(_ config: WakesmithConfig) -> String? { nil }
    func outputs(_ config: WakesmithConfig) -> [String] { [] }

    func run(_ context: StageContext) throws -> StageReport {
        let config = context.config
        let show = context.showsProgress
        let scan = try DatasetScanner.scan(config.dataset, progress: { ProgressBar(label: "scan", total: $0, unit: "files", enabled: show && $0 >= 500) })
        let sources = try FeatureSources.files(scan.records, datasetRoot: config.dataset.root)
        var builder = FeatureBuilder(settings: FeatureBuildSettings(config.features))
        builder.showProgress = show
        let summary = try builder.build(sources: sources)
        if summary.built.isEmpty {
            return StageReport(figure: "\(summary.skipped.count) stores up to date", didWork: false, warnings: summary.notes)
        }
        let rate = String(format: "%.0f", summary.clipsPerSecond)
        return StageReport(figure: "\(summary.built.count) stores built (\(summary.clips) clips, \(rate) clips/s), "
            + "\(summary.skipped.count) up to date", warnings: summary.notes)
    }
}
