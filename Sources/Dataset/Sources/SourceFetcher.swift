import Foundation
import Support

/// The work behind `wakesmith data fetch` (and the downloads of `synth --size benchmark`): each catalog
/// package not fetched yet is downloaded, unpacked in a temporary folder, its recordings converted into
/// `<dataset>/<kind>/<package>/`, its copyright file copied to `<dataset>/licenses/`, and an entry written
/// to `sources_manifest.json` (source, version, licence, counts). A package's folders appear only once it
/// is complete (built in a staging folder, then renamed), so Ctrl-C never leaves half a source behind.
public struct SourceFetcher {
    static let licenceFolder = "licenses"
    static let stagingFolder = "fetch-staging"

    public let dataset: String
    public var conversion = RecordingConversion()
    public var workers = 0
    public var showProgress = true
    /// Downloads and unpacks a package; returns the unpacked root and the version (tests substitute it).
    public var unpack: @Sendable (_ package: String, _ workFolder: String) throws -> (root: String, version: String) = { package, work in
        let archive = try DebianPackage.download(package, into: "\(work)/debs")
        let root = "\(work)/unpacked/\(package)"
        let version = try archive.extract(into: root)
        try? FileManager.default.removeItem(atPath: archive.archive)
        return (root, version)
    }

    public init(dataset: String) {
        self.dataset = dataset
    }

    /// What one package gave.
    public struct SourceResult: Sendable {
        public let package: String
        public let version: String
        public var files: [SampleKind: Int] = [:]
        public var seconds: [SampleKind: Double] = [:]
        public var skipped: [String: Int] = [:]

        /// "14 negative (0.8 min)".
        public var summary: String {
            let parts = files.keys.sorted { $0.rawValue < $1.rawValue }.map { kind in
                "\(files[kind] ?? 0) \(kind.rawValue) (\(String(format: "%.1f", (seconds[kind] ?? 0) / 60)) min)"
            }
            return parts.isEmpty ? "nothing usable" : parts.joined(separator: ", ")
        }
    }

    /// Fetches every source not fetched yet (all of them with `force`); `report` gets one line per source.
    @discardableResult
    public func fetch(_ sources: [RecordingSource], force: Bool = false, report: (String) -> Void) throws -> [SourceResult] {
        let existing = try SourcesManifest.entries(dataset)
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("wakesmith-fetch-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: work) }
        var results: [SourceResult] = []
        for source in sources {
            let entry = existing.first { $0.key == "debian:\(source.package)" }?.value
            if !force, let entry, isPresent(entry) {
                report("\(source.package): already fetched (use --force to fetch again)")
                continue
            }
            try Interrupt.check()
            let result = try fetch(source, workFolder: work)
            try SourcesManifest.update(dataset, with: [(key: "debian:\(source.package)", value: manifestEntry(source, result))])
            results.append(result)
            report("\(source.package) \(result.version): \(result.summary)")
        }
        return results
    }

    /// Whether a manifest entry's folders are all still there.
    func isPresent(_ entry: JSONValue) -> Bool {
        (entry["folders"]?.arrayValue ?? []).allSatisfy { folder in
            var isFolder: ObjCBool = false
            return folder.stringValue.map { FileManager.default.fileExists(atPath: "\(dataset)/\($0)", isDirectory: &isFolder) && isFolder.boolValue } ?? false
        }
    }

    /// Downloads, unpacks, converts and publishes one package.
    public func fetch(_ source: RecordingSource, workFolder: String) throws -> SourceResult {
        let (root, version) = try unpack(source.package, workFolder)
        defer { try? FileManager.default.removeItem(atPath: root) }
        let staging = "\(dataset)/\(DatasetLayout.cacheFolderName)/\(Self.stagingFolder)/\(source.package)"
        try? FileManager.default.removeItem(atPath: staging)
        defer { try? FileManager.default.removeItem(atPath: staging) }
        let files = Self.selectFiles(root: root, rules: source.rules)
        guard !files.isEmpty else {
            throw SourceError("\(source.package) \(version) holds no files matching its catalog rules",
                              hint: "the package changed; update RecordingSource.catalog")
        }
        for kind in Set(files.map(\.rule.kind)) {
            try FileManager.default.createDirectory(atPath: "\(staging)/\(kind.rawValue)", withIntermediateDirectories: true)
        }
        let progress = ProgressBar(label: source.package, total: files.count, unit: "files", enabled: showProgress)
        let conversion = self.conversion
        let outcomes = try ParallelWork.map(files, workers: workers) { file in
            let outcome = conversion.convert("\(root)/\(file.path)", rule: file.rule, into: "\(staging)/\(file.rule.kind.rawValue)",
                                             stem: Self.outputStem(file.path, rule: file.rule))
            progress.advance()
            return outcome
        }
        progress.finish()
        var result = SourceResult(package: source.package, version: version)
        for (file, outcome) in zip(files, outcomes) {
            if let reason = outcome.skipReason { result.skipped[reason, default: 0] += 1 }
            result.files[file.rule.kind, default: 0] += outcome.clipSeconds.count
            result.seconds[file.rule.kind, default: 0] += outcome.clipSeconds.reduce(0, +)
        }
        for kind in result.seconds.keys { result.seconds[kind] = ((result.seconds[kind] ?? 0) * 100).rounded() / 100 }
        try copyLicence(root: root, package: source.package)
        for (kind, count) in result.files where count > 0 {
            let target = "\(dataset)/\(kind.rawValue)/\(source.package)"
            try FileManager.default.createDirectory(atPath: "\(dataset)/\(kind.rawValue)", withIntermediateDirectories: true)
            try? FileManager.default.removeItem(atPath: target)
            try FileManager.default.moveItem(atPath: "\(staging)/\(kind.rawValue)", toPath: target)
        }
        return result
    }

    /// Regular files under `root` taken by the first rule that matches them (and none of its exclusions),
    /// sorted by path (relative to `root`).
    static func selectFiles(root: String, rules: [RecordingSource.Rule]) -> [(path: String, rule: RecordingSource.Rule)] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var chosen: [(path: String, rule: RecordingSource.Rule)] = []
        while let relative = walker.nextObject() as? String {
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: "\(root)/\(relative)"),
                  attributes[.type] as? FileAttributeType == .typeRegular else { continue }
            if let rule = rules.first(where: { PathPattern($0.pattern).matches(relative) && !$0.exclude.contains { PathPattern($0).matches(relative) } }) {
                chosen.append((relative, rule))
            }
        }
        return chosen.sorted { $0.path.unicodeScalars.lexicographicallyPrecedes($1.path.unicodeScalars) }
    }

    /// A flat file name from the path below the pattern's fixed folder: `de/female1/b1.ogg` → `de__female1__b1`.
    static func outputStem(_ relative: String, rule: RecordingSource.Rule) -> String {
        let prefix = PathPattern(rule.pattern).fixedFolder
        var tail = relative.hasPrefix(prefix) ? String(relative.dropFirst(prefix.count)) : relative
        while tail.hasPrefix("/") { tail.removeFirst() }
        if let dot = tail.lastIndex(of: "."), !tail[dot...].contains("/") { tail = String(tail[..<dot]) }
        return String(tail.replacingOccurrences(of: "/", with: "__").map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
    }

    /// Keeps the package's copyright file next to the data it covers.
    func copyLicence(root: String, package: String) throws {
        let source = "\(root)/usr/share/doc/\(package)/copyright"
        guard let data = FileManager.default.contents(atPath: source) else { return }
        try AtomicFile.write(data, to: "\(dataset)/\(Self.licenceFolder)/\(package).copyright")
    }

    func manifestEntry(_ source: RecordingSource, _ result: SourceResult) -> JSONValue {
        let kinds = result.files.keys.sorted { $0.rawValue < $1.rawValue }
        return [
            "origin": "debian",
            "package": .string(source.package),
            "version": .string(result.version),
            "sets": .array(source.sets.map { .string($0.rawValue) }),
            "licence": .string(source.licence),
            "licence_file": .string("\(Self.licenceFolder)/\(source.package).copyright"),
            "description": .string(source.description),
            "folders": .array(kinds.filter { (result.files[$0] ?? 0) > 0 }.map { .string("\($0.rawValue)/\(source.package)") }),
            "files": .object(kinds.map { (key: $0.rawValue, value: .integer(result.files[$0] ?? 0)) }),
            "seconds": .object(kinds.map { (key: $0.rawValue, value: .number(result.seconds[$0] ?? 0)) }),
            "skipped": .object(result.skipped.keys.sorted().map { (key: $0, value: .integer(result.skipped[$0] ?? 0)) }),
        ]
    }

    /// kind → (files, seconds) over every Debian source in the manifest (what `data fetch` added).
    public func fetchedTotals() throws -> [SampleKind: (files: Int, seconds: Double)] {
        var totals: [SampleKind: (files: Int, seconds: Double)] = [:]
        for (_, entry) in try SourcesManifest.entries(dataset) where entry["origin"]?.stringValue == "debian" {
            for kindName in entry["files"]?.keys ?? [] {
                guard let kind = SampleKind(rawValue: kindName) else { continue }
                let have = totals[kind] ?? (0, 0)
                totals[kind] = (have.files + (entry["files"]?[kindName]?.integerValue ?? 0),
                                have.seconds + (entry["seconds"]?[kindName]?.doubleValue ?? 0))
            }
        }
        return totals
    }
}
