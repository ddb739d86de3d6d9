import AudioIO
import Foundation
import Support

/// The ambient audio `device fah` streams, cut into segments: the audio files of a folder in name order,
/// up to a number of hours, each file in segments of at most `segmentSamples` (one stream each, so a run
/// killed mid-way loses at most one segment). The same folder, hours and segment length give the same plan.
public struct AmbientPlan: Equatable, Sendable {
    public struct Segment: Equatable, Sendable {
        /// The file, relative to the folder.
        public var file: String
        public var start: Int
        public var samples: Int

        /// How the state file names this segment.
        public var key: String { "\(file)@\(start)+\(samples)" }
    }

    public var folder: String
    public var segments: [Segment]
    public var totalSamples: Int { segments.map(\.samples).reduce(0, +) }

    static let extensions: Set<String> = ["wav", "flac"]

    /// Lists `folder` (recursively); `hours` caps the audio (nil: all of it).
    public init(folder: String, hours: Double?, segmentSeconds: Double) throws {
        self.folder = folder
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw Failure("--ambient \(folder) is not a folder", hint: "give a folder of 16 kHz mono WAV or FLAC recordings without the wake word")
        }
        let names = (FileManager.default.enumerator(atPath: folder)?.compactMap { $0 as? String } ?? [])
            .filter { Self.extensions.contains(($0 as NSString).pathExtension.lowercased()) }
            .sorted()
        guard !names.isEmpty else {
            throw Failure("\(folder) holds no WAV or FLAC files", hint: "`wakesmith data fetch` downloads ambient recordings")
        }
        let limit = hours.map { Int($0 * 3600 * 16000) } ?? Int.max
        let segmentSamples = max(16000, Int(segmentSeconds * 16000))
        var segments: [Segment] = []
        var planned = 0
        for name in names where planned < limit {
            let path = (folder as NSString).appendingPathComponent(name)
            let info = try AudioFile.info(path: path)
            guard info.isDeviceFormat else {
                throw AudioError(path: path, reason: "\(info.summary) is not 16 kHz 16-bit mono",
                                 hint: "convert it (wakesmith validate --fix writes converted copies)")
            }
            var start = 0
            while start < info.frames, planned < limit {
                let count = min(segmentSamples, info.frames - start, limit - planned)
                segments.append(Segment(file: name, start: start, samples: count))
                start += count
                planned += count
            }
        }
        self.segments = segments
    }

    /// The samples of one segment.
    public func samples(of segment: Segment) throws -> [Int16] {
        let reader = try AudioFileReader(path: (folder as NSString).appendingPathComponent(segment.file))
        try reader.seek(toFrame: segment.start)
        var samples: [Int16] = []
        samples.reserveCapacity(segment.samples)
        while samples.count < segment.samples, let block = try reader.readInt16(frames: min(1 << 16, segment.samples - samples.count)) {
            samples.append(contentsOf: block)
        }
        guard samples.count == segment.samples else {
            throw Failure("\(segment.file) is shorter than when the run began", hint: "start over with --restart")
        }
        return samples
    }
}
