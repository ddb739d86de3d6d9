import ESPHome
import Foundation
import Metrics
import Reporting

/// Model outputs over time for a few clips or moments: raw outputs, the device's sliding-window mean, the
/// chosen cutoff's threshold, and counted false accepts marked.
enum TracePlot {
    static func figure(id: String, title: String, traces: [Trace], slidingWindow: Int, cutoff: Double,
                       empty: String) -> Figure
    {
        let threshold = Double(ProbabilityCutoff.quantized(cutoff)) / 255
        guard !traces.isEmpty else {
            var chart = Chart(id: "\(id)-none", title: title, x: Axis("seconds", domain: 0 ... 1),
                              y: Axis("probability", domain: 0 ... 1))
            chart.height = 200
            chart.note = empty
            chart.legend = .hidden
            return Figure(id: id, title: title, panels: [chart])
        }
        let panels = traces.enumerated().map { index, trace in
            let seconds = trace.seconds
            let start = trace.startSeconds, end = max(seconds.last ?? start + 1, start + trace.inferenceSeconds)
            var chart = Chart(id: "\(id)-\(index)", title: trace.title, x: Axis("seconds", domain: start ... end),
                              y: Axis("probability", domain: 0 ... 1))
            chart.width = 560
            chart.height = 250
            chart.legend = index == 0 ? .topLeft : .hidden
            let raw = trace.outputs.map { Double($0) / 255 }
            let means = trace.windowMeans
            chart.series.append(Series("raw output", xs: seconds, ys: raw, color: ChartColor.sky, width: 1.2))
            chart.series.append(Series("sliding-window mean (\(slidingWindow))", xs: seconds, ys: means, color: ChartColor.blue))
            chart.rules.append(Rule("cutoff \(String(format: "%.2f", cutoff)) (device: > \(ProbabilityCutoff.quantized(cutoff)) / 255)",
                                    .horizontal(threshold), color: ChartColor.vermillion, dash: .dashed))
            for mark in trace.marks where mark < min(seconds.count, means.count) {
                chart.markers.append(Marker(index == 0 ? "counted false accept" : "", x: seconds[mark], y: means[mark]))
            }
            return chart
        }
        return Figure(id: id, title: title, panels: panels, columns: 2)
    }
}
