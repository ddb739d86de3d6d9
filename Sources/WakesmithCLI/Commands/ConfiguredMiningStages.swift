import Config
import Evaluation
import Export
import Features
import Foundation
import Support
import TFLiteFormat
import Training

/// The stages `wakesmith mine` runs between rounds, from a configuration: export through `Export.Exporter`,
/// fine-tuning through `Training.Trainer`, the training's checkpoint rule. Work files go to
/// `<features.work_dir>/mining/`.
struct ConfiguredMiningStages: MiningStages {
    let config: WakesmithConfig
    let showsProgress: Bool

    var miningFolder: String { config.features.workDirectory + "/mining" }

    var windowFrames: Int { MixedNetArchitecture(config.model).receptiveField }

    func negativeSets() throws -> [(name: String, clips: any SpectrogramSource)] {
        let hardNegatives = HardNegativeStore(work: config.features.workDirectory).folder
        var sets: [(name: String, clips: any SpectrogramSource)] = []
        for set in config.training.featureSets where !set.truth && URL(fileURLWithPath: set.path).standardizedFileURL
            != URL(fileURLWithPath: hardNegatives).standardizedFileURL
        {
            if let clips = try FeatureStoreSpectrograms(setFolder: set.path, split: "training"), clips.count > 0 {
                sets.append((set.name, clips))
            }
        }
        return sets
    }

    func metrics(ofWeights path: String) -> [String: Double]? {
        let file = (path as NSString).deletingLastPathComponent + "/best_metrics.json"
        guard let data = FileManager.default.contents(atPath: file), let json = try? JSONValue(parsing: [UInt8](data)) else { return nil }
        return Self.scalars(EvaluationRecord(json: json))
    }

    func streamingModel(weights: String, round: Int) throws -> @Sendable () throws -> any StreamingModel {
        var settings = ExportSettings(config)
        settings.outputDirectory = miningFolder + "/models"
        settings.modelName = "round_\(round)"
        settings.agreementClips = 0
        let result = try Exporter(settings: settings, showProgress: showsProgress) { _ in }.export(weightsPath: weights)
        let model = try TFLiteModel(contentsOf: URL(fileURLWithPath: result.modelPath))
        _ = try EmulatedStreamingModel(model: model) // refuse before mining when the device could not run it
        return { try EmulatedStreamingModel(model: model) }
    }

    func fineTune(round: Int, from weights: String, hardNegatives: FeatureSetDescription) throws -> (weights: String, metrics: [String: Double])? {
        let base = try Trainer(config: config)
        var sets = base.featureSets
        let listed = config.training.featureSets.contains {
            URL(fileURLWithPath: $0.path).standardizedFileURL == URL(fileURLWithPath: hardNegatives.folder).standardizedFileURL
        }
        if !listed { sets.append(try FeatureSet(description: hardNegatives)) }
        var options = base.options
        let last = options.schedule.phases.last
        options.schedule = TrainingSchedule([TrainingSchedule.Phase(steps: config.mining.fineTuneSteps,
                                                                    learningRate: Float(config.mining.learningRate),
                                                                    batch: last?.batch ?? BatchSettings())])
        options.evaluateEvery = min(options.evaluateEvery, config.mining.fineTuneSteps)
        options.checkpointEvery = min(options.checkpointEvery, config.mining.fineTuneSteps)
        options.runDirectory = miningFolder + "/round_\(round)"
        options.initialWeights = weights
        options.showsProgress = showsProgress
        let result = try Trainer(options: options, featureSets: sets).run(resume: false) { _ in }
        guard let path = result.bestWeightsPath, let best = result.best else { return nil }
        return (path, Self.scalars(best))
    }

    func isBetter(_ candidate: [String: Double], than incumbent: [String: Double]?) -> Bool {
        let selection = config.training.checkpointSelection
        var rule = CheckpointRule(minimizationMetric: selection.minimizationMetric, targetMinimization: selection.targetMinimization,
                                  maximizationMetric: selection.maximizationMetric)
        if candidate[rule.minimizationMetric] == nil { rule = .withoutAmbient }
        return rule.isBetter(Self.record(candidate), than: incumbent.map(Self.record))
    }

    /// Makes `weights` the run's best (the original kept once beside it), with its metrics.
    func install(_ weights: String, as best: String) throws {
        let folder = (best as NSString).deletingLastPathComponent
        let backup = folder + "/best.before_mining.weights"
        let manager = FileManager.default
        if !manager.fileExists(atPath: backup) { try manager.copyItem(atPath: best, toPath: backup) }
        guard let data = manager.contents(atPath: weights) else { throw Failure("cannot read \(weights)") }
        try AtomicFile.write(data, to: best)
        let metrics = (weights as NSString).deletingLastPathComponent + "/best_metrics.json"
        if let text = manager.contents(atPath: metrics) { try AtomicFile.write(text, to: folder + "/best_metrics.json") }
    }

    static func scalars(_ record: EvaluationRecord) -> [String: Double] {
        var values: [String: Double] = [:]
        for scalar in record.scalars { if let value = scalar.value, value.isFinite { values[scalar.name] = value } }
        return values
    }

    static func record(_ values: [String: Double]) -> EvaluationRecord {
        var record = EvaluationRecord()
        for (name, value) in values.sorted(by: { $0.key < $1.key }) { record[name] = value }
        return record
    }
}
