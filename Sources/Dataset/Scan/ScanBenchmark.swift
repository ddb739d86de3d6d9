import AudioIO
import Config
import Dispatch
import Foundation
import Support

/// `wakesmith bench scan`: scan time of a generated dataset, cold (every file hashed and its header read)
/// and cached (unchanged files answered from the hash cache), as the Python reference's benchmark does it.
public struct ScanBenchmark {
    /// One-second 16 kHz WAVs, alternating positive/negative, in 50 speaker sub-folders.
    public var files = 10_000

    public init() {}

    public struct Result: Sendable {
        public let files: Int
        public let coldSeconds: Double
        public let cachedSeconds: Double
        public let cacheHits: Int
        public let records: Int
    }

    /// Writes the dataset under `root` (distinct files: one noise clip rotated by the file's index).
    public func writeDataset(root: String) throws {
        var generator = SeededGenerator(seed: 0)
        let clip = (0 ..< DeviceAudioFormat.sampleRate).map { _ in Int16(max(-32768, min(32767, (generator.normal() * 3000).rounded()))) }
        for speaker in 0 ..< 50 {
            for kind in ["positive", "negative"] {
                try FileManager.default.createDirectory(atPath: root + "/\(kind)/spk" + Self.twoDigits(speaker), withIntermediateDirectories: true)
            }
        }
        let failure = UnsafeResults<String>(count: 1)
        DispatchQueue.concurrentPerform(iterations: files) { index in
            let kind = index % 2 == 1 ? "positive" : "negative"
            let path = root + "/\(kind)/spk\(Self.twoDigits(index % 50))/f\(Self.fiveDigits(index)).wav"
            let shift = index % clip.count
            let samples = Array(clip[(clip.count - shift)...] + clip[..<(clip.count - shift)])
            do throws(AudioError) {
                try AudioFileWriter.write(samples, to: path)
            } catch {
                failure[0] = error.message
            }
        }
        if let message = failure[0] { throw Failure("cannot write the benchmark dataset: \(message)") }
    }

    /// Scans `root` twice: without a cache, then with the cache the first scan wrote.
    public func measure(root: String) throws -> Result {
        var settings = DatasetConfig()
        settings.root = root
        let cache = root + "/" + DatasetLayout.cacheFolderName
        if FileManager.default.fileExists(atPath: cache) { try FileManager.default.removeItem(atPath: cache) }
        var start = DispatchTime.now().uptimeNanoseconds
        let cold = try DatasetScanner.scan(settings)
        let coldSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        start = DispatchTime.now().uptimeNanoseconds
        let warm = try DatasetScanner.scan(settings)
        let cachedSeconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        return Result(files: files, coldSeconds: coldSeconds, cachedSeconds: cachedSeconds, cacheHits: warm.cache.hits,
                      records: cold.records.count)
    }

    static func twoDigits(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    static func fiveDigits(_ value: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, 5 - text.count)) + text
    }
}
