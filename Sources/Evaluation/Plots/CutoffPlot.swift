import Foundation
import Metrics
import Reporting

/// Recall (top) and false accepts per hour (bottom) against the cutoff, the chosen cutoff marked in both, the
/// false-accept rate shown with its 95 % band.
enum CutoffPlot {
    static func figure(_ result: EvaluationResult) -> Figure {
        let cutoffs = result.cutoffs, choice = result.choice
        let cutoffAxis = Axis("probability cutoff", domain: 0 ... 1)
        let chosen = Rule("chosen cutoff \(String(format: "%.2f", choice.cutoff))", .vertical(choice.cutoff),
                          color: ChartColor.vermillion, dash: .dashDot)

        var recall = Chart(id: "cutoff-recall", title: "Recall against the cutoff", x: cutoffAxis,
                           y: .percent("recall on the test clips"))
        recall.height = 300
        recall.series.append(Series("recall", xs: cutoffs, ys: result.classification.recall, color: ChartColor.green))
        recall.rules.append(chosen)
        recall.markers.append(Marker("recall at the chosen cutoff", x: choice.cutoff, y: choice.recall))

        let window = result.windowRates, raw = result.rawRates
        let confidence = window.bound.confidenceLabel
        var rates = Chart(id: "cutoff-fah", title: "False accepts per hour against the cutoff", x: cutoffAxis,
                          y: RateAxis.axis("false accepts per hour (symmetric log scale)", values: window.upperBounds + raw.perHour))
        rates.bands.append(Band("sliding-window mean, measured to \(confidence) upper bound", xs: cutoffs,
                                lower: window.perHour, upper: window.upperBounds, color: ChartColor.blue))
        rates.series.append(Series("sliding-window mean (\(result.settings.slidingWindow)), measured", xs: cutoffs,
                                   ys: window.perHour, color: ChartColor.blue))
        rates.series.append(Series("\(confidence) upper bound", xs: cutoffs, ys: window.upperBounds,
                                   color: ChartColor.blue, dash: .dashed, width: 1.2))
        rates.series.append(Series("raw outputs, measured", xs: cutoffs, ys: raw.perHour, color: ChartColor.orange,
                                   dash: .dotted, width: 1.6))
        let target = result.settings.targetFalseAcceptsPerHour
        rates.rules.append(Rule("target \(String(format: "%g", target)) per hour", .horizontal(target)))
        rates.rules.append(chosen)
        if choice.upperBound.isFinite {
            rates.markers.append(Marker("upper bound at the chosen cutoff", x: choice.cutoff, y: choice.upperBound,
                                        color: ChartColor.purple))
        }
        recall.moveLegendOutside()
        rates.moveLegendOutside()
        return Figure(id: "cutoff", title: "Recall and false accepts per hour against the cutoff", panels: [recall, rates])
    }
}
