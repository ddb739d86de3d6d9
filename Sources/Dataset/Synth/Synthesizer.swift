import AudioIO
import Foundation
import Support
import Synchronization

/// Executes a synth plan: renders every job on `workers` threads (slow jobs first), writes each WAV
/// atomically, and lists every file in `synth_manifest.jsonl` with its engine, voice, settings, text and seed.
///
/// Resumable: finished files are recorded in a journal in the dataset's cache folder, so after Ctrl-C the
/// same command renders only what is missing (and a finished run, repeated, renders nothing). Files an
/// earlier run with a different plan wrote are removed first, so a smaller re-run leaves no stale clips;
/// files synth did not write are never touched.
public enum Synthesizer {
    public static let manifestName = "synth_manifest.jsonl"

    /// What a run wrote.
    public struct Result: Sendable {
        public let manifestPath: String
        public var files: [SampleKind: Int] = [:]
        public var seconds: [SampleKind: Double] = [:]
        /// Files already there from an interrupted or identical earlier run.
        public var reused = 0
        public var rendered = 0
    }

    public static func run(_ plan: SynthPlan, engines: [any SpeechEngine], output: String, workers: Int = 0,
                           showProgress: Bool = true) throws -> Result
    {
        let cache = "\(output)/\(DatasetLayout.cacheFolderName)"
        try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
        let journalPath = "\(cache)/\(SynthJournal.name)"
        let digest = plan.digest
        let previous = SynthJournal.read(journalPath)
        let planned = Set(plan.jobs.map(\.file))
        var done: [String: Double] = [:]
        if let previous, previous.plan == digest {
            done = previous.done.filter { planned.contains($0.key) && FileManager.default.fileExists(atPath: "\(output)/\($0.key)") }
        }
        removePrevious(output: output, journal: previous?.done.keys.map { $0 } ?? [], keeping: Set(done.keys))
        let journal = try SynthJournal(path: journalPath, plan: digest, continuing: previous?.plan == digest)

        let todo = plan.jobs.filter { done[$0.file] == nil }.sorted { cost($0, engines) > cost($1, engines) }
        let progress = ProgressBar(label: "synthesising", total: plan.jobs.count, unit: "files", enabled: showProgress)
        progress.advance(by: plan.jobs.count - todo.count)
        let renderer = JobRenderer(engines: engines)
        let durations = Mutex(done)
        try ParallelWork.forEach(todo, workers: workers) { job in
            let samples = try renderer.render(job)
            try AudioFileWriter.write(PCM.int16(from: samples), to: "\(output)/\(job.file)")
            let seconds = Double(samples.count) / Double(DeviceAudioFormat.sampleRate)
            journal.record(file: job.file, seconds: seconds)
            durations.withLock { $0[job.file] = seconds }
            progress.advance()
        }
        progress.finish()

        var result = Result(manifestPath: "\(output)/\(manifestName)", reused: plan.jobs.count - todo.count, rendered: todo.count)
        let seconds = durations.withLock { $0 }
        var lines = ""
        for job in plan.jobs {
            let duration = seconds[job.file] ?? 0
            var fields = job.manifestFields(runSeed: plan.seed)
            fields.append((key: "duration_s", value: .number((duration * 1000).rounded() / 1000)))
            lines += JSONValue.object(fields).serialized() + "\n"
            result.files[job.kind, default: 0] += 1
            result.seconds[job.kind, default: 0] += duration
        }
        try AtomicFile.write(lines, to: result.manifestPath)
        return result
    }

    /// Rough CPU cost of a job, to start the slow ones first (so no worker is left with a long job at the end).
    static func cost(_ job: SynthJob, _ engines: [any SpeechEngine]) -> Double {
        switch job {
        case .background: 1000
        case let .room(room): room.mode == .simulated ? 5 : 0.5
        case let .speech(speech): engines.first { $0.name == speech.voice.engine }?.relativeCost ?? 1
        }
    }

    /// The files listed in `output`'s manifest and in an earlier journal, which synth wrote, minus `keeping`.
    static func removePrevious(output: String, journal: [String], keeping: Set<String>) {
        var files = journal
        if let text = try? String(contentsOfFile: "\(output)/\(manifestName)", encoding: .utf8) {
            for line in text.split(separator: "\n") {
                if let file = (try? JSONValue(parsing: String(line)))?["file"]?.stringValue { files.append(file) }
            }
        }
        for file in Set(files) where !keeping.contains(file) {
            let parts = file.split(separator: "/")
            guard !file.hasPrefix("/"), !parts.contains(".."), !parts.isEmpty else { continue } // stay inside the dataset
            try? FileManager.default.removeItem(atPath: "\(output)/\(file)")
        }
    }

    /// Near misses for a phrase: spelling edits ranked by espeak-ng's phonemes (when installed) interleaved
    /// with real words from the phoneme lexicon of `wordList` (nil: spelling edits only).
    public static func nearMisses(for phrase: String, wordList: String?, workers: Int,
                                  showProgress: Bool = true) throws -> [(source: NearMisses.Source, text: String)]
    {
        let espeak = EspeakEngine()
        let phonemizer: NearMisses.Phonemizer? = espeak.isAvailable ? { texts throws(SynthError) in try EspeakEngine.phonemes(texts) } : nil
        var dictionary: [String] = []
        if let wordList, espeak.isAvailable {
            let lexicon = try PhonemeLexicon.load(wordList: wordList, workers: workers, showProgress: showProgress)
            dictionary = PhonemeNeighbours.confusablePhrases(PhraseTexts.words(of: phrase).joined(separator: " "), in: lexicon)
        }
        return try NearMisses.nearMisses(phrase, phonemizer: phonemizer, dictionary: dictionary)
    }
}
