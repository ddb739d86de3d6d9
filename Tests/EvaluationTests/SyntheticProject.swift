import Evaluation
import Support

/// Plausible model outputs for report tests: positives that rise near their end, negatives that mostly stay
/// low, and `hours` of ambient audio with occasional bursts, like a trained model on real audio (seeded).
enum SyntheticProject {
    static func measurements(seed: UInt64 = 16, positives: Int = 150, negatives: Int = 400, hours: Double = 2) -> StreamMeasurements {
        var random = SeededGenerator(seed: seed)
        func byte(_ probability: Double) -> UInt8 { UInt8(max(0, min(255, (probability * 255).rounded()))) }
        func clip(peak: Double, length: Int) -> [UInt8] {
            (0 ..< length).map { index in
                let rise = max(0, 1 - Double(abs(index - (length - 7))) / 6) // a bump near the end
                return byte(0.02 + random.uniform(0, 0.04) + rise * peak + random.normal() * 0.02)
            }
        }
        var clips: [StreamMeasurements.Clip] = []
        for index in 0 ..< positives {
            let peak = min(1, max(0, 0.85 + 0.2 * random.normal()))
            clips.append(.init(name: "positive/testing #\(index)", set: "positive", isWakeWord: true, outputs: clip(peak: peak, length: 50)))
        }
        for index in 0 ..< negatives {
            let peak = min(1, max(0, 0.15 + 0.25 * random.normal()))
            clips.append(.init(name: "negative/testing #\(index)", set: "negative", isWakeWord: false, outputs: clip(peak: peak, length: 50)))
        }
        let inferences = Int(hours * 3600 / 0.03)
        let recordings = 2
        var ambient: [StreamMeasurements.Ambient] = []
        for recording in 0 ..< recordings {
            var outputs = (0 ..< inferences / recordings).map { _ in byte(random.uniform(0, 0.03)) }
            let bursts = Int(40 * hours / Double(recordings))
            for _ in 0 ..< bursts {
                let at = random.integer(in: 10 ..< outputs.count - 10)
                let peak = random.uniform(0.2, 1.0)
                for offset in -4 ... 4 { outputs[at + offset] = byte(peak * (1 - Double(abs(offset)) / 5)) }
            }
            ambient.append(.init(name: "ambient recording \(recording + 1)", outputs: outputs))
        }
        return StreamMeasurements(clips: clips, ambient: ambient, ambientSeconds: hours * 3600, stride: 3, frameSeconds: 0.01)
    }
}
