import Config
import ESPHome
import Support
import Verification

/// Will the exported model load on ESPHome (the default release)? Always runs (a fraction of a second); a
/// model that will not load stops the run.
struct VerifyStage: StageStep {
    var stage: PipelineStage { .verify }

    func fingerprint(_ config: WakesmithConfig) -> String? { nil }
    func outputs(_ config: WakesmithConfig) -> [String] { [] }

    func run(_ context: StageContext) throws -> StageReport {
        let manifest = PipelinePaths.manifest(context.config)
        let result = Verifier().verify([manifest])
        guard let report = result.models.first, result.willLoad else {
            let reason = result.models.first?.firstFailure?.message ?? "nothing could be checked"
            throw Failure("the model will not load on ESPHome \(result.release): \(reason)",
                          hint: "`wakesmith verify \(manifest)` shows every check")
        }
        var figure = "loads on ESPHome \(result.release)"
        if let arena = report.manifestArena, let need = report.deviceArena {
            figure += " (arena \(arena) bytes ≥ \(need) needed on ESP32/ESP32-S3)"
        }
        let warnings = report.checks.filter { $0.status == .warn }.map { "\($0.name): \($0.message)" }
        return StageReport(figure: figure, warnings: warnings)
    }
}
