import Foundation
import Support

/// Where feature stores live (SPEC §4): `<work>/features/<set>/<split>/spectrograms_mmap` plus
/// `store.json` beside it. Sets are positive, negative and background; clip splits training, validation
/// and testing; background also has the ambient splits.
public enum FeatureStoreLayout {
    public static let mmapName = "spectrograms_mmap"
    public static let infoName = "store.json"
    public static let sets = ["positive", "negative", "background"]
    public static let clipSplits = ["training", "validation", "testing"]
    public static let ambientSplits = ["validation_ambient", "testing_ambient"]

    /// `<work>/features`.
    public static func featuresFolder(work: String) -> String { work + "/features" }

    /// The folder of one store: `<work>/features/<set>/<split>` (holds the mmap folder and store.json).
    public static func splitFolder(work: String, set: String, split: String) -> String {
        featuresFolder(work: work) + "/" + set + "/" + split
    }

    /// The RaggedMmap folder of one store.
    public static func mmapFolder(work: String, set: String, split: String) -> String {
        splitFolder(work: work, set: set, split: split) + "/" + mmapName
    }

    /// The RaggedMmap folders (names ending in `_mmap`) inside `folder`, sorted by name.
    public static func mmapFolders(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter { $0.hasSuffix("_mmap") && FileManagerShim.isFolder(folder + "/" + $0) }.sorted().map { folder + "/" + $0 }
    }

    /// The partial folder a store is assembled in before it replaces the real one.
    static func partialFolder(_ splitFolder: String) -> String { sibling(splitFolder, suffix: ".partial") }

    /// Where the previous store waits while the new one is renamed into place.
    static func oldFolder(_ splitFolder: String) -> String { sibling(splitFolder, suffix: ".old") }

    /// The finished chunks of a store being built.
    static func shardFolder(_ splitFolder: String) -> String { sibling(splitFolder, suffix: ".shards") }

    private static func sibling(_ folder: String, suffix: String) -> String {
        let parent = (folder as NSString).deletingLastPathComponent, name = (folder as NSString).lastPathComponent
        return parent + "/." + name + suffix
    }

    /// Deletes partial and old folders an interrupted run left behind (shards are kept: they resume work).
    @discardableResult
    public static func removeLeftovers(work: String) -> [String] {
        let root = featuresFolder(work: work)
        var removed: [String] = []
        for set in (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [] {
            let folder = root + "/" + set
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
                where name.hasPrefix(".") && (name.hasSuffix(".partial") || name.hasSuffix(".old"))
            {
                try? FileManager.default.removeItem(atPath: folder + "/" + name)
                removed.append(folder + "/" + name)
            }
        }
        return removed
    }
}
