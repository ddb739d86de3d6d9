import AudioIO
import Dataset
import Foundation
import Support

/// Real recordings for the demo's ambient test audio: what `data fetch` wrote into a folder outside the
/// dataset (so training never hears them), at most `minutesPerSource` of each source, every recording used
/// once, dealt evenly over the ambient files in a seeded order.
///
/// A source is one fetched package (`<folder>/negative/<package>/…`, `<folder>/background/<package>/…`), so no
/// package's voices, music or noises fill more than a few minutes of the hours of ambient audio.
public struct AmbientRecordings: Sendable, Equatable {
    /// One recording (or its first `seconds`, when it alone is longer than a source's share).
    public struct Recording: Sendable, Equatable {
        public var path: String
        public var source: String
        public var seconds: Double
    }

    public static let defaultMinutesPerSource = 4.0
    /// The folder `wakesmith demo` fetches into, under the demo folder.
    public static let folder = "recordings"

    public private(set) var recordings: [Recording]

    public init(recordings: [Recording]) {
        self.recordings = recordings
    }

    /// The WAV files under `folder`'s `negative/` and `background/` package folders: per source a seeded
    /// choice of recordings adding up to at most `minutesPerSource`, all of them in a seeded order. A folder
    /// with nothing fetched gives no recordings.
    public init(folder: String, minutesPerSource: Double = Self.defaultMinutesPerSource, seed: UInt64) throws(AudioError) {
        var bySource: [String: [String]] = [:]
        for kind in [SampleKind.negative, .background] {
            let kindFolder = folder + "/" + kind.rawValue
            let sources = (try? FileManager.default.contentsOfDirectory(atPath: kindFolder)) ?? []
            for source in sources {
                let files = FileManager.default.enumerator(atPath: kindFolder + "/" + source)?.compactMap { $0 as? String } ?? []
                bySource[source, default: []] += files.filter { $0.lowercased().hasSuffix(".wav") }
                    .map { kindFolder + "/" + source + "/" + $0 }
            }
        }
        var generator = SeededGenerator(seed: seed, stream: 0xA3B3)
        var chosen: [Recording] = []
        for source in bySource.keys.sorted() {
            var paths = (bySource[source] ?? []).sorted()
            generator.shuffle(&paths)
            var left = minutesPerSource * 60
            for path in paths where left >= 1 {
                let seconds = try AudioFileReader(path: path).info.durationSeconds
                guard seconds > 0 else { continue }
                let used = min(seconds, left)
                chosen.append(Recording(path: path, source: source, seconds: used))
                left -= used
            }
        }
        generator.shuffle(&chosen)
        recordings = chosen
    }

    public var seconds: Double { recordings.reduce(0) { $0 + $1.seconds } }
    public var sources: Int { Set(recordings.map(\.source)).count }

    /// The recordings of ambient file `index` of `count`: recording j goes to file ⌊j · count / total⌋, so
    /// they spread evenly over the files and none is used twice.
    public func recordings(forFile index: Int, of count: Int) -> [Recording] {
        guard count > 0, !recordings.isEmpty else { return [] }
        return recordings.indices.filter { $0 * count / recordings.count == index }.map { recordings[$0] }
    }

    /// The samples of `recording` (16 kHz mono as `data fetch` writes them), cut to its `seconds`.
    static func samples(of recording: Recording) throws(AudioError) -> [Float] {
        let (samples, rate) = try AudioFile.readMonoFloat(path: recording.path)
        guard rate == DeviceAudioFormat.sampleRate else {
            throw AudioError(path: recording.path, reason: "is \(rate) Hz, not \(DeviceAudioFormat.sampleRate) Hz; fetch it again with `wakesmith data fetch --force`")
        }
        return Array(samples.prefix(Int(recording.seconds * Double(rate))))
    }
}
