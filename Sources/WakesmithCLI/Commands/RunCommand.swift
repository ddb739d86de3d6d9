import Config
import Export
import Pipeline
import Support

/// `wakesmith run --config CFG`: every stage in order, skipping those that are up to date.
enum RunCommand: Command {
    static let path = ["run"]
    static let abstract = "run every stage in order (validate → features → train → export → verify), skipping up-to-date ones"
    static let discussion = """
        Runs \(PipelineRunner.stages.map(\.rawValue).joined(separator: " → ")) through the same code as the \
        commands of those names. validate converts files in the wrong format (as `validate --fix`) and stops \
        the run on an unusable file; features rebuilds only the stores whose settings or sources changed; \
        train and export are skipped when their inputs (configuration sections, feature stores, trained \
        weights) are those of their last completed run, recorded in <features.work_dir>/pipeline_state.json, \
        and their outputs exist; verify always checks the model against ESPHome. Ends with one line per stage \
        (ran, skipped, up to date; time; key figure) and where the model and manifest are. A failing stage \
        stops the run with one line naming it; Ctrl-C stops at a safe point, and the same command continues \
        (an interrupted training resumes from its checkpoint).
        """
    static let options: [Option] = [
        .value("config", "CFG", "the configuration file (config.yaml)"),
        .value("force", "STAGES", "run these stages even if up to date, comma-separated (\(PipelineRunner.stages.map(\.rawValue).joined(separator: ", ")), or all)"),
        .flag("quiet", "no progress bars"),
    ]

    static func run(_ parsed: ParsedArguments) throws -> Int32 {
        let configPath = try parsed.required("config")
        var force: Set<PipelineStage> = []
        if parsed.value("force") != nil {
            switch PipelineStage.parse(parsed.list("force")) {
            case let .success(stages): force = stages
            case let .failure(error): throw UsageError(error.message, command: displayName)
            }
        }
        let config: WakesmithConfig
        do {
            config = try ConfigLoader.load(path: configPath, checks: DeviceCompatibility.configChecks)
        } catch {
            for line in error.lines { printError("error: \(line)") }
            if let hint = error.hint { printError("hint: \(hint)") }
            return 1
        }
        var runner = PipelineRunner(config: config)
        runner.force = force
        runner.showsProgress = !parsed.flag("quiet")
        let summary = try runner.run(stopped: { partial in
            printOut("")
            for line in partial.lines { printOut(line) }
        })
        printOut("")
        for line in summary.lines { printOut(line) }
        return 0
    }
}
