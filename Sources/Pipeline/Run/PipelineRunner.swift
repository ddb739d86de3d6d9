import Config
import Foundation
import Support

/// `wakesmith run`: every stage in order through the stage libraries, skipping a stage whose inputs are
/// those of its last completed run (its fingerprint, kept in `pipeline_state.json`) and whose outputs exist.
/// A stage that fails or is interrupted stops the run; the stages before it stay done, an interrupted
/// training resumes from its checkpoint on the next run.
public struct PipelineRunner {
    public var config: WakesmithConfig
    /// Stages to run even when they are up to date.
    public var force: Set<PipelineStage> = []
    public var showsProgress = true
    /// Status lines (which stage runs, and why).
    public var log: (String) -> Void = { printError($0) }
    /// Rows for work done before the stages (the demo's synthesis), shown first in the summary.
    public var leadingOutcomes: [StageOutcome] = []

    public init(config: WakesmithConfig) {
        self.config = config
    }

    /// The stages in order.
    static let steps: [any StageStep] = [ValidateStage(), FeaturesStage(), TrainStage(), ExportStage(), EvalStage(), VerifyStage()]

    /// The stages `run` goes through (those whose library is in the build).
    public static var stages: [PipelineStage] { steps.map(\.stage) }

    /// Runs the stages. When one fails or Ctrl-C stops the run, `stopped` receives the summary so far before
    /// the error (a `StageFailure`, or `Interrupted`) is thrown.
    public func run(stopped: (RunSummary) -> Void = { _ in }) throws -> RunSummary {
        var state = PipelineState(path: PipelinePaths.state(config))
        var summary = RunSummary()
        summary.outcomes = leadingOutcomes
        for step in Self.steps {
            let stage = step.stage
            do {
                try Interrupt.check()
            } catch {
                stopped(summary)
                throw error
            }
            let fingerprint = step.fingerprint(config)
            let missing = step.outputs(config).filter { !FileManager.default.fileExists(atPath: $0) }
            if let fingerprint, !force.contains(stage), missing.isEmpty, state.isCompleted(stage, fingerprint: fingerprint) {
                log("[\(stage.rawValue)] up to date, skipped")
                summary.outcomes.append(StageOutcome(name: stage.rawValue, status: .skipped, seconds: 0, figure: "inputs unchanged"))
                continue
            }
            let resume = fingerprint.map { state.wasInterrupted(stage, fingerprint: $0) } ?? false
            log("[\(stage.rawValue)] " + Self.reason(fingerprint: fingerprint, forced: force.contains(stage), missing: missing, resume: resume))
            let started = Self.monotonicSeconds()
            let context = StageContext(config: config, showsProgress: showsProgress, resume: resume, log: log)
            let report: StageReport
            do {
                if fingerprint != nil { try state.forget(stage) }
                report = try step.run(context)
            } catch let error as Interrupted {
                if let fingerprint { try? state.recordInterrupted(stage, fingerprint: fingerprint) }
                summary.outcomes.append(StageOutcome(name: stage.rawValue, status: .interrupted, seconds: Self.monotonicSeconds() - started,
                                                     figure: "run the same command again to continue"))
                stopped(summary)
                throw error
            } catch {
                let failure = StageFailure(stage: stage, error: error)
                summary.outcomes.append(StageOutcome(name: stage.rawValue, status: .failed, seconds: Self.monotonicSeconds() - started,
                                                     figure: failure.reason))
                stopped(summary)
                throw failure
            }
            let seconds = Self.monotonicSeconds() - started
            if let after = step.fingerprint(config) {
                do {
                    try state.recordCompleted(stage, fingerprint: after)
                } catch {
                    throw StageFailure(stage: stage, error: error)
                }
            }
            summary.outcomes.append(StageOutcome(name: stage.rawValue, status: report.didWork ? .ran : .upToDate, seconds: seconds,
                                                 figure: report.figure))
            summary.warnings += report.warnings.map { "\(stage.rawValue): \($0)" }
        }
        let exists = { (path: String) in FileManager.default.fileExists(atPath: path) ? path : nil }
        summary.model = exists(PipelinePaths.model(config))
        summary.manifest = exists(PipelinePaths.manifest(config))
        summary.report = exists(PipelinePaths.reportHTML(config))
        (summary.headline, summary.evidence) = Self.headline(metrics: PipelinePaths.metrics(config))
        return summary
    }

    static func reason(fingerprint: String?, forced: Bool, missing: [String], resume: Bool) -> String {
        if forced { return "running (forced)" }
        guard fingerprint != nil else { return "running" }
        if resume { return "resuming the interrupted run" }
        if let first = missing.first { return "running (\(first) is missing)" }
        return "running (inputs changed since its last completed run)"
    }

    /// The evaluation's headline sentence and its evidence from `metrics.json`, if evaluation wrote them.
    static func headline(metrics path: String) -> (String?, String?) {
        guard let data = FileManager.default.contents(atPath: path),
              let json = try? JSONValue(parsing: [UInt8](data)) else { return (nil, nil) }
        return (json["headline"]?.stringValue, json["evidence"]?.stringValue)
    }

    static func monotonicSeconds() -> Double {
        Double(DispatchTime.now().uptimeNanoseconds) / 1e9
    }
}
