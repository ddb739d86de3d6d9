import Config
import Evaluation
import Export
import Foundation
import Support

/// `wakesmith eval --config CFG`: metrics, report and model card of the exported model; sets its cutoff.
enum EvalCommand: Command {
    static let path = ["eval"]
    static let abstract = "metrics, report and model card of the exported model; sets the manifest's probability_cutoff"
    static let discussion = """
        Runs the exported int8 streaming model (the manifest's .tflite, default \
        <export.output_dir>/<export.model_name>.json) in the emulator, bit-exact with TFLite Micro, over the \
        testing stores of training.feature_sets (each clip from a fresh state) and their testing_ambient \
        stores (listened to continuously), feeding features the way ESPHome does. Scores follow the device: \
        the sliding-window mean of the manifest's sliding_window_size, no detection in a clip's first \
        evaluation.clip_ignore_frames frames, a cool-down of evaluation.cooldown_steps inferences after each \
        counted false accept. Every false-accept rate comes with its hours of ambient audio and its 95 % upper \
        bound; the cutoff is the one with the most recall whose upper bound is at or below \
        evaluation.target_false_accepts_per_hour (the highest on ties), written into the manifest's \
        probability_cutoff. Writes report.html (self-contained), report.md, metrics.json and the plots into \
        evaluation.report_dir and model_card.md beside the manifest.
        """
    static let options: [Option] = [
        .value("config", "CFG", "the configuration file (config.yaml)"),
        .value("model", "PATH.json", "the manifest of the model (default: <export.output_dir>/<export.model_name>.json)"),
        .flag("keep-cutoff", "report only: leave the manifest's probability_cutoff unchanged"),
        .flag("quiet", "no progress bar"),
    ]

    static func run(_ parsed: ParsedArguments) throws -> Int32 {
        // A ConfigError is printed by Wakesmith.main like any user-facing error: one `error:` line per problem.
        let config = try ConfigLoader.load(path: try parsed.required("config"), checks: DeviceCompatibility.configChecks)
        var evaluator = Evaluator(config: config, manifestPath: parsed.value("model"))
        evaluator.updatesManifest = !parsed.flag("keep-cutoff")
        evaluator.showsProgress = !parsed.flag("quiet")
        let outcome = try evaluator.run()
        let result = outcome.result
        printOut(outcome.headline)
        printOut("  \(result.evidence)")
        for point in result.operatingPoints {
            printOut("  at \(String(format: "%g", point.target)) false accepts/hour: recall "
                + "\(StepTimingsFormat.fixed(point.recall * 100, digits: 1)) %, cutoff \(StepTimingsFormat.twoDecimals(point.cutoff))"
                + (point.meetsTarget ? "" : " (target not shown)"))
        }
        printOut("  average viable recall \(StepTimingsFormat.fixed(result.averageViableRecall, digits: 3))")
        for note in result.notes { printOut("  note: \(note)") }
        let action = outcome.manifestUpdated ? "probability_cutoff set to \(StepTimingsFormat.twoDecimals(outcome.probabilityCutoff))"
            : "probability_cutoff left unchanged"
        printOut("report: \(outcome.reportPath) (summary \(outcome.summaryPath))")
        printOut("model card: \(outcome.modelCardPath)")
        printOut("manifest: \(outcome.manifestPath) (\(action))")
        return 0
    }
}
