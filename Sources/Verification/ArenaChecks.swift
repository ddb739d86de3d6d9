import Emulator
import ESPHome
import TFLiteFormat

/// The arena the manifest gives the model against the emulator's prediction of TFLite Micro's need on
/// each device target (and the host, for reference), with the margin stated.
enum ArenaChecks {
    /// Below this margin the arena is enough today but leaves no room for TFLM/ESP-NN changes, which have
    /// grown ESP32-S3 needs before (esphome/esphome#15603).
    static let thinMargin = 0.05
    /// The margin a manifest for a bare .tflite should add.
    static let suggestedMargin = 0.10

    static func check(_ report: inout ModelReport, model: TFLiteModel, behaviour: ReleaseBehaviour) {
        for target in ArenaTarget.allCases {
            do {
                report.arena[target] = try ArenaPrediction(model: model, target: target)
            } catch {
                report.add("arena", .fail, "cannot predict the \(target.rawValue) arena: \(error.message)")
                return
            }
        }
        guard let need = report.deviceArena,
              let worst = ArenaTarget.deviceTargets.max(by: { (report.arena[$0]?.minimumBytes ?? 0) < (report.arena[$1]?.minimumBytes ?? 0) })
        else { return }
        let needs = ArenaTarget.allCases.compactMap { target in report.arena[target].map { "\(target.displayName) \($0.minimumBytes)" } }
            .joined(separator: ", ")
        let declared: Int?
        let source: String
        switch (behaviour.arena, report.manifest) {
        case let (.fixed(bytes), _):
            declared = bytes
            source = "the fixed \(bytes)-byte arena of this release"
        case let (.manifest(v1Size), .v1?), let (.probe(v1Size), .v1?):
            declared = v1Size
            source = "the \(v1Size) bytes ESPHome gives V1 manifests"
        case let (_, .v2(manifest)?):
            declared = manifest.micro.tensorArenaSize
            source = "tensor_arena_size \(manifest.micro.tensorArenaSize)"
        default:
            declared = nil
            source = ""
        }
        guard let declared else {
            let suggestion = Int((Double(need) * (1 + suggestedMargin)).rounded(.up))
            report.add("arena", .info, "needs at least \(need) bytes on \(worst.displayName) (\(needs)); a manifest should say tensor_arena_size ≥ \(need), e.g. \(suggestion) with a \(Int(suggestedMargin * 100)) % margin")
            return
        }
        let margin = Double(declared - need) / Double(need)
        let marginText = String(format: "%.1f %%", margin * 100)
        if declared < need {
            var message = "\(source) is too small: \(worst.displayName) needs \(need) bytes (\(needs)); set tensor_arena_size ≥ \(need)"
            if case .probe = behaviour.arena {
                message += " (the release's probe retries larger arenas, but its retry path can crash, esphome/esphome#17750)"
            } else {
                message += " (\"Failed to allocate tensors\": the model never runs)"
            }
            report.add("arena", .fail, message)
        } else if margin < thinMargin {
            report.add("arena", .warn, "\(source) ≥ \(need) needed on \(worst.displayName) (\(needs)), margin \(marginText): little room for TFLM or ESP-NN changes")
        } else {
            report.add("arena", .pass, "\(source) ≥ \(need) needed on \(worst.displayName) (\(needs)), margin \(marginText)")
        }
    }
}
