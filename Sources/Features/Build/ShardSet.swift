import Foundation
import Frontend
import Support

/// The finished chunks of a store being built, so a killed run resumes where it stopped. Each chunk's
/// spectrograms (full clips, before slides) are one shard file in `.<split>.shards/` beside the store,
/// written under a temporary name, flushed to disk and renamed: a shard is complete or absent. The shards
/// are only trusted for the settings and sources recorded in `resume.json`; otherwise they are wiped.
///
/// Shard format: "WSHARD01", item count (u32), then per item its frame count (u32), then all values (u16),
/// little-endian, 40 per frame.
public final class ShardSet: @unchecked Sendable {
    static let magic = Array("WSHARD01".utf8)
    public let folder: String
    public let chunkCount: Int

    public init(splitFolder: String, configHash: String, sourceHash: String, chunkCount: Int, fresh: Bool) throws(StoreError) {
        folder = FeatureStoreLayout.shardFolder(splitFolder)
        self.chunkCount = chunkCount
        let stamp = JSONValue.object([("config_hash", .string(configHash)), ("source_hash", .string(sourceHash)),
                                      ("chunks", .integer(chunkCount))]).serialized()
        let current = FileManager.default.contents(atPath: folder + "/resume.json").map { String(decoding: $0, as: UTF8.self) }
        if fresh || current != stamp { try? FileManager.default.removeItem(atPath: folder) }
        try NumpyFolder.makeFolder(folder)
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where name.contains(".tmp-") {
            try? FileManager.default.removeItem(atPath: folder + "/" + name)
        }
        if current != stamp || fresh {
            do { try AtomicFile.write(stamp, to: folder + "/resume.json", durable: true) } catch {
                throw StoreError(folder, error.message)
            }
        }
    }

    private func path(_ chunk: Int) -> String {
        let digits = String(chunk)
        return folder + "/chunk" + String(repeating: "0", count: max(0, 6 - digits.count)) + digits + ".shard"
    }

    public func isDone(_ chunk: Int) -> Bool { FileManagerShim.exists(path(chunk)) }

    /// Chunks without a shard, in order.
    public func missing() -> [Int] { (0 ..< chunkCount).filter { !isDone($0) } }

    /// Saves one chunk's spectrograms (durably).
    public func write(_ chunk: Int, _ spectrograms: [Spectrogram]) throws(StoreError) {
        var bytes = Self.magic
        func append(_ value: UInt32) { for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(truncatingIfNeeded: value >> UInt32(shift))) } }
        append(UInt32(spectrograms.count))
        for spectrogram in spectrograms { append(UInt32(spectrogram.frameCount)) }
        bytes.reserveCapacity(bytes.count + spectrograms.reduce(0) { $0 + $1.values.count * 2 })
        for spectrogram in spectrograms {
            spectrogram.values.withUnsafeBytes { bytes.append(contentsOf: $0) }
        }
        do {
            let file = try AtomicFile(path: path(chunk))
            try file.write(bytes)
            try file.commit(durable: true)
        } catch { throw StoreError(path(chunk), error.message) }
    }

    /// Reads one chunk's spectrograms back.
    public func read(_ chunk: Int) throws(StoreError) -> [Spectrogram] {
        guard let data = FileManager.default.contents(atPath: path(chunk)) else { throw StoreError(path(chunk), "missing shard") }
        let bytes = [UInt8](data)
        func u32(_ offset: Int) -> Int { (0 ..< 4).reduce(0) { $0 | Int(bytes[offset + $1]) << (8 * $1) } }
        guard bytes.count >= 12, Array(bytes[0 ..< 8]) == Self.magic else { throw StoreError(path(chunk), "not a shard file") }
        let count = u32(8)
        let channels = FrontendParameters.device.channelCount
        var offset = 12 + 4 * count
        guard bytes.count >= offset else { throw StoreError(path(chunk), "truncated shard") }
        var spectrograms: [Spectrogram] = []
        for item in 0 ..< count {
            let values = u32(12 + 4 * item) * channels
            guard offset + 2 * values <= bytes.count else { throw StoreError(path(chunk), "truncated shard") }
            let start = offset
            let spectrogram = [UInt16](unsafeUninitializedCapacity: values) { buffer, initialized in
                bytes.withUnsafeBytes { raw in
                    UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[start ..< start + 2 * values]))
                }
                initialized = values
            }
            spectrograms.append(Spectrogram(values: spectrogram, channelCount: channels))
            offset += 2 * values
        }
        return spectrograms
    }

    /// Deletes the shards (after the store was committed).
    public func discard() {
        try? FileManager.default.removeItem(atPath: folder)
    }
}
