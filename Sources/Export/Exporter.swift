import Emulator
import ESPHome
import Features
import Foundation
import Frontend
import Support
import TFLiteFormat
import Training

/// What an export wrote and measured.
public struct ExportResult: Sendable {
    public var modelPath: String
    public var manifestPath: String
    /// `<name>.export.json`: the facts the manifest's closed schema cannot hold (model card material).
    public var recordPath: String
    public var modelBytes: Int
    public var arena: ArenaBudget
    public var operators: [String]
    public var resourceVariables: Int
    public var minimumVersion: ESPHomeVersion
    public var calibrationSteps: Int
    public var agreement: AgreementReport?
    /// Recall at the target false-accept rate, float against int8, on the whole test split.
    public var recall: RecallComparison?
    public var notes: [String]
}

/// `wakesmith export`: trained weights → `<name>.tflite` (streaming int8, written by our own FlatBuffers
/// builder) + `<name>.json` (V2 manifest) + `<name>.export.json`, in this order of work:
///
/// 1. fold the weights and refuse a shape the device cannot run (`DeviceCompatibility`);
/// 2. calibrate on representative clips from the training stores and quantize (`Int8Conversion`);
/// 3. check the written bytes: they read back as the same model, the emulator loads them with ESPHome's
///    20 operators and 20 variables, and input and output are what the firmware feeds and reads;
/// 4. predict the arena (ESP32 and host) and add the margin; take the minimum ESPHome release from the
///    operators used;
/// 5. write the model and the manifest (each atomically);
/// 6. compare float and int8 decisions on the testing stores, and their recall at the target false-accept rate
///    on the whole test split (labelled clips and ambient audio), and write the record.
public struct Exporter {
    public var settings: ExportSettings
    public var showProgress: Bool
    /// One line per stage of work.
    public var status: (String) -> Void

    public init(settings: ExportSettings, showProgress: Bool = true, status: @escaping (String) -> Void = { _ in }) {
        self.settings = settings
        self.showProgress = showProgress
        self.status = status
    }

    /// Exports the weights file at `weightsPath`.
    public func export(weightsPath: String) throws -> ExportResult {
        let contents = try MixedNetWeightsFile.read(weightsPath)
        return try export(weights: contents, source: weightsPath)
    }

    /// Exports `weights`. `representative` and `testClips` (raw spectrograms) default to the feature stores
    /// under `settings.workDirectory`, and so does `testSplit`; without testing stores the agreement and the
    /// recall comparison are skipped with a note.
    public func export(weights: MixedNetWeightsFile.Contents, source: String, representative: [[UInt16]]? = nil,
                       testClips: [[UInt16]]? = nil, testSplit: FeatureClips.TestSplit? = nil) throws -> ExportResult
    {
        let architecture = weights.architecture
        let problems = DeviceCompatibility.problems(architecture)
        guard problems.isEmpty else { throw ExportError.breaksDeviceContract(problems.map { "model.\($0.key) \($0.message)" }) }
        let network = try FoldedMixedNet(weights, source: source)
        var notes: [String] = []

        let frames = settings.representativeSteps * architecture.stride
        let clips = try representative ?? FeatureClips.representative(work: settings.workDirectory, frames: frames, seed: settings.seed)
        status("calibrating on \(clips.count) training clips (up to \(settings.representativeSteps) strides)")
        let calibrationProgress = ProgressBar(label: "calibrating", total: settings.representativeSteps, unit: "strides",
                                              enabled: showProgress)
        let conversion = try Int8Conversion(network: network, representative: clips.map { $0.map(FeatureScaling.float(raw:)) },
                                            maximumSteps: settings.representativeSteps) { done in
            calibrationProgress.advance(by: done - calibrationProgress.completed)
        }
        calibrationProgress.finish()
        try Interrupt.check()

        let bytes = conversion.model.serialized()
        let model = try Self.checkedModel(bytes, expecting: conversion.model, architecture: architecture)
        let operators = model.usedOperators.map(\.description)
        let arena: ArenaBudget
        do {
            arena = try ArenaBudget(model: model, margin: settings.arenaMargin)
        } catch {
            throw ExportError.emulatorRefused(error.message)
        }
        guard let version = ReleaseTable.minimumRelease(forOperators: operators, manifestVersion: 2) else {
            throw ExportError.breaksDeviceContract(["no ESPHome release registers all of \(operators.joined(separator: ", "))"])
        }
        status("model: \(bytes.count) bytes, \(operators.count) operators, \(architecture.streamingStateCount) streaming "
            + "buffers; arena \(arena.manifestBytes) bytes (predicted minimum \(arena.summary); + "
            + "\(Int((settings.arenaMargin * 100).rounded())) % on \(arena.largest.displayName)); minimum ESPHome \(version)")

        let folder = settings.outputDirectory
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw ExportError.file("cannot create the output folder \(folder): \(error.localizedDescription)")
        }
        let modelPath = folder + "/" + settings.modelName + ".tflite"
        let manifestPath = folder + "/" + settings.modelName + ".json"
        try AtomicFile.write(Data(bytes), to: modelPath, durable: true)
        try manifest(arena: arena.manifestBytes, version: version).write(to: manifestPath)
        status("wrote \(modelPath) and \(manifestPath)")

        var agreement: AgreementReport?
        let tests: [[UInt16]]?
        if let testClips {
            tests = testClips
        } else if settings.agreementClips == 0 {
            tests = nil
            notes.append("float vs int8 agreement skipped (export.agreement_max_clips is 0)")
        } else {
            do {
                tests = try FeatureClips.sample(work: settings.workDirectory, count: settings.agreementClips, seed: settings.seed)
            } catch {
                tests = nil
                notes.append("float vs int8 agreement skipped: \(error.message)")
            }
        }
        if let tests, !tests.isEmpty {
            status("comparing float and int8 decisions on \(tests.count) test clips")
            let progress = ProgressBar(label: "agreement", total: tests.count, unit: "clips", enabled: showProgress)
            let outputs = try FloatInt8Agreement.outputs(weights: weights, model: model, clips: tests, progress: progress)
            progress.finish()
            agreement = FloatInt8Agreement.report(outputs, cutoff: settings.probabilityCutoff)
            status(agreement?.summary ?? "")
        }
        let recall = settings.comparesRecall ? try compareRecall(weights: weights, model: model, split: testSplit, notes: &notes) : nil
        for note in notes { status(note) }

        let result = ExportResult(modelPath: modelPath, manifestPath: manifestPath,
                                  recordPath: folder + "/" + settings.modelName + ".export.json", modelBytes: bytes.count,
                                  arena: arena, operators: operators, resourceVariables: architecture.streamingStateCount,
                                  minimumVersion: version, calibrationSteps: conversion.calibration.steps,
                                  agreement: agreement, recall: recall, notes: notes)
        try AtomicFile.write(ExportRecord(result: result, conversion: conversion, weights: source, settings: settings).json
            .serialized(indent: 2) + "\n", to: result.recordPath)
        return result
    }

    /// Float and int8 recall at the target rate on the test split (`RecallComparison`); nil with a note when
    /// the split has no wake-word clip or no ambient audio.
    func compareRecall(weights: MixedNetWeightsFile.Contents, model: TFLiteModel, split given: FeatureClips.TestSplit?,
                       notes: inout [String]) throws -> RecallComparison?
    {
        let split: FeatureClips.TestSplit
        if let given {
            split = given
        } else {
            do {
                split = try FeatureClips.testSplit(work: settings.workDirectory)
            } catch {
                notes.append("float vs int8 recall skipped: \(error.message)")
                return nil
            }
        }
        guard split.labels.contains(true), split.ambientFrames >= weights.architecture.stride else {
            notes.append("float vs int8 recall skipped: the test split needs wake-word clips and ambient audio")
            return nil
        }
        status("comparing float and int8 recall at \(settings.targetFalseAcceptsPerHour) false accepts/h on \(split.clips.count) "
            + "test clips and \(split.ambientFrames / 100) s of ambient audio")
        let progress = ProgressBar(label: "recall", total: split.clips.count + 1, unit: "clips", enabled: showProgress)
        let outputs = try FloatInt8Agreement.outputs(weights: weights, model: model, clips: [split.ambient] + split.clips,
                                                     progress: progress)
        progress.finish()
        let scoring = RecallComparison.Scoring(targetPerHour: settings.targetFalseAcceptsPerHour,
                                               slidingWindow: settings.slidingWindowSize, cooldownSteps: settings.cooldownSteps,
                                               ignoreFrames: settings.clipIgnoreFrames, stride: weights.architecture.stride)
        let comparison = try RecallComparison(labelled: Array(outputs.dropFirst()), labels: split.labels, ambient: outputs[0],
                                              ambientFrames: split.ambientFrames, scoring: scoring)
        status(comparison.summary)
        return comparison
    }

    /// The V2 manifest (SPEC §3): the configured cutoff until `eval` chooses one.
    public func manifest(arena: Int, version: ESPHomeVersion) -> Manifest {
        Manifest(wakeWord: settings.wakeWord, author: settings.author, website: settings.website,
                 model: settings.modelName + ".tflite", trainedLanguages: settings.languages,
                 micro: .init(probabilityCutoff: settings.probabilityCutoff,
                              featureStepSize: SpectrogramFormat.frameMilliseconds,
                              slidingWindowSize: settings.slidingWindowSize, tensorArenaSize: arena,
                              minimumESPHomeVersion: version.description))
    }

    /// Reads `bytes` back and checks them against what the firmware requires (SPEC §2): the same model the
    /// writer was given, schema 3, loadable by the emulator with ESPHome's operators and variable limit,
    /// input int8 `[1, stride, 40]` and output uint8 `[1, 1]` with the official quantization.
    static func checkedModel(_ bytes: [UInt8], expecting expected: TFLiteModel,
                             architecture: MixedNetArchitecture) throws(ExportError) -> TFLiteModel
    {
        let model: TFLiteModel
        do {
            model = try TFLiteModel(bytes: bytes)
        } catch {
            throw .emulatorRefused("the written bytes do not read back: \(error.message)")
        }
        guard model == expected else { throw .emulatorRefused("the written bytes read back as a different model") }
        let interpreter: Interpreter
        do {
            interpreter = try Interpreter(model: model)
        } catch {
            throw .emulatorRefused(error.message)
        }
        var problems: [String] = []
        if model.version != DeviceLimits.schemaVersion { problems.append("schema version \(model.version)") }
        let missing = model.usedOperators.map(\.description).filter { !OperatorSet.twenty.contains($0) }
        if !missing.isEmpty { problems.append("operators ESPHome lacks: \(missing.joined(separator: ", "))") }
        if interpreter.resourceVariableCount > DeviceLimits.maxResourceVariables {
            problems.append("\(interpreter.resourceVariableCount) resource variables (at most \(DeviceLimits.maxResourceVariables))")
        }
        if interpreter.resourceVariableCount != architecture.streamingStateCount {
            problems.append("\(interpreter.resourceVariableCount) resource variables for \(architecture.streamingStateCount) streaming layers")
        }
        if let input = interpreter.inputs.first, let output = interpreter.outputs.first {
            problems += ModelContract.inputProblems(type: input.type.description, shape: input.shape)
            problems += ModelContract.outputProblems(type: output.type.description, shape: output.shape)
            if input.zeroPoint != ModelContract.expectedInputZeroPoint
                || abs((input.scale ?? 0) - ModelContract.expectedInputScale) > ModelContract.expectedInputScale * 1e-6
            {
                problems.append("input quantization \(input.scale ?? 0) / \(input.zeroPoint ?? 0), not 26/255 / −128")
            }
            if input.shape.count == 3, input.shape[1] != architecture.stride {
                problems.append("input stride \(input.shape[1]), not the model's \(architecture.stride)")
            }
            if output.scale != ModelContract.expectedOutputScale || output.zeroPoint != ModelContract.expectedOutputZeroPoint {
                problems.append("output quantization \(output.scale ?? 0) / \(output.zeroPoint ?? 0), not 1/256 / 0")
            }
        } else {
            problems.append("no input or output tensor")
        }
        guard problems.isEmpty else { throw .breaksDeviceContract(problems) }
        return model
    }
}
