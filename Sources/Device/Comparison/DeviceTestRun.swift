import AudioIO
import ESPHome
import Foundation
import Support

/// `device test`: streams audio files to a device running a model and compares what it says with what
/// the emulator predicts for the device's own ESPHome release, file by file.
public struct DeviceTestRun {
    public struct FileResult: Sendable {
        public var path: String
        public var samples: Int
        public var device: StreamOutcome
        public var host: StreamOutcome
        public var comparison: StreamComparison
        /// The model's index on the device (the host's is 0).
        public var deviceModel: Int
    }

    public var identity: DeviceIdentity
    public var model: HostModel
    public var files: [FileResult] = []
    public var faults = LinkFaults()
    public var acoustic: Bool
    public var port: String

    /// Every file agrees (outputs identical and detections to the stride; detections only in acoustic mode).
    public var agrees: Bool { files.allSatisfy(\.comparison.agrees) }
    public var identical: Int { files.map(\.comparison.identical).reduce(0, +) }
    public var total: Int { files.map(\.comparison.total).reduce(0, +) }
    /// The arena the device reported using (the largest over the files), nil when it never said.
    public var deviceArena: Int? {
        files.compactMap { $0.device.arenas[$0.deviceModel]?.used }.max()
    }
    public var predictedArena: Int { model.predictedArena(board: identity.board) }

    /// Runs the test: checks the device runs the model, then for each file predicts, streams, compares;
    /// `progress` hears (file index, samples acknowledged, samples in the file).
    public static func run(session: DeviceSession, port: String, model: HostModel, files paths: [String],
                           player: AcousticPlayer? = nil, progress: ((Int, Int, Int) -> Void)? = nil) throws -> DeviceTestRun
    {
        let identity = try session.connect()
        let index = try DeviceChecks.index(of: model.harness, in: identity, port: port)
        guard let release = ESPHomeVersion(identity.esphome) else {
            throw Failure("\(port) reports ESPHome '\(identity.esphome)', which is not a release number")
        }
        if player != nil, !identity.acoustic {
            throw Failure("\(port) has no microphone for acoustic tests",
                          hint: "declare one under the harness microphone's `acoustic:` and flash again, or drop --acoustic")
        }
        var run = DeviceTestRun(identity: identity, model: model, acoustic: player != nil, port: port)
        for (fileIndex, path) in paths.enumerated() {
            let audio = try AudioFile.readDeviceSamples(path: path)
            let host = try HostPrediction.outcome(for: audio, models: [model], release: release, board: identity.board, step: identity.step)
            let device: StreamOutcome
            if let player {
                device = try session.streamAcoustically { try player.play(audio) }
            } else {
                device = try session.stream(audio) { progress?(fileIndex, $0, audio.count) }
            }
            let tolerance = player == nil ? max(0, model.stride - 1) : AcousticPlayer.toleranceFeatures
            let comparison = StreamComparison(device: device, deviceModel: index, host: host, hostModel: 0, step: identity.step,
                                              tolerance: tolerance, compareOutputs: player == nil)
            run.files.append(FileResult(path: path, samples: audio.count, device: device, host: host, comparison: comparison, deviceModel: index))
        }
        // Every frame sent has been taken and every report read: the fault counts are complete.
        try session.settle()
        run.faults = session.faults
        return run
    }
}
