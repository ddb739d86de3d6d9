import Config
import Foundation
import Support

/// Digests of what a stage reads, so `run` can skip a stage whose inputs have not changed since it last
/// finished. A digest is a short BLAKE2b hex string; a missing input gives a fixed marker, so it differs
/// from any real digest.
public enum StageFingerprint {
    /// The given configuration sections (resolved paths included), as `wakesmith config --json` writes them.
    public static func sections(_ sections: [JSONValue]) -> String {
        BLAKE2b.hexDigest(JSONValue.array(sections).serialized())
    }

    /// A file's bytes, or `missing` when it does not exist or cannot be read.
    public static func file(_ path: String) -> String {
        guard let handle = FileHandle(forReadingAtPath: path) else { return "missing" }
        defer { try? handle.close() }
        var hasher = BLAKE2b(digestLength: 16)
        while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {
            chunk.withUnsafeBytes { hasher.update($0) }
        }
        return BLAKE2b.hex(hasher.finalize())
    }

    /// The small metadata files named `name` under a folder (every feature store's `store.json`, which holds
    /// the digests of its settings and sources), with their relative paths; `missing` when there are none.
    public static func tree(_ folder: String, name: String = "store.json") -> String {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return "missing" }
        var paths: [String] = []
        for case let relative as String in walker where (relative as NSString).lastPathComponent == name {
            // Hidden folders hold partial work (shards of an interrupted build), not finished stores.
            if relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) { continue }
            paths.append(relative)
        }
        guard !paths.isEmpty else { return "missing" }
        var hasher = BLAKE2b(digestLength: 16)
        for relative in paths.sorted() {
            hasher.update(Array(relative.utf8) + [0])
            hasher.update(FileManager.default.contents(atPath: folder + "/" + relative).map { [UInt8]($0) } ?? [])
            hasher.update([0])
        }
        return BLAKE2b.hex(hasher.finalize())
    }

    /// Several digests as one (joined in order).
    public static func combined(_ parts: [String]) -> String {
        BLAKE2b.hexDigest(parts.joined(separator: "|"))
    }
}
