import Config
import Dataset
import Export
import Foundation
import Support

/// `wakesmith demo`: a fresh folder with the fast_test preset, a synthesised dataset for the wake phrase,
/// then every stage of `run`. Run again, it continues: the config is kept, a finished synthesis is not
/// repeated, and up-to-date stages are skipped.
public struct Demo {
    public var project: DemoProject
    public var wakePhrase: String
    /// Overrides the preset's `synth.seed`.
    public var seed: UInt64?
    public var showsProgress = true
    /// Hours of ambient test audio added to the test split (`AmbientTestSet`); 0 adds none.
    public var ambientHours = Demo.defaultAmbientHours
    /// Whether the ambient test audio mixes in real recordings, fetched (`data fetch --set lite`) into
    /// `<folder>/recordings`, outside the dataset. Without a network the demo warns and goes on without them.
    public var usesRecordings = true
    /// Runs alongside synthesis when the preset asks for real recordings (`synth.fetch_set`).
    public var downloads: (@Sendable (SynthSize) -> [String])?
    /// Status lines (standard error).
    public var log: (String) -> Void = { printError($0) }

    /// 8 h: a cutoff at 0.5 false accepts per hour is shown by its 95 % upper bound only with at least
    /// 7.4 h of ambient audio without a false accept (3.689 / 7.4 h).
    public static let defaultAmbientHours = 8.0

    public init(folder: String, wakePhrase: String) {
        project = DemoProject(folder: folder)
        self.wakePhrase = wakePhrase
    }

    /// Prepares, synthesises, runs. `stopped` receives the summary so far when a stage fails or Ctrl-C stops
    /// the demo, before the error is thrown.
    public func run(stopped: (RunSummary) -> Void = { _ in }) throws -> RunSummary {
        if try project.prepare(wakePhrase: wakePhrase) {
            log("[demo] wrote \(project.configPath) (preset \(DemoProject.preset), wake phrase \"\(wakePhrase)\")")
        } else {
            log("[demo] using the existing \(project.configPath)")
        }
        let config = try ConfigLoader.load(path: project.configPath, checks: DeviceCompatibility.configChecks)
        var outcomes: [StageOutcome] = []
        do {
            outcomes.append(try synthesise(config))
            if ambientHours > 0 { outcomes.append(try ambient(config)) }
        } catch {
            let name = outcomes.isEmpty ? "synth" : "ambient"
            let failure = StageFailure(name: name, error: error)
            if !(error is Interrupted) {
                outcomes.append(StageOutcome(name: name, status: .failed, seconds: 0, figure: failure.reason))
            }
            var partial = RunSummary()
            partial.outcomes = outcomes
            stopped(partial)
            if error is Interrupted { throw error }
            throw failure
        }
        var runner = PipelineRunner(config: config)
        runner.showsProgress = showsProgress
        runner.log = log
        runner.leadingOutcomes = outcomes
        return try runner.run(stopped: stopped)
    }

    /// The synthesised dataset, unless an earlier demo finished it (its manifest is written last).
    func synthesise(_ config: WakesmithConfig) throws -> StageOutcome {
        let output = config.dataset.root
        let manifest = output + "/" + Synthesizer.manifestName
        if FileManager.default.fileExists(atPath: manifest) {
            log("[synth] \(manifest) exists, skipped")
            return StageOutcome(name: "synth", status: .skipped, seconds: 0, figure: "dataset already synthesised")
        }
        log("[synth] \"\(config.wakeWord.phrase)\" into \(output)")
        var settings = SynthSettings(config.synth)
        if let seed { settings.seed = seed }
        var synth = SynthRun(wakePhrase: config.wakeWord.phrase, settings: settings, output: output)
        synth.showProgress = showsProgress
        synth.downloads = downloads
        let report = try synth.run(note: log)
        report.downloadLines.forEach(log)
        let files = report.result.files.values.reduce(0, +)
        let minutes = (report.result.seconds[.background] ?? 0) / 60
        let figure = "\(files) files (\(report.result.files[.positive] ?? 0) positive, \(report.result.files[.negative] ?? 0) negative, "
            + "\(String(format: "%.0f", minutes)) min background) with \(report.engines.joined(separator: ", "))"
        return StageOutcome(name: "synth", status: .ran, seconds: report.seconds, figure: figure)
    }

    /// The long ambient test audio (files an earlier demo wrote are kept).
    func ambient(_ config: WakesmithConfig) throws -> StageOutcome {
        let started = PipelineRunner.monotonicSeconds()
        var set = AmbientTestSet(hours: ambientHours)
        set.seed = UInt64(truncatingIfNeeded: config.synth.seed) &+ (seed ?? 0)
        set.workers = config.synth.workers
        if usesRecordings { set.recordings = try recordings(seed: set.seed) }
        log("[ambient] \(String(format: "%g", ambientHours)) h of test-split babble and noise into \(config.dataset.root)/background/\(AmbientTestSet.folder)")
        let result = try set.write(dataset: config.dataset, wakePhrase: config.wakeWord.phrase, showsProgress: showsProgress)
        var figure = "\(result.files) files, \(String(format: "%.1f", result.seconds / 3600)) h of talkers (\(result.speakers) test-split "
            + "espeak-ng speakers) over coloured noise"
        if result.recordingSources > 0 {
            figure += String(format: ", with %.0f min of real recordings from %d packages", result.recordingSeconds / 60, result.recordingSources)
        }
        return StageOutcome(name: "ambient", status: result.written > 0 ? .ran : .skipped,
                            seconds: PipelineRunner.monotonicSeconds() - started, figure: figure)
    }

    /// The real recordings for the ambient audio: the lite `data fetch` set in `<folder>/recordings` (packages
    /// fetched before are kept), at most a few minutes of each. A failed download is a warning: the ambient
    /// audio is then synthesised only (or uses the packages that did arrive).
    func recordings(seed: UInt64) throws -> AmbientRecordings {
        let folder = project.folder + "/" + AmbientRecordings.folder
        log("[ambient] real recordings (data fetch --set lite) into \(folder)")
        var fetcher = SourceFetcher(dataset: folder)
        fetcher.showProgress = showsProgress
        do {
            try fetcher.fetch(RecordingSource.sources(in: .lite)) { log("[ambient] " + $0) }
        } catch let error as Interrupted {
            throw error
        } catch {
            let reason = (error as? any UserFacingError)?.message ?? "\(error)"
            log("warning: real recordings unavailable (\(reason)); the ambient audio uses what was fetched, if anything, and synthesised talkers")
        }
        return try AmbientRecordings(folder: folder, seed: seed)
    }
}
