import Config
import Dispatch
import Foundation
import Support

/// Checks a whole dataset: scan, every file's checks (on all cores), converted copies with `fix`. Kept
/// apart from the command line so other stages can ask "is this dataset usable?" without printing.
public enum DatasetValidator {
    /// Progress of the two phases (`scan`, then `check`), or nil for none.
    public struct Progress {
        public let scan: (Int) -> ProgressBar?
        public let check: (Int) -> ProgressBar?

        public init(scan: @escaping (Int) -> ProgressBar?, check: @escaping (Int) -> ProgressBar?) {
            self.scan = scan
            self.check = check
        }
    }

    /// Checks every file of `settings.root`; with `fix`, writes converted copies of readable files that are
    /// not in device format. Throws `DatasetError` for a missing folder or bad group pattern, `Interrupted`
    /// after Ctrl-C (the cache keeps what was learnt).
    public static func validate(_ settings: DatasetConfig, fix: Bool = false, progress: Progress? = nil) throws -> DatasetReport {
        let root = settings.root
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DatasetError("dataset folder not found: \(root)", hint: "create it with `wakesmith init` or pass --dataset")
        }
        let scan = try DatasetScanner.scan(settings, progress: progress?.scan, saveCache: false)
        let records = scan.records
        let cache = scan.cache
        let known = records.map { cache.contentStats(for: $0.relativePath, contentHash: $0.contentHash) }
        let bar = progress?.check(records.count)
        let outcomes = UnsafeResults<(problems: [FileProblem], stats: ContentStats?, fixed: Bool)>(count: records.count)
        DispatchQueue.concurrentPerform(iterations: records.count) { index in
            guard !Interrupt.isRequested else { return }
            let record = records[index]
            var (problems, stats) = FileChecks.problems(record, settings: settings, knownStats: known[index])
            var fixed = false
            if problems.contains(where: \.isFixable) {
                if fix {
                    do {
                        try ConvertedCopy.make(for: record, datasetRoot: root)
                    } catch is Interrupted {
                        return
                    } catch let error as UserFacingError {
                        problems.append(FileProblem("conversion failed: \(error.message)"))
                    } catch {
                        problems.append(FileProblem("conversion failed: \(error)"))
                    }
                }
                fixed = ConvertedCopy.exists(for: record, datasetRoot: root)
            }
            outcomes[index] = (problems, stats, fixed)
            bar?.advance()
        }
        // Keep what was learnt even when interrupted: the next run starts from here.
        var reports: [FileReport] = []
        reports.reserveCapacity(records.count)
        for (index, record) in records.enumerated() {
            guard let outcome = outcomes[index] else { continue }
            if let stats = outcome.stats { cache.setContentStats(stats, for: record.relativePath, contentHash: record.contentHash) }
            reports.append(FileReport(record: record, problems: outcome.problems, isFixed: outcome.fixed))
        }
        cache.save()
        try Interrupt.check()
        bar?.finish()
        return DatasetReport(root: root, files: reports, ignored: scan.ignored, missingKinds: scan.missingKinds)
    }
}
