import Metrics
import Reporting

/// Precision against recall on the labelled test clips, the chosen cutoff marked.
enum PrecisionRecallPlot {
    static func chart(_ result: EvaluationResult) -> Chart {
        let curves = result.classification
        var chart = Chart(id: "pr", title: "Precision against recall on the test clips",
                          x: .percent("recall"), y: .percent("precision"))
        if let points = try? CurvePoints.precisionRecall(recall: curves.recall, precision: curves.precision) {
            chart.series.append(Series("test clips, one point per cutoff", xs: points.x, ys: points.y,
                                       color: ChartColor.blue, markers: true))
        }
        let index = result.choice.index
        chart.markers.append(Marker("chosen cutoff", x: curves.recall[index], y: curves.precision[index]))
        chart.moveLegendOutside()
        return chart
    }
}
