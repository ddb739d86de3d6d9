import Foundation
import Reporting

/// Loss, recall and false accepts per hour against the training step, from the run's metrics log, with the
/// kept checkpoint marked.
enum TrainingPlot {
    static func figure(_ log: TrainingLog, target: Double) -> Figure {
        let steps = log.records.compactMap { $0["step"] }
        let last = max(steps.max() ?? 1, 1)
        let panels: [(id: String, title: String, series: [(name: String, points: [(step: Double, value: Double)])], percent: Bool)] = [
            ("training-loss", "loss", log.series(containing: "loss"), false),
            ("training-recall", "recall", log.series(containing: "recall", avoiding: ["average"]), true),
            ("training-fah", "false accepts per hour", log.series(containing: "false_accepts_per_hour"), false),
        ]
        let charts = panels.map { panel in
            let values = panel.series.flatMap { $0.points.map(\.value) }
            let yAxis: Axis
            if panel.percent {
                yAxis = .percent(panel.title)
            } else if panel.id == "training-fah" {
                yAxis = RateAxis.axis(panel.title + " (symmetric log scale)", values: values + [target])
            } else {
                let top = max(values.filter(\.isFinite).max() ?? 1, 1e-6)
                yAxis = Axis(panel.title, domain: 0 ... top * 1.05)
            }
            var chart = Chart(id: panel.id, title: "Training: \(panel.title)",
                              x: Axis("training step", domain: 0 ... last), y: yAxis)
            chart.height = 260
            for (index, series) in panel.series.enumerated() {
                chart.series.append(Series(label(series.name), xs: series.points.map(\.step), ys: series.points.map(\.value),
                                           color: ChartColor.cycle[index % ChartColor.cycle.count], markers: true))
            }
            if let best = log.bestStep {
                chart.rules.append(Rule("kept checkpoint (step \(Axis.format(best)))", .vertical(best), color: ChartColor.green, dash: .dashed))
            }
            if panel.id == "training-fah" {
                chart.rules.append(Rule("target \(String(format: "%g", target)) per hour", .horizontal(target)))
            }
            if panel.series.isEmpty { chart.note = "no \(panel.title) in the training log" }
            chart.moveLegendOutside()
            return chart
        }
        return Figure(id: "training", title: "Training curves", panels: charts)
    }

    /// Scalars the trainer logs without a prefix: validation metrics at cutoff 0.5 (the reference's keys).
    static let validationAtHalf: Set = ["recall", "precision", "accuracy", "f1", "false_positive_rate",
                                        "ambient_false_accepts_per_hour"]

    /// A log key as a legend label: `loss` → "validation loss", `train_loss` → "training loss",
    /// `recall` → "validation recall (cutoff 0.5)", `validation.recall` → "validation recall".
    static func label(_ key: String) -> String {
        func words(_ text: some StringProtocol) -> String {
            String(text).replacingOccurrences(of: ".", with: " ").replacingOccurrences(of: "_", with: " ")
        }
        if key == "loss" { return "validation loss" }
        if validationAtHalf.contains(key) { return "validation \(words(key)) (cutoff 0.5)" }
        if key.hasPrefix("train_") { return "training " + words(key.dropFirst("train_".count)) }
        return words(key)
    }
}
