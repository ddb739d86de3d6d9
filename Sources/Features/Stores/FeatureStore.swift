import Foundation
import Frontend
import Support

/// One feature store on disk: a RaggedMmap of uint16 spectrograms [frames, 40] in raw frontend units
/// (float feature = raw × 0.0390625, lossless) and `store.json` describing it.
public enum FeatureStore {
    /// Bumped when the meaning of store contents changes, so existing stores are rebuilt.
    public static let format = 1

    /// The store's description, or nil when missing or unreadable (then the store is rebuilt).
    public static func info(splitFolder: String) -> JSONValue? {
        guard let data = FileManager.default.contents(atPath: splitFolder + "/" + FeatureStoreLayout.infoName) else { return nil }
        return try? JSONValue(parsing: [UInt8](data))
    }

    /// Whether the store exists, is complete and was built from these settings and sources.
    public static func isCurrent(splitFolder: String, configHash: String, sourceHash: String) -> Bool {
        guard let info = info(splitFolder: splitFolder) else { return false }
        return info["format"]?.integerValue == format && info["config_hash"]?.stringValue == configHash
            && info["source_hash"]?.stringValue == sourceHash
            && FileManagerShim.isFolder(splitFolder + "/" + FeatureStoreLayout.mmapName)
    }

    /// Opens a store for reading; `path` is the split folder or its `_mmap` folder.
    public static func open(_ path: String) throws(StoreError) -> RaggedMmapReader {
        let folder = path.hasSuffix("_mmap") ? path : path + "/" + FeatureStoreLayout.mmapName
        guard FileManagerShim.isFolder(folder) else {
            throw StoreError(folder, "no feature store here; run `wakesmith features --config CFG` first")
        }
        return try RaggedMmapReader(folder: folder)
    }
}

/// Assembles a store in a hidden partial folder beside the real one, then swaps it in at once: `store.json`
/// is written last inside the partial folder, and the partial folder replaces the store by a rename. A
/// killed run leaves at most a partial folder, which the next run deletes.
///
/// A `final class` because it owns the open RaggedMmap writer.
public final class FeatureStoreWriter {
    public let splitFolder: String
    private let partial: String
    private let writer: RaggedMmapWriter
    private(set) var count = 0
    private(set) var totalFrames = 0
    private(set) var framesMin: Int?
    private(set) var framesMax = 0
    private var committed = false

    public init(splitFolder: String) throws(StoreError) {
        self.splitFolder = splitFolder
        partial = FeatureStoreLayout.partialFolder(splitFolder)
        try? FileManager.default.removeItem(atPath: partial)
        writer = try RaggedMmapWriter(folder: partial + "/" + FeatureStoreLayout.mmapName)
    }

    /// Appends one spectrogram.
    public func append(_ spectrogram: Spectrogram) throws(StoreError) {
        try writer.append(spectrogram)
        count += 1
        totalFrames += spectrogram.frameCount
        framesMin = min(framesMin ?? spectrogram.frameCount, spectrogram.frameCount)
        framesMax = max(framesMax, spectrogram.frameCount)
    }

    /// Writes `store.json` (the counts, the frontend's units and `extra`), then swaps the store into place.
    @discardableResult
    public func commit(_ extra: [(key: String, value: JSONValue)]) throws(StoreError) -> JSONValue {
        try writer.finish()
        var fields: [(key: String, value: JSONValue)] = [
            ("format", .integer(FeatureStore.format)),
            ("count", .integer(count)),
            ("total_frames", .integer(totalFrames)),
            ("frames_min", .integer(framesMin ?? 0)),
            ("frames_max", .integer(framesMax)),
            ("dtype", "uint16"),
            ("channels", .integer(FrontendParameters.device.channelCount)),
            ("raw_per_float", .number(Double(FeatureScaling.rawPerFloat))),
            ("step_ms", .integer(FrontendParameters.device.stepMilliseconds)),
        ]
        fields += extra
        let info = JSONValue.object(fields)
        do {
            try AtomicFile.write(info.serialized(indent: 2) + "\n", to: partial + "/" + FeatureStoreLayout.infoName, durable: true)
        } catch { throw StoreError(partial, error.message) }
        let old = FeatureStoreLayout.oldFolder(splitFolder)
        let manager = FileManager.default
        try? manager.removeItem(atPath: old)
        do {
            if FileManagerShim.exists(splitFolder) { try manager.moveItem(atPath: splitFolder, toPath: old) }
            try manager.moveItem(atPath: partial, toPath: splitFolder)
        } catch {
            throw StoreError(splitFolder, "cannot move the finished store into place: \(error.localizedDescription)")
        }
        try? manager.removeItem(atPath: old)
        committed = true
        return info
    }

    deinit {
        if !committed { try? FileManager.default.removeItem(atPath: partial) }
    }
}
