import Foundation
import Support
import Synchronization

/// Everything `wakesmith synth` does, in order: resolve the size, choose the installed engines, find near
/// misses, plan, render (while downloads, if the size asks for any, run alongside), and report.
public struct SynthRun {
    /// What the run did, for the summary lines.
    public struct Report: Sendable {
        public let result: Synthesizer.Result
        public let engines: [String]
        /// Notes before the run (skipped engines) and lines from the downloads.
        public let notes: [String]
        public let downloadLines: [String]
        public let seconds: Double
    }

    public let wakePhrase: String
    public let settings: SynthSettings
    public let output: String
    public var showProgress = true
    /// Available engines (tests substitute their own).
    public var knownEngines: [any SpeechEngine] = SpeechEngines.all
    /// Runs alongside the rendering when the size fetches real data; returns its report lines.
    public var downloads: (@Sendable (SynthSize) -> [String])? = nil

    public init(wakePhrase: String, settings: SynthSettings, output: String) {
        self.wakePhrase = wakePhrase
        self.settings = settings
        self.output = output
    }

    /// Runs synth; `note` receives each line to show before the rendering starts.
    public func run(note: (String) -> Void) throws -> Report {
        let started = DispatchTime.now().uptimeNanoseconds
        let size = try settings.resolvedSize()
        let (engines, notes) = try SpeechEngines.select(size.engines, skipMissing: settings.engines == nil,
                                                       minimum: size.minimumEngines, among: knownEngines)
        notes.forEach(note)
        let names = engines.map(\.name)
        for engine in engines where !engine.isDeterministic {
            note("note: \(engine.name) samples its voices at random; its clips differ slightly from run to run")
        }
        var request = SynthPlan.Request(wakePhrase: wakePhrase, seed: settings.seed, positives: size.positives,
                                        negatives: size.negatives, backgroundMinutes: size.backgroundMinutes,
                                        rirs: size.rirs, engines: engines)
        request.positiveWeights = SynthSize.normalizedWeights(size.positiveWeights, for: names)
        request.negativeWeights = SynthSize.normalizedWeights(size.negativeWeights, for: names)
        request.backgroundEngines = engines.filter { size.backgroundEngines.contains($0.name) }
        request.roomMode = size.roomMode
        if size.negatives > 0 {
            request.nearMisses = try Synthesizer.nearMisses(for: wakePhrase, wordList: settings.wordList,
                                                            workers: settings.workers, showProgress: showProgress)
        }
        let plan = try SynthPlan(request)

        let downloadLines = DownloadThread(size: size, work: size.fetchSet != nil || size.realRIRs ? downloads : nil)
        let result: Synthesizer.Result
        do {
            result = try Synthesizer.run(plan, engines: engines, output: output, workers: settings.workers, showProgress: showProgress)
        } catch {
            downloadLines.wait() // a fetched package is published atomically; let the current one finish
            throw error
        }
        if downloadLines.isRunning { note("waiting for the downloads (data fetch, real IRs) to finish…") }
        let lines = downloadLines.wait()
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return Report(result: result, engines: names, notes: notes, downloadLines: lines, seconds: seconds)
    }
}

/// Downloads running on their own thread while the TTS workers use the cores (they mostly wait on the
/// network).
final class DownloadThread: Sendable {
    private let finished = DispatchSemaphore(value: 0)
    private let lines = Mutex<[String]?>(nil)
    private let started: Bool

    init(size: SynthSize, work: (@Sendable (SynthSize) -> [String])?) {
        started = work != nil
        if let work { start(size, work) }
    }

    private func start(_ size: SynthSize, _ work: @escaping @Sendable (SynthSize) -> [String]) {
        Thread.detachNewThread { [self] in
            let result = work(size)
            lines.withLock { $0 = result }
            finished.signal()
        }
    }

    var isRunning: Bool { started && lines.withLock { $0 == nil } }

    /// The downloads' report lines, once they are done.
    @discardableResult
    func wait() -> [String] {
        guard started else { return [] }
        if isRunning {
            finished.wait()
            finished.signal()
        }
        return lines.withLock { $0 ?? [] }
    }
}
