#if canImport(Glibc)
import Glibc
#endif
import AudioIO
import Dataset
import Dispatch
import Foundation
import Frontend
import Support

/// `wakesmith bench features`: augmented clips per second through the real worker path, and the
/// frontend's speed alone. Generates its own material in a temporary folder (word-like tone sweeps, two
/// minutes of noisy background, three decaying impulse responses), then renders training positives
/// (3.2 s, the reference augmentation probabilities, `slide_frames` 10 written to a throw-away store) with
/// one worker and with all of them.
public struct FeaturesBenchmark {
    public var clips = 512
    public var workers = FeatureBuilder.defaultWorkers
    public var settings = FeatureBuildSettings()
    /// Runs of the frontend-alone timing; the fastest counts.
    public var frontendRounds = 5

    public init() {}

    public struct Result: Sendable {
        /// Wall-clock clips per second with one worker and with `workers`.
        public var singleWorker: Double
        public var parallel: Double
        public var workers: Int
        /// Process CPU milliseconds per clip (all threads) in the parallel run.
        public var cpuMillisecondsPerClip: Double
        /// The frontend alone: seconds of audio per second of one thread's CPU time.
        public var frontendRealTime: Double
        public var frontendMicrosecondsPerFrame: Double
    }

    public func run() throws -> Result {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wakesmith-bench-\(getpid())").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (positives, backgrounds, responses) = try Self.material(in: folder + "/dataset")
        var settings = settings
        settings.workDirectory = folder + "/work"
        let material = BuildMaterial(settings: settings, backgrounds: backgrounds, impulseResponses: responses,
                                     pools: [.training: Array(backgrounds.indices)])
        let jobs = (0 ..< clips).map { index in
            ClipJob(source: positives[index % positives.count], placement: .positive,
                    key: ClipSeed.key(relativePath: "bench\(index)"), repetition: 0, noisePool: .training)
        }
        // Warm-up: plans and caches are made once per worker in a real run too.
        _ = try ClipRenderer(material: material).render(jobs[0])
        let single = try measure(jobs, material: material, workers: 1, folder: folder + "/one")
        let parallel = workers > 1 ? try measure(jobs, material: material, workers: workers, folder: folder + "/all") : single
        let (realTime, perFrame) = Self.frontendSpeed(rounds: frontendRounds)
        return Result(singleWorker: single.rate, parallel: parallel.rate, workers: workers,
                      cpuMillisecondsPerClip: parallel.cpu, frontendRealTime: realTime, frontendMicrosecondsPerFrame: perFrame)
    }

    private func measure(_ jobs: [ClipJob], material: BuildMaterial, workers: Int, folder: String) throws -> (rate: Double, cpu: Double) {
        let started = DispatchTime.now().uptimeNanoseconds, cpuStarted = Self.processCPUSeconds()
        let writer = try FeatureStoreWriter(splitFolder: folder)
        let results = ChunkResults(sizes: [[jobs.count]])
        let progress = ProgressBar(label: "\(workers) worker\(workers == 1 ? "" : "s")", total: jobs.count, unit: "clips")
        nonisolated(unsafe) var finished: [Spectrogram]?
        try WorkerPool.run(workers: workers, count: jobs.count, makeContext: { ClipRenderer(material: material) },
                           shouldStop: { Interrupt.isRequested }) { renderer, index in
            if let all = results.store([try renderer.render(jobs[index])], store: 0, chunk: 0, item: index) { finished = all }
            progress.advance()
        }
        progress.finish()
        try Interrupt.check()
        for spectrogram in finished ?? [] {
            for slide in Slides.of(spectrogram, count: settings.slides("training")) { try writer.append(slide) }
        }
        try writer.commit([])
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        return (Double(jobs.count) / seconds, (Self.processCPUSeconds() - cpuStarted) * 1000 / Double(jobs.count))
    }

    /// The audio the frontend is timed on (and pymicro-features beside it): 60 s of noisy tones.
    public static func frontendAudio() -> [Int16] {
        var generator = SeededGenerator(seed: 1)
        return (0 ..< 16000 * 60).map { index in
            Int16(max(-32768, min(32767, 8000 * sin(Double(index) * 0.05) + 2000 * generator.normal())))
        }
    }

    /// The frontend on `frontendAudio()`, the fastest of `rounds` runs, in one thread's CPU time.
    public static func frontendSpeed(rounds: Int = 5) -> (realTime: Double, microsecondsPerFrame: Double) {
        let samples = frontendAudio()
        let frontend = MicroFrontend()
        var best = Double.infinity
        for _ in 0 ..< max(1, rounds) {
            let start = threadCPUSeconds()
            _ = frontend.spectrogram(of: samples)
            best = min(best, threadCPUSeconds() - start)
        }
        let frames = Double(FrontendParameters.device.frameCount(forSamples: samples.count))
        return (60 / best, best / frames * 1e6)
    }

    static func threadCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    static func processCPUSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// 24 positive "words" (tone sweeps of 0.6–1.4 s with a quarter second of silence after), two minutes
    /// of background noise in two recordings, three decaying room responses.
    static func material(in folder: String) throws -> (positives: [SourceFile], backgrounds: [[Int16]], responses: [[Float]]) {
        try FileManager.default.createDirectory(atPath: folder + "/positive", withIntermediateDirectories: true)
        var generator = SeededGenerator(seed: 0)
        var positives: [SourceFile] = []
        for index in 0 ..< 24 {
            let seconds = generator.uniform(0.6, 1.4)
            let count = Int(seconds * 16000)
            let base = 200 + 300 * Double(index) / 24
            var samples = (0 ..< count).map { n -> Float in
                let t = Double(n) / 16000
                let envelope = 0.5 - 0.5 * cos(2 * Double.pi * Double(n) / Double(count - 1))
                return Float(0.5 * envelope * sin(2 * Double.pi * (base + 400 * t) * t))
            }
            samples += [Float](repeating: 0, count: 4000)
            let path = folder + "/positive/w\(index).wav"
            try AudioFileWriter.write(PCM.int16(from: samples), to: path)
            positives.append(SourceFile(path: path, relativePath: "positive/w\(index).wav", kind: .positive, split: .train,
                                        contentHash: "\(index)", durationSeconds: Double(samples.count) / 16000))
        }
        let backgrounds = (0 ..< 2).map { _ -> [Int16] in
            var level = 0.0
            let walk = (0 ..< 16000 * 60).map { _ -> Double in
                level = 0.999 * level + generator.normal()
                return level
            }
            let peak = walk.map(abs).max() ?? 1
            return walk.map { Int16(($0 / peak * 0.5 * 32767).rounded()) }
        }
        let responses = (0 ..< 3).map { index -> [Float] in
            var taps = (0 ..< 4000).map { Float(generator.normal() * exp(-Double($0) / (400 * Double(index + 1)))) }
            taps[0] = 4
            let peak = taps.map(abs).max() ?? 1
            return taps.map { $0 / peak * 0.9 }
        }
        return (positives, backgrounds, responses)
    }
}
