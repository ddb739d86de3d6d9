import Emulator
import ESPHome

/// Several models on one device: ESPHome loads each into its own arena (and its own table of resource
/// variables), feeds them all from one frontend, and accepts one VAD.
enum GroupChecks {
    static func check(_ models: [ModelReport]) -> [Check] {
        var checks: [Check] = []
        let manifests = models.compactMap { model in model.manifest.map { (model, $0.effective) } }
        let steps = Set(manifests.map(\.1.micro.featureStepSize))
        if steps.count > 1 {
            checks.append(Check("feature step", .fail, "the models use different feature_step_size values \(steps.sorted()): ESPHome refuses them together (\"Cannot load models with different features step sizes\")"))
        } else if let step = steps.first, manifests.count == models.count {
            checks.append(Check("feature step", .pass, "all \(models.count) models step \(step) ms: one frontend feeds them all"))
        }
        let vads = manifests.filter { $0.1.isVAD }
        if vads.count > 1 {
            checks.append(Check("VAD", .fail, "\(vads.count) manifests have wake_word \"vad\"; a device has one vad: model"))
        }
        let variables = models.compactMap(\.resourceVariables)
        if variables.count == models.count {
            checks.append(Check("resource variables", .pass, "\(variables.map(String.init).joined(separator: " + ")) = \(variables.reduce(0, +)): each model has its own table of \(DeviceLimits.maxResourceVariables)"))
        }
        let arenas = models.map { $0.manifestArena ?? $0.deviceArena }
        if arenas.allSatisfy({ $0 != nil }) {
            let perModel = arenas.compactMap { $0 }
            let total = perModel.reduce(0, +) + DeviceLimits.variableArenaBytes * models.count
            checks.append(Check("memory", .info, "arenas \(perModel.map(String.init).joined(separator: " + ")) + \(models.count) × \(DeviceLimits.variableArenaBytes) variable arenas = \(total) bytes of heap (PSRAM first when the board has it)"))
        }
        let files = models.compactMap(\.modelPath)
        if Set(files).count < files.count {
            checks.append(Check("duplicates", .warn, "the same .tflite appears more than once"))
        }
        if models.count > 1 {
            checks.append(Check("enabled models", .info, "only the first model in micro_wake_word: models: is enabled on first boot (esphome/esphome#17538); enable the others with micro_wake_word.enable_model"))
        }
        return checks
    }
}
