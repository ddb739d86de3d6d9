import Config
import Dataset
import Foundation
import Support

/// `validate --fix`: every dataset file checked; files in the wrong format get converted copies (the
/// originals are untouched). Always runs: its cache makes an unchanged dataset cheap to check again.
struct ValidateStage: StageStep {
    var stage: PipelineStage { .validate }

    func fingerprint(_ config: WakesmithConfig) -> String? { nil }
    func outputs(_ config: WakesmithConfig) -> [String] { [] }

    func run(_ context: StageContext) throws -> StageReport {
        let show = context.showsProgress
        let progress = DatasetValidator.Progress(
            scan: { ProgressBar(label: "scanning", total: $0, unit: "files", enabled: show && $0 >= 500) },
            check: { ProgressBar(label: "checking", total: $0, unit: "files", enabled: show && $0 >= 500) })
        let report = try DatasetValidator.validate(context.config.dataset, fix: true, progress: progress)
        if let kind = report.emptyRequiredKinds.first {
            throw Failure("\(report.root)/\(kind.rawValue)/ holds no audio files",
                          hint: "add some, or run `wakesmith synth` (see `wakesmith validate`)")
        }
        let unusable = report.unusableFiles
        if let first = unusable.first {
            throw Failure("\(unusable.count) unusable file(s), e.g. \(first.line)",
                          hint: "fix or remove them; `wakesmith validate --config …` lists every one")
        }
        let summary = report.summary
        let files = summary.values.reduce(0) { $0 + $1.files }
        let hours = summary.values.reduce(0) { $0 + $1.hours }
        let fixed = summary.values.reduce(0) { $0 + $1.fixed }
        var figure = "\(files) files, \(String(format: "%.2f", hours)) h, all usable"
        if fixed > 0 { figure += " (\(fixed) converted)" }
        let warnings = report.emptyOptionalKinds.map { "\($0.rawValue)/ holds no audio (optional, but recommended)" }
        return StageReport(figure: figure, warnings: warnings)
    }
}
