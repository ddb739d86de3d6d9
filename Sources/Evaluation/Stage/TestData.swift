import Config
import Features
import Frontend
import Support

/// The test data of a configuration: the `testing` store of every feature set in `training.feature_sets`
/// (labelled by the set's `truth`) and each set's `testing_ambient` store, listened to as one continuous
/// recording (SPEC §4). Without configured feature sets, the feature stage's own sets under
/// `<features.work_dir>/features` (positive holds the wake word). Sets without a testing store (a mined
/// hard-negative set) are skipped.
struct TestData {
    var labelled: [StreamMeasurer.LabelledSet] = []
    var ambient: [StreamMeasurer.Recording] = []
    /// Every store of the sets, for the model card.
    var summary: [ModelCard.DataRow] = []

    /// The feature sets evaluation reads: (name, folder, holds the wake word).
    static func sets(_ config: WakesmithConfig) -> [(name: String, folder: String, truth: Bool)] {
        if !config.training.featureSets.isEmpty {
            return config.training.featureSets.map { ($0.name, $0.path, $0.truth) }
        }
        return FeatureStoreLayout.sets.map { set in
            (set, FeatureStoreLayout.featuresFolder(work: config.features.workDirectory) + "/" + set, set == "positive")
        }
    }

    init(config: WakesmithConfig) throws {
        for set in Self.sets(config) {
            if let clips = try FeatureStoreSpectrograms(setFolder: set.folder, split: "testing"), clips.count > 0 {
                labelled.append(.init(name: set.name, isWakeWord: set.truth, clips: clips))
            }
            if !set.truth, let windows = try FeatureStoreSpectrograms(setFolder: set.folder, split: "testing_ambient"), windows.count > 0 {
                ambient.append(.init(name: "\(set.name) testing_ambient", windows: windows))
            }
            for split in FeatureStoreLayout.clipSplits + FeatureStoreLayout.ambientSplits {
                if let row = Self.row(set: set.name, split: split, folder: set.folder + "/" + split) { summary.append(row) }
            }
        }
        guard labelled.contains(where: \.isWakeWord) else { throw EvaluationError.noPositiveClips }
        guard !ambient.isEmpty else { throw EvaluationError.noAmbientAudio }
    }

    /// One store's line of the model card, from its `store.json`.
    static func row(set: String, split: String, folder: String) -> ModelCard.DataRow? {
        guard let info = FeatureStore.info(splitFolder: folder), let count = info["count"]?.integerValue else { return nil }
        let frames = info["total_frames"]?.integerValue
        let hours = frames.map { Double($0) * Double(FrontendParameters.device.stepMilliseconds) / 1000 / 3600 }
        var sources: Int?
        if case let .object(fields)? = info["sources"] { sources = fields.count }
        return ModelCard.DataRow(set: set, split: split, clips: count, hours: hours, sources: sources)
    }
}
