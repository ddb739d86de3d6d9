import Foundation
import Support

/// Facts about each dataset file kept between runs in `<dataset>/.wakesmith-cache/files.json`, so scanning
/// 10 000 unchanged files costs stat calls, not reads. An entry is trusted only while the file's size and
/// modification time are unchanged; content statistics are trusted only for the same content hash.
///
/// The file is the Python reference's (`wakesmith/audio/filecache.py`, version 1): either implementation
/// reuses the other's cache. A missing, corrupt or read-only cache makes a scan slower, never wrong.
public final class ScanCache {
    /// One file's cached facts.
    public struct Entry: Equatable, Sendable {
        public var status: FileStatus
        public var contentHash: String
        /// The header, kept so an unchanged file is not opened at all (not in the Python reference's entries).
        public var header: AudioHeader?
        public var content: ContentStats?
    }

    public static let version = 1
    public let path: String
    public private(set) var entries: [String: Entry] = [:]
    private(set) var isDirty = false
    /// Hash lookups answered from the cache and computed afresh since loading (for `bench scan`).
    public private(set) var hits = 0
    public private(set) var misses = 0

    /// Loads the cache of the dataset at `root` (empty when absent or unreadable).
    public init(datasetRoot root: String) {
        path = root + "/" + DatasetLayout.cacheFolderName + "/files.json"
        guard let data = FileManager.default.contents(atPath: path),
              let document = try? JSONValue(parsing: [UInt8](data)),
              document["version"]?.integerValue == Self.version,
              case let .object(pairs)? = document["entries"]
        else { return }
        for (relative, value) in pairs {
            guard let size = value["size"]?.integerValue, let mtime = value["mtime_ns"]?.integerValue,
                  let hash = value["hash"]?.stringValue
            else { continue }
            entries[relative] = Entry(status: FileStatus(size: size, modificationNanoseconds: mtime), contentHash: hash,
                                      header: value["header"].flatMap { AudioHeader(json: $0) },
                                      content: value["content"].flatMap { ContentStats(json: $0) })
        }
    }

    /// The cached entry when the file is unchanged.
    public func entry(for relativePath: String, status: FileStatus) -> Entry? {
        guard let entry = entries[relativePath], entry.status == status else { return nil }
        return entry
    }

    /// Records a lookup's outcome: a cache hit, or a freshly computed hash (which replaces the old entry and
    /// its facts); and the header when it was read afresh.
    func record(hash: String, header: AudioHeader?, for relativePath: String, status: FileStatus, fromCache: Bool) {
        if fromCache {
            hits += 1
        } else {
            misses += 1
            entries[relativePath] = Entry(status: status, contentHash: hash, header: nil, content: nil)
            isDirty = true
        }
        if let header, entries[relativePath]?.header != header {
            entries[relativePath]?.header = header
            isDirty = true
        }
    }

    /// Content statistics valid for exactly this content.
    public func contentStats(for relativePath: String, contentHash: String) -> ContentStats? {
        guard let entry = entries[relativePath], entry.contentHash == contentHash else { return nil }
        return entry.content
    }

    public func setContentStats(_ stats: ContentStats, for relativePath: String, contentHash: String) {
        guard var entry = entries[relativePath], entry.contentHash == contentHash, entry.content != stats else { return }
        entry.content = stats
        entries[relativePath] = entry
        isDirty = true
    }

    /// Forgets files that no longer exist.
    public func prune(keeping paths: Set<String>) {
        let stale = entries.keys.filter { !paths.contains($0) }
        for key in stale { entries[key] = nil }
        if !stale.isEmpty { isDirty = true }
    }

    /// Writes the cache atomically when it changed; false (and nothing else) when the folder is read-only.
    @discardableResult
    public func save() -> Bool {
        guard isDirty else { return true }
        var pairs: [(key: String, value: JSONValue)] = []
        pairs.reserveCapacity(entries.count)
        for relative in entries.keys.sorted() {
            guard let entry = entries[relative] else { continue }
            var fields: [(key: String, value: JSONValue)] = [
                ("size", .integer(entry.status.size)),
                ("mtime_ns", .integer(entry.status.modificationNanoseconds)),
                ("hash", .string(entry.contentHash)),
            ]
            if let header = entry.header { fields.append(("header", header.json)) }
            if let content = entry.content { fields.append(("content", content.json)) }
            pairs.append((relative, .object(fields)))
        }
        let document: JSONValue = .object([("version", .integer(Self.version)), ("entries", .object(pairs))])
        do {
            try AtomicFile.write(document.serialized(), to: path)
        } catch {
            return false
        }
        isDirty = false
        return true
    }
}
