import Config
import Export
import Support
import Training

/// `wakesmith export --config CFG`: trained weights → streaming int8 .tflite + V2 manifest.
struct ExportCommand: Command {
    static let path = ["export"]
    static let abstract = "streaming int8 .tflite + V2 manifest (predicted arena) for ESPHome"
    static let discussion = """
        Folds the trained weights (default <training.run_dir>/best.weights) into the streaming model ESPHome \
        runs, quantizes it to int8 with activation ranges calibrated on export.representative_samples strides \
        of the training feature stores, and writes it with wakesmith's own FlatBuffers writer: \
        <export.output_dir>/<name>.tflite, the V2 manifest <name>.json (tensor_arena_size = the emulator's \
        largest predicted minimum over ESP32, ESP32-S3 and the host's tflite-micro, plus export.arena_margin; \
        minimum_esphome_version from the operators used; probability_cutoff from export.probability_cutoff \
        until `wakesmith eval` chooses one) and <name>.export.json (arena figures, quantization, agreement: \
        the model card's material, never in the manifest). Before writing, the model is read back and loaded \
        in the emulator with ESPHome's 20 operators and 20 resource variables. Then float and int8 decisions \
        are compared on export.agreement_max_clips clips of the testing stores, and their recall at \
        evaluation.target_false_accepts_per_hour (point estimate) on the whole test split, scored as `wakesmith \
        eval` scores the device: positive against negative and background testing clips, the background \
        testing_ambient audio as one stream, export.sliding_window_size, evaluation.cooldown_steps and \
        evaluation.clip_ignore_frames. A warning says when the two recalls are more than 2 points apart.
        """
    static let options: [Option] = [
        .value("config", "CFG", "the configuration file (config.yaml)"),
        .value("weights", "PATH", "trained weights (default: <training.run_dir>/best.weights)"),
        .value("name", "NAME", "file name of the model and manifest, without extension (default: export.model_name)"),
        .flag("skip-agreement", "do not compare float and int8 decisions and recall on the testing stores"),
        .flag("quiet", "no progress bars"),
    ]

    static func run(_ parsed: ParsedArguments) throws -> Int32 {
        let config = try ConfigLoader.load(path: try parsed.required("config"), checks: DeviceCompatibility.configChecks)
        var settings = ExportSettings(config)
        if let name = parsed.value("name") { settings.modelName = name }
        if parsed.flag("skip-agreement") {
            settings.agreementClips = 0
            settings.comparesRecall = false
        }
        let weights = parsed.value("weights") ?? config.training.runDirectory + "/best.weights"
        let exporter = Exporter(settings: settings, showProgress: !parsed.flag("quiet")) { printError("export: \($0)") }
        let contents = try MixedNetWeightsFile.read(weights)
        if contents.architecture != MixedNetArchitecture(config.model) {
            printError("warning: \(weights) holds a model of another shape than the configuration's model: section; "
                + "exporting the shape it was trained with")
        }
        let result = try exporter.export(weights: contents, source: weights)
        printOut("exported \(result.modelPath) + \(result.manifestPath) (arena \(result.arena.manifestBytes) bytes, "
            + "ESPHome ≥ \(result.minimumVersion)); record \(result.recordPath)")
        if let agreement = result.agreement, !agreement.passed {
            printError("warning: \(agreement.summary)")
        }
        if let recall = result.recall, !recall.passed {
            printError("warning: \(recall.summary)")
        }
        return 0
    }
}
