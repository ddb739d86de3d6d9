import Foundation
import Metrics
import Reporting

/// False rejection rate against false accepts per hour, lower left is better: measured, at the 95 % upper
/// bound, and on raw outputs, with the target and the chosen cutoff marked.
enum ROCPlot {
    static func chart(_ result: EvaluationResult) -> Chart {
        let recall = result.classification.recall
        let window = result.windowRates, raw = result.rawRates
        let confidence = window.bound.confidenceLabel
        var chart = Chart(id: "roc", title: "ROC: missed wake words against false accepts",
                          x: RateAxis.axis("false accepts per hour of ambient audio (symmetric log scale)",
                                           values: window.upperBounds + raw.perHour),
                          y: .percent("false rejection rate"))
        let curves: [(String, [Double], String, LineDash, Double)] = [
            ("sliding-window mean (\(result.settings.slidingWindow)), measured", window.perHour, ChartColor.blue, .solid, 2.2),
            ("sliding-window mean, \(confidence) upper bound", window.upperBounds, ChartColor.blue, .dashed, 1.4),
            ("raw outputs, measured", raw.perHour, ChartColor.orange, .dotted, 1.6),
        ]
        for (name, rates, color, dash, width) in curves {
            if let points = try? CurvePoints.roc(recall: recall, perHour: rates) {
                chart.series.append(Series(name, xs: points.x, ys: points.y, color: color, style: .step, dash: dash, width: width))
            }
        }
        let target = result.settings.targetFalseAcceptsPerHour
        chart.rules.append(Rule("target \(String(format: "%g", target)) per hour", .vertical(target)))
        let choice = result.choice
        chart.markers.append(Marker("chosen cutoff \(String(format: "%.2f", choice.cutoff)), measured",
                                    x: choice.perHour, y: 1 - choice.recall))
        if choice.upperBound.isFinite {
            chart.markers.append(Marker("chosen cutoff, \(confidence) upper bound", x: choice.upperBound,
                                        y: 1 - choice.recall, color: ChartColor.purple))
        }
        chart.moveLegendOutside()
        return chart
    }
}
