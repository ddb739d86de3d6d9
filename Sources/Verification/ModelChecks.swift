import Emulator
import ESPHome
import TFLiteFormat

/// The .tflite half of `verify`: what the firmware checks when it loads a model (schema version, operators
/// of the release, tensor contract, resource variables) and TFLite Micro's own preparation, emulated.
enum ModelChecks {
    static func check(_ report: inout ModelReport, model: TFLiteModel, bytes: [UInt8], release: ESPHomeVersion,
                      behaviour: ReleaseBehaviour)
    {
        let subgraphs = "\(model.subgraphs.count) subgraph\(model.subgraphs.count == 1 ? "" : "s")"
        if model.version == DeviceLimits.schemaVersion {
            report.add("flatbuffer", .pass, "schema version 3, \(subgraphs), \(bytes.count) bytes")
        } else {
            report.add("flatbuffer", .fail, "schema version \(model.version); ESPHome loads only version 3 (\"Streaming model's schema is not supported\")")
        }
        if TFLiteModel.fileIdentifier(of: bytes) != TFLiteModel.fileIdentifier {
            report.add("file identifier", .warn, "bytes 4–7 are not \"TFL3\": a model downloaded at run time (ESPHome 2026.10 plumbing) would be refused")
        }
        checkOperators(&report, model: model, release: release, behaviour: behaviour)
        checkTensors(&report, model: model, behaviour: behaviour)
        checkState(&report, model: model)
    }

    private static func checkOperators(_ report: inout ModelReport, model: TFLiteModel, release: ESPHomeVersion,
                                       behaviour: ReleaseBehaviour)
    {
        let names = model.usedOperators.map(\.description)
        report.operators = names
        let unknown = names.filter { !OperatorSet.all.contains($0) }
        let missing = names.filter { !behaviour.operators.contains($0) && OperatorSet.all.contains($0) }
        for op in unknown {
            report.add("operators", .fail, "op \(op) is not registered by any ESPHome release (the device logs \"Didn't find op for builtin opcode\" and never runs the model); export with ESPHome's 20 operators only")
        }
        for op in missing {
            let first = ReleaseTable.minimumRelease(forOperators: [op], manifestVersion: 1).map(String.init(describing:)) ?? "?"
            report.add("operators", .fail, "op \(op) is not registered by ESPHome \(release) (it is from \(first) on)")
        }
        guard unknown.isEmpty else { return }
        let version = report.manifest?.version ?? 2
        let required = ReleaseTable.minimumRelease(forOperators: names, manifestVersion: version)
        report.requiredRelease = required
        if missing.isEmpty {
            report.add("operators", .pass, "\(names.count) operators, all registered by ESPHome ≥ \(required.map { "\($0)" } ?? "?")")
        }
        if let required, let declared = declaredMinimum(report), let declaredVersion = ESPHomeVersion(declared), declaredVersion < required {
            report.add("minimum_esphome_version", .fail, "minimum_esphome_version \(declared) is too old for these operators: set it to \"\(required)\" (older releases would compile the firmware and then fail to load the model)")
        }
    }

    private static func declaredMinimum(_ report: ModelReport) -> String? {
        switch report.manifest {
        case let .v2(manifest)?: manifest.micro.minimumESPHomeVersion
        case let .v1(manifest)?: manifest.minimumESPHomeVersion
        case nil: nil
        }
    }

    private static func checkTensors(_ report: inout ModelReport, model: TFLiteModel, behaviour: ReleaseBehaviour) {
        guard let main = model.subgraphs.first else {
            report.add("tensors", .fail, "the model has no subgraph")
            return
        }
        guard let inputIndex = main.inputs.first, inputIndex >= 0, Int(inputIndex) < main.tensors.count else {
            report.add("input", .fail, "the model has no input tensor")
            return
        }
        let input = main.tensors[Int(inputIndex)]
        let inputShape = input.dimensions.map(Int.init)
        let inputProblems = ModelContract.inputProblems(type: input.type.description, shape: inputShape, release: behaviour)
        for problem in inputProblems { report.add("input", .fail, problem) }
        if inputProblems.isEmpty {
            report.stride = inputShape[1]
            if let quantization = input.quantization?.first, quantization.zeroPoint != ModelContract.expectedInputZeroPoint {
                report.add("input", .fail, "input zero point \(quantization.zeroPoint): the device maps features with zero point \(ModelContract.expectedInputZeroPoint) whatever the tensor says, so the model would see shifted features; re-export with zero point −128")
            } else {
                report.add("input", .pass, "int8 \(inputShape), stride \(inputShape[1]) (one inference per \(inputShape[1]) feature frames)")
                let scale = input.quantization?.first?.scale ?? 0
                if abs(scale - ModelContract.expectedInputScale) > ModelContract.inputScaleTolerance * ModelContract.expectedInputScale {
                    report.add("input scale", .warn, "input scale \(scale) is not ≈ 26/255: the device ignores it and feeds features scaled by 26/255, so the model sees inputs scaled differently from training")
                }
            }
            ManifestChecks.checkWindow(&report, stride: inputShape[1])
        }
        guard let outputIndex = main.outputs.first, outputIndex >= 0, Int(outputIndex) < main.tensors.count else {
            report.add("output", .fail, "the model has no output tensor")
            return
        }
        let output = main.tensors[Int(outputIndex)]
        let outputProblems = ModelContract.outputProblems(type: output.type.description, shape: output.dimensions.map(Int.init))
        for problem in outputProblems { report.add("output", .fail, problem) }
        if outputProblems.isEmpty {
            report.add("output", .pass, "uint8 [1, 1] (the device reads probability as raw / 255)")
            if let quantization = output.quantization?.first,
               abs(quantization.scale - ModelContract.expectedOutputScale) > 1e-6 || quantization.zeroPoint != ModelContract.expectedOutputZeroPoint
            {
                report.add("output scale", .warn, "output scale \(quantization.scale), zero point \(quantization.zeroPoint); official models use 1/256 and 0 (the device reads raw / 255 regardless)")
            }
        }
    }

    private static func checkState(_ report: inout ModelReport, model: TFLiteModel) {
        var names: Set<String> = []
        for subgraph in model.subgraphs {
            for op in subgraph.operators where model.builtinOperator(of: op) == .varHandle {
                if case let .varHandle(options) = op.options { names.insert(options.sharedName ?? "") }
            }
        }
        report.resourceVariables = names.count
        let limit = DeviceLimits.maxResourceVariables
        if names.count > limit {
            report.add("resource variables", .fail, "\(names.count) resource variables; the firmware has room for \(limit) (\"Maximum resource variable count (\(limit)) reached\"): use fewer streaming layers")
        } else if names.isEmpty {
            report.add("resource variables", .warn, "no resource variables: the model keeps no streaming state between inferences")
        } else {
            report.add("resource variables", .pass, "\(names.count) of \(limit)")
        }
        if !names.isEmpty, let first = model.subgraphs.first?.operators.first, model.builtinOperator(of: first) != .callOnce {
            report.add("state initialisation", .warn, "subgraph 0 does not start with CALL_ONCE: the state may be read before it is initialised")
        }
    }

    /// TFLite Micro's preparation (`AllocateTensors` minus the arena), emulated; nil when it fails.
    static func prepare(_ report: inout ModelReport, model: TFLiteModel) -> Interpreter? {
        do {
            let interpreter = try Interpreter(model: model)
            report.add("TFLite Micro", .pass, "every operator prepares as in TFLite Micro (emulated)")
            return interpreter
        } catch {
            report.add("TFLite Micro", .fail, error.message)
            return nil
        }
    }
}
