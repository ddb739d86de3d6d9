import Emulator
import ESPHome
import Support

/// What the host predicts a device reports for one stream: the emulator's device pipeline over the whole
/// audio at once (no chunking), each output and detection stamped with the samples after which its feature
/// is complete, and the arena the emulator predicts for the board.
public enum HostPrediction {
    public static func outcome(for audio: [Int16], models: [HostModel], release: ESPHomeVersion, board: String,
                               step: Int = 160) throws -> StreamOutcome
    {
        let interpreters = try models.map { try $0.makeInterpreter() }
        let pipeline = try EmulatorModelRunner.makePipeline(interpreters: interpreters, models: models, release: release)
        var outcome = StreamOutcome(models: models.count)
        audio.withUnsafeBufferPointer { buffer in
            pipeline.feed(samples: buffer) { event in
                switch event {
                case let .output(model, _, feature, raw):
                    outcome.inferences[model].append(.init(samples: FirmwareTiming.samples(afterFeature: feature, step: step), raw: raw))
                case let .detection(model, feature):
                    outcome.detections[model].append(FirmwareTiming.samples(afterFeature: feature, step: step))
                }
            }
        }
        if audio.count >= FirmwareTiming.firstFeatureSamples {
            for (index, model) in models.enumerated() {
                outcome.arenas[index] = .init(used: model.predictedArena(board: board), size: model.manifest.micro.tensorArenaSize)
            }
        }
        outcome.samples = audio.count
        return outcome
    }
}
