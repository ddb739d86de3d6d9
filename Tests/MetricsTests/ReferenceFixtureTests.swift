// Fixture: Tests/MetricsTests/Fixtures/metrics_reference.json, made by scripts/fixtures/metrics_reference.py
// (the Python reference's metrics on seeded random clips and ambient streams, and scipy's chi-square quantiles).
import Foundation
import Metrics
import TestSupport
import Testing

struct MetricsReference: Decodable {
    struct Case: Decodable {
        let clip_scores: [UInt8]
        let labels: [Bool]
        let streams: [[UInt8]]
        let hours: Double
        let sliding_window: Int
        let cooldown_steps: Int
        let tp: [Int]
        let fp: [Int]
        let precision: [Double]
        let f1: [Double]
        let accuracy: [Double]
        let false_accepts_per_hour: [Double]
        let false_accepts_per_hour_float: [Double]
        let average_viable_recall: Double
        let recall_at_half: [Double]
        let recall_at_fifty: [Double]
    }

    struct Poisson: Decodable {
        let counts: [Int]
        let upperLimits: [Double]
        let oneSided95: [Double]
        enum CodingKeys: String, CodingKey {
            case counts, upperLimits = "upper_limits", oneSided95 = "one_sided_95"
        }
    }

    let cases: [Case]
    let poisson: Poisson

    static func load() throws -> MetricsReference {
        let data = try Data(contentsOf: Repository.fixture("MetricsTests", "metrics_reference.json"))
        return try JSONDecoder().decode(MetricsReference.self, from: data)
    }
}

@Suite struct ReferenceFixtureTests {
    @Test func everyMetricMatchesThePythonReference() throws {
        for (number, reference) in try MetricsReference.load().cases.enumerated() {
            let curves = try ClassificationCurves(scores: .deviceOutputs(reference.clip_scores), labels: reference.labels)
            #expect(curves.truePositives == reference.tp, "case \(number)")
            #expect(curves.falsePositives == reference.fp, "case \(number)")
            expectClose(curves.precision, reference.precision)
            expectClose(curves.f1, reference.f1)
            expectClose(curves.accuracy, reference.accuracy)
            let counting = FalseAcceptCounting(cooldownSteps: reference.cooldown_steps,
                                               slidingWindow: reference.sliding_window)
            let device = try FalseAcceptRates(streams: reference.streams.map { .deviceOutputs($0) },
                                              hours: reference.hours, counting: counting)
            expectClose(device.perHour, reference.false_accepts_per_hour)
            let floats = try FalseAcceptRates(
                streams: reference.streams.map { .probabilities($0.map { (Double($0) + 0.5) / 256 }) },
                hours: reference.hours, counting: counting)
            expectClose(floats.perHour, reference.false_accepts_per_hour_float)
            let avr = try averageViableRecall(recall: curves.recall, perHour: device.perHour)
            #expect(abs(avr - reference.average_viable_recall) < 1e-12, "case \(number)")
            let half = try recallAtRate(recall: curves.recall, perHour: device.perHour, target: 0.5)
            #expect(abs(half.recall - reference.recall_at_half[0]) < 1e-12)
            #expect(abs(half.cutoff - reference.recall_at_half[1]) < 1e-12)
            let fifty = try recallAtRate(recall: curves.recall, perHour: device.perHour, target: 50)
            #expect(abs(fifty.recall - reference.recall_at_fifty[0]) < 1e-12)
            #expect(abs(fifty.cutoff - reference.recall_at_fifty[1]) < 1e-12)
        }
    }
}
