import AudioIO
import Config
import Dataset
import Foundation
import Support
import Synchronization

/// Hours of ambient test audio for the demo, made cheaply enough to measure false accepts per hour with
/// meaning: many distinct few-minute files, each talkers reading fresh text (ordinary sentences and strings
/// of dictionary words) in espeak-ng voices of speakers that are in the test split only, over coloured noise,
/// at drawn levels, with the real recordings of `recordings` (speech, music, crowds, noises from Debian
/// packages kept out of the dataset) dealt over the files. No audio is repeated between files, and no
/// talker's speech or real recording within a file.
///
/// The files go to `background/demo-ambient/` under names the split assigner puts in the test split, so the
/// features stage cuts them into the ambient test store (and mixes them under held-out clips only); training
/// never hears them. Files are a pure function of the seed and index and are written atomically, so an
/// interrupted demo continues with the files it lacks.
public struct AmbientTestSet: Sendable {
    public static let folder = "demo-ambient"

    public var hours: Double
    public var fileMinutes = 3.0
    public var seed: UInt64 = 0
    public var workers = 0
    /// Real recordings mixed into the files (none: synthesised audio only).
    public var recordings = AmbientRecordings(recordings: [])

    public init(hours: Double) {
        self.hours = hours
    }

    /// What was written (or found).
    public struct Result: Sendable {
        public var files: Int
        public var written: Int
        public var seconds: Double
        public var speakers: Int
        /// Seconds of real recordings in the files written by this call or found (as planned now).
        public var recordingSeconds: Double
        public var recordingSources: Int
    }

    /// Names `<folder>/demo-ambient-K__mix.wav` that `assigner` puts in the test split, in order of K.
    static func testNames(count: Int, assigner: SplitAssigner) -> [String] {
        var names: [String] = []
        var index = 0
        while names.count < count, index < count * 1000 {
            let relative = "background/\(folder)/demo-ambient-\(index)__mix.wav"
            if assigner.split(for: relative) == .test { names.append(relative) }
            index += 1
        }
        return names
    }

    /// espeak-ng voices whose speaker (file-name group) the assigner puts in the test split.
    static func testVoices(assigner: SplitAssigner, seed: UInt64) throws(SynthError) -> [VoiceSetting] {
        var generator = SeededGenerator(seed: seed, stream: 0xA3B1)
        let engine = EspeakEngine()
        let all = try engine.voices(count: 400, using: &generator)
        let held = all.filter { voice in
            let name = "negative/synth/\(SynthPlan.speakerID(voice))__0000.wav"
            return assigner.split(for: name) == .test
        }
        return held.isEmpty ? all : held
    }

    /// Writes the files the dataset lacks. `progress` is told each finished file.
    public func write(dataset: DatasetConfig, wakePhrase: String, showsProgress: Bool) throws -> Result {
        let assigner = try SplitAssigner(dataset)
        let count = max(1, Int((hours * 60 / fileMinutes).rounded()))
        let names = Self.testNames(count: count, assigner: assigner)
        let voices = try Self.testVoices(assigner: assigner, seed: seed)
        let text = BabbleText(wakePhrase: wakePhrase)
        let todo = names.enumerated().filter { !FileManager.default.fileExists(atPath: dataset.root + "/" + $0.element) }
        try FileManager.default.createDirectory(atPath: dataset.root + "/background/" + Self.folder, withIntermediateDirectories: true)
        let progress = ProgressBar(label: "ambient test audio", total: todo.count, unit: "files", enabled: showsProgress && !todo.isEmpty)
        let failure = Mutex<(any Error)?>(nil)
        let next = Atomic<Int>(0)
        let threads = max(1, min(workers > 0 ? workers : ProcessInfo.processInfo.activeProcessorCount, todo.count))
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            while true {
                let position = next.add(1, ordering: .relaxed).oldValue
                guard position < todo.count, !Interrupt.isRequested, failure.withLock({ $0 == nil }) else { return }
                let (index, name) = todo[position]
                do {
                    let samples = try mix(index: index, of: names.count, voices: voices, text: text)
                    let writer = try AudioFileWriter(path: dataset.root + "/" + name)
                    try writer.write(samples)
                    try writer.commit()
                    progress.advance()
                } catch {
                    failure.withLock { $0 = $0 ?? error }
                }
            }
        }
        progress.finish()
        if let error = failure.withLock({ $0 }) { throw error }
        try Interrupt.check()
        let speakers = Set(voices.map(\.speakerKey)).count
        return Result(files: names.count, written: todo.count, seconds: Double(names.count) * fileMinutes * 60, speakers: speakers,
                      recordingSeconds: recordings.seconds, recordingSources: recordings.sources)
    }

    /// File `index` of `count`: 1–3 talkers (each a fresh reading in its own voice, from its own offset, 0–10 dB
    /// apart) at −38…−20 dBFS RMS over coloured noise 5–25 dB below them, plus this file's real recordings, each
    /// from its own offset at −6…+6 dB from the talkers; peak at most −1 dBFS.
    func mix(index: Int, of count: Int, voices: [VoiceSetting], text: BabbleText) throws -> [Float] {
        var generator = SeededGenerator(seed: seed, stream: 0xA3B2, UInt64(index))
        let length = Int(fileMinutes * 60 * Double(DeviceAudioFormat.sampleRate))
        let engine = EspeakEngine()
        var speech = [Float](repeating: 0, count: length)
        for _ in 0 ..< generator.integer(in: 1 ... 3) {
            let voice = voices[generator.integer(in: 0 ..< voices.count)]
            let wordsPerMinute = voice.number("speed", default: 160)
            let reading = try engine.render(text.text(words: Int(fileMinutes * wordsPerMinute * 1.05), using: &generator), voice: voice)
            guard !reading.isEmpty else { continue }
            let level = Float(pow(10, -generator.uniform(0, 10) / 20) / max(ClipShaping.rms(reading), 1e-6))
            let start = generator.integer(in: 0 ..< length)
            for position in 0 ..< min(length, reading.count) {
                speech[(start + position) % length] += reading[position] * level
            }
        }
        let speechLevel = generator.uniform(-38, -20)
        var total = ClipShaping.withRMS(speech, dbfs: speechLevel)
        let color = NoiseColor.allCases[generator.integer(in: 0 ..< NoiseColor.allCases.count)]
        let noise = ClipShaping.withRMS(color.samples(length, using: &generator), dbfs: speechLevel - generator.uniform(5, 25))
        for position in 0 ..< length { total[position] += noise[position] }
        for recording in recordings.recordings(forFile: index, of: count) {
            let samples = try AmbientRecordings.samples(of: recording)
            guard !samples.isEmpty else { continue }
            let shaped = ClipShaping.withRMS(samples, dbfs: speechLevel + generator.uniform(-6, 6))
            let start = generator.integer(in: 0 ..< length)
            for position in 0 ..< min(length, shaped.count) {
                total[(start + position) % length] += shaped[position]
            }
        }
        return ClipShaping.limitingPeak(total, dbfs: -1)
    }
}
