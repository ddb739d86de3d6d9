import AudioIO
import Config
import Dispatch
import Foundation
import Support

/// Everything a scan found: a record per audio file (split assigned), files that are not audio, and kind
/// folders that do not exist.
public struct ScanResult {
    public var records: [SampleRecord]
    /// Relative paths of files with other suffixes (reported, never read).
    public var ignored: [String]
    public var missingKinds: [SampleKind]
    /// The cache the scan used and updated (validation adds content statistics to it, then saves it).
    public let cache: ScanCache
}

/// Finds every audio file under `<root>/{positive,negative,background,rir}` and describes it from its
/// header and content hash (cached by path, size and modification time). A file that cannot be read still
/// becomes a record with `readError` set: nothing is skipped silently. Files are read on all cores.
public enum DatasetScanner {
    /// Scans the dataset `settings.root`. `progress` makes a bar for the number of audio files found;
    /// `saveCache` writes the hash cache back.
    /// Throws `DatasetError` for an unusable group pattern and `Interrupted` after Ctrl-C.
    public static func scan(_ settings: DatasetConfig, progress: ((Int) -> ProgressBar?)? = nil, saveCache: Bool = true) throws -> ScanResult {
        let root = settings.root
        var missing: [SampleKind] = []
        var ignored: [String] = []
        var listed: [(kind: SampleKind, relative: String)] = []
        for kind in SampleKind.allCases {
            var isDirectory = false
            guard directoryExists(root + "/" + kind.rawValue, isDirectory: &isDirectory), isDirectory else {
                missing.append(kind)
                continue
            }
            let listing = DatasetFiles(root: root, kind: kind)
            listed += listing.audio.map { (kind, $0) }
            ignored += listing.other
        }
        let splitter: SplitAssigner
        do {
            splitter = try SplitAssigner(settings)
        } catch {
            throw DatasetError(error.reason, hint: "fix dataset.group_pattern in the configuration")
        }
        let files = listed
        let cache = ScanCache(datasetRoot: root)
        let known = cache.entries
        let bar = progress?(files.count)
        let outcomes = UnsafeResults<FileOutcome>(count: files.count)
        DispatchQueue.concurrentPerform(iterations: files.count) { index in
            guard !Interrupt.isRequested else { return }
            let file = files[index]
            outcomes[index] = describe(root: root, relative: file.relative, kind: file.kind, known: known[file.relative])
            bar?.advance()
        }
        try Interrupt.check()
        bar?.finish()
        var records: [SampleRecord] = []
        records.reserveCapacity(files.count)
        for index in files.indices {
            guard let outcome = outcomes[index] else { continue }
            if let status = outcome.status, !outcome.record.contentHash.isEmpty {
                cache.record(hash: outcome.record.contentHash, header: outcome.record.info, for: outcome.record.relativePath,
                             status: status, fromCache: outcome.hashFromCache)
            }
            var record = outcome.record
            record.split = splitter.split(for: record.relativePath)
            records.append(record)
        }
        cache.prune(keeping: Set(records.map(\.relativePath)))
        if saveCache { cache.save() }
        return ScanResult(records: records, ignored: ignored, missingKinds: missing, cache: cache)
    }

    /// What one worker learns about one file.
    struct FileOutcome: Sendable {
        var record: SampleRecord
        var status: FileStatus?
        var hashFromCache: Bool
    }

    static func describe(root: String, relative: String, kind: SampleKind, known: ScanCache.Entry?) -> FileOutcome {
        let path = root + "/" + relative
        let status: FileStatus
        switch FileStatus.of(path) {
        case let .success(found): status = found
        case let .failure(error):
            return FileOutcome(record: SampleRecord(path: path, relativePath: relative, kind: kind, info: nil, contentHash: "",
                                                    readError: error.reason), status: nil, hashFromCache: false)
        }
        var hash: String
        var fromCache = false
        if let known, known.status == status {
            hash = known.contentHash
            fromCache = true
            if let header = known.header {
                return FileOutcome(record: SampleRecord(path: path, relativePath: relative, kind: kind, info: header, contentHash: hash),
                                   status: status, hashFromCache: true)
            }
        } else {
            switch ContentHash.of(file: path, sizeHint: status.size) {
            case let .success(found): hash = found
            case let .failure(error):
                return FileOutcome(record: SampleRecord(path: path, relativePath: relative, kind: kind, info: nil, contentHash: "",
                                                        readError: error.reason), status: status, hashFromCache: false)
            }
        }
        do {
            let info = AudioHeader(try AudioFile.info(path: path))
            return FileOutcome(record: SampleRecord(path: path, relativePath: relative, kind: kind, info: info, contentHash: hash),
                               status: status, hashFromCache: fromCache)
        } catch {
            return FileOutcome(record: SampleRecord(path: path, relativePath: relative, kind: kind, info: nil, contentHash: hash,
                                                    readError: error.reason), status: status, hashFromCache: fromCache)
        }
    }

    static func directoryExists(_ path: String, isDirectory: inout Bool) -> Bool {
        var flag: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &flag)
        isDirectory = flag.boolValue
        return exists
    }
}
