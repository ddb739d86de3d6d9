import Evaluation
import Metrics
import Support
import Testing

@Suite struct EvaluationResultTests {
    @Test func clipScoreIsTheCeilingOfTheBestEligibleWindowMean() {
        let stream: [UInt8] = [0, 255, 255, 0, 0, 10]
        // window 2 sums: 0 255 510 255 0 10. 6 frames ignored (stride 3) → steps from 1: best 510 → mean 255
        #expect(clipScore(outputs: stream, slidingWindow: 2, stride: 3, ignoreFrames: 6) == 255)
        // 12 frames ignored → steps from 3: best 255 → mean 127.5 → 128 (127.5 > 127, as the device at cutoff 0.5)
        #expect(clipScore(outputs: stream, slidingWindow: 2, stride: 3, ignoreFrames: 12) == 128)
        #expect(clipScore(outputs: stream, slidingWindow: 2, stride: 3, ignoreFrames: 300) == 0) // never eligible
        #expect(clipScore(outputs: [], slidingWindow: 5, stride: 3, ignoreFrames: 0) == 0)
    }

    @Test func handKnownProjectChoosesTheCutoffTheReferenceChose() throws {
        let result = try EvaluationResult(measurements: EchoProject.measurements(), settings: EchoProject.settings)
        // ambient: one 150 in 0.6 s (1/6000 h): 150 > int(c·255) up to c = 0.58 → 6000/h, none from 0.59
        #expect(abs(result.windowRates.perHour[58] - 6000) < 1e-6 && result.windowRates.perHour[59] == 0)
        // positives score 200 (detected up to 0.78) and 100 (up to 0.39)
        let recall = result.classification.recall
        #expect(recall[39] == 1 && recall[40] == 0.5 && recall[78] == 0.5 && recall[79] == 0)
        #expect(result.choice.cutoff == 0.78 && result.choice.recall == 0.5)
        #expect(result.headline == "recall 50.0 % at 0.5 false accepts/hour (cutoff 0.78)")
        // 0.6 s cannot show 0.5/h: none seen still allows 3.689 × 6000 per hour
        #expect(!result.choice.meetsTarget)
        #expect(abs(result.choice.upperBound - 3.6888794541139354 * 6000) < 1e-6)
        #expect(result.notes.first?.contains("cannot show 0.5 false accepts/hour") == true)
        #expect(result.notes.contains { $0.contains("7.4 h of ambient audio") })
        #expect(result.evidence.hasPrefix("0 false accepts in 0.0 min of ambient audio"))
        #expect(result.clipCounts.map(\.set) == ["positive", "negative"] && result.clipCounts.map(\.count) == [2, 1])
    }

    @Test func enoughAudioMeetsTheTargetAndTheBoundOverrulesThePointEstimate() throws {
        // The same clips, and ambient outputs 100 and 120 claimed to span 10 h: cutoffs up to 0.39 see two false
        // accepts, 0.40–0.47 one (0.1/h measured, bound 0.557/h), which the point estimate accepts and the bound
        // does not; none from 0.48.
        var ambient = [UInt8](repeating: 0, count: 20)
        ambient[0] = 100
        ambient[10] = 120
        let measurements = EchoProject.measurements(ambientSeconds: 36000, ambient: ambient)
        let result = try EvaluationResult(measurements: measurements, settings: EchoProject.settings)
        #expect(result.windowRates.counts[39] == 2 && result.windowRates.counts[40] == 1 && result.windowRates.counts[47] == 1)
        #expect(result.windowRates.counts[48] == 0)
        // point estimate: 0.2/h at 0.39 is ≤ 0.5 → recall 1 at 0.39
        #expect(result.pointEstimateClaim == (1, 0.39))
        // bound: 2 false accepts → 0.722/h, 1 → 0.557/h, both above 0.5; 0 from 0.48 → 0.369/h
        #expect(result.choice.cutoff == 0.78 && result.choice.recall == 0.5 && result.choice.meetsTarget)
        #expect(result.notes.contains { $0.contains("judged by the point estimate alone, cutoff 0.39 would claim recall 100.0 %") })
        let points = result.operatingPoints.map { ($0.target, $0.cutoff, $0.meetsTarget) }
        #expect(points.map(\.0) == [0.1, 0.5, 1] && points.map(\.1) == [0.78, 0.78, 0.39])
        #expect(points.map(\.2) == [false, true, true])
    }

    @Test func tracesShowMissedPositivesAndFalseAccepts() throws {
        var ambient = [UInt8](repeating: 10, count: 400)
        ambient[50] = 250
        ambient[300] = 240
        let measurements = EchoProject.measurements(ambientSeconds: 3600, ambient: ambient)
        let settings = EvaluationSettings(targetFalseAcceptsPerHour: 5, cooldownSteps: 0, slidingWindow: 1, clipIgnoreFrames: 0)
        let result = try EvaluationResult(measurements: measurements, settings: settings)
        // 1 h: 1 accept bounds at 5.57/h, 0 at 3.69/h ≤ 5 → the cutoff must pass both peaks: 250 ≤ int(c·255) at 0.99
        #expect(result.choice.cutoff == 0.99 && result.choice.recall == 0 && result.missedPositiveCount == 2)
        #expect(result.missedPositives.map(\.title) == ["positive/testing #0 (best window mean 200 / 255)",
                                                       "positive/testing #1 (best window mean 100 / 255)"])
        // no false accept at 0.99: the ambient moments that came closest instead, unmarked, highest first
        #expect(!result.ambientTracesAreFalseAccepts && result.ambientTraces.map(\.marks) == [[], []])
        #expect(result.ambientTraces.map(\.title) == ["background/testing_ambient at 1.5 s", "background/testing_ambient at 9.0 s"])
        // at a cutoff both peaks cross, the traces are the moments around them, highest peak first
        let loose = try EvaluationResult(measurements: measurements, settings: EvaluationSettings(
            targetFalseAcceptsPerHour: 8, cooldownSteps: 0, slidingWindow: 1, clipIgnoreFrames: 0))
        #expect(loose.choice.cutoff == 0.39 && loose.choice.falseAccepts == 2)
        let traces = loose.ambientTraces
        #expect(loose.ambientTracesAreFalseAccepts && traces.count == 2 && traces[0].marks == [50] && traces[0].outputs.count == 84) // steps 0…83
        #expect(traces[1].startSeconds == 200 * 0.03 && traces[1].marks == [100] && traces[1].outputs[100] == 240)
        #expect(traces[1].title == "background/testing_ambient at 9.0 s" && abs(traces[1].windowMeans[100] - 240.0 / 255) < 1e-12)
    }

    @Test func missingDataIsAUserError() {
        var noPositives = EchoProject.measurements()
        noPositives.clips.removeFirst(2)
        #expect(throws: EvaluationError.noPositiveClips) {
            try EvaluationResult(measurements: noPositives, settings: EchoProject.settings)
        }
        var noAmbient = EchoProject.measurements()
        noAmbient.ambient = []
        #expect(throws: EvaluationError.noAmbientAudio) {
            try EvaluationResult(measurements: noAmbient, settings: EchoProject.settings)
        }
    }

    @Test func metricsJSONKeepsTheReferenceKeysAndAddsTheEvidence() throws {
        let result = try EvaluationResult(measurements: EchoProject.measurements(), settings: EchoProject.settings)
        let json = try JSONValue(parsing: result.json.serialized(indent: 1))
        #expect(json["headline"]?.stringValue == "recall 50.0 % at 0.5 false accepts/hour (cutoff 0.78)")
        #expect(json["chosen_cutoff"]?.doubleValue == 0.78 && json["target_met"]?.boolValue == false)
        for key in ["cutoffs", "recall", "precision", "false_accepts", "false_accepts_per_hour",
                    "false_accepts_per_hour_upper_bound", "false_accepts_per_hour_raw", "tp"] {
            #expect(json[key]?.arrayValue?.count == 101, "\(key)")
        }
        #expect(json["false_accepts"]?.arrayValue?[58].integerValue == 1)
        #expect(abs((json["ambient_hours"]?.doubleValue ?? 0) - 0.6 / 3600) < 1e-15)
        #expect(json["operating_points"]?["0.5"]?["cutoff"]?.doubleValue == 0.78)
        #expect(json["recall"]?.arrayValue?[40].doubleValue == 0.5)
    }
}
