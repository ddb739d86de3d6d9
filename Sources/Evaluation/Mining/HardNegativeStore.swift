import Features
import Frontend
import Foundation
import Support

/// The hard-negative feature set: `<work>/features/hard_negative/training/` (SPEC §4 layout, a RaggedMmap
/// store written atomically by `Features.FeatureStoreWriter`), accumulated across rounds and runs. A
/// training configuration uses it as a feature set (truth false, `truncate_start`); mining adds it for its
/// fine-tuning when the configuration does not list it.
public struct HardNegativeStore: Sendable {
    /// The feature set's name.
    public static let setName = "hard_negative"
    /// The one split it has.
    public static let split = "training"

    /// The feature set folder (holding `training/`): a `training.feature_sets` path.
    public let folder: String

    public init(work: String) {
        folder = FeatureStoreLayout.featuresFolder(work: work) + "/" + Self.setName
    }

    /// Windows stored by earlier rounds and runs; windows of another length (the model changed) are dropped.
    public func stored(windowFrames: Int, channels: Int = FrontendParameters.device.channelCount) throws(StoreError) -> [[UInt16]] {
        let splitFolder = folder + "/" + Self.split
        guard FileManager.default.fileExists(atPath: splitFolder + "/" + FeatureStoreLayout.mmapName) else { return [] }
        let reader = try FeatureStore.open(splitFolder)
        return (0 ..< reader.count).filter { reader.values($0).count == windowFrames * channels }.map { reader.values($0) }
    }

    /// The new windows among `found`: not stored yet and not found twice, the `limit` highest-scoring (first
    /// found on ties). Returns them and how many were dropped as duplicates.
    public static func selectNew(_ found: [HardNegative], stored: [[UInt16]], limit: Int) -> (new: [HardNegative], duplicates: Int) {
        var seen = Set(stored)
        var unique: [HardNegative] = []
        let ordered = found.enumerated().sorted { ($0.element.score, -$0.offset) > ($1.element.score, -$1.offset) }.map(\.element)
        for item in ordered where seen.insert(item.frames).inserted {
            unique.append(item)
        }
        return (Array(unique.prefix(limit)), found.count - unique.count)
    }

    /// Replaces the store with `windows` (atomically: a killed run leaves the previous store).
    public func write(_ windows: [[UInt16]], channels: Int = FrontendParameters.device.channelCount,
                      info: [(key: String, value: JSONValue)]) throws(StoreError) {
        let writer = try FeatureStoreWriter(splitFolder: folder + "/" + Self.split)
        for window in windows { try writer.append(Spectrogram(values: window, channelCount: channels)) }
        try writer.commit(info)
    }
}
