import Emulator
import ESPHome
import Foundation
import Support

/// The virtual device's micro_wake_word: the emulator's device pipeline (bit-exact frontend and kernels,
/// the release's stride grouping and detection) behind the `VirtualModelRunner` interface, with the arena
/// the emulator predicts for an ESP32-S3 reported as each model's `arena_used_bytes()`.
public struct EmulatorModelRunner: VirtualModelRunner {
    public let hostModels: [HostModel]
    public let esphome: String
    public let release: ESPHomeVersion
    private let interpreters: [Interpreter]
    private let arenaUsed: [Int]
    private var pipeline: DevicePipeline
    private var taken = 0

    public var models: [DeviceIdentity.Model] { hostModels.map(\.announced) }

    /// Loads the manifests to run as ESPHome `esphome` (at least the harness's minimum release).
    public init(manifests: [String], esphome: String) throws {
        guard ESPHomeVersionOrder.compare(esphome, FirmwareHarness.minimumESPHome) >= 0,
              let release = ESPHomeVersion(esphome)
        else {
            throw Failure("the harness runs ESPHome \(FirmwareHarness.minimumESPHome) or later, not \(esphome)")
        }
        guard !manifests.isEmpty else { throw Failure("no models to load") }
        try self.init(models: manifests.map { try HostModel(manifest: URL(fileURLWithPath: $0)) }, release: release)
    }

    public init(models: [HostModel], release: ESPHomeVersion) throws {
        hostModels = models
        self.release = release
        esphome = release.description
        interpreters = try models.map { try $0.makeInterpreter() }
        arenaUsed = models.map { $0.predictedArena(board: "virtual") }
        pipeline = try Self.makePipeline(interpreters: interpreters, models: models, release: release)
    }

    static func makePipeline(interpreters: [Interpreter], models: [HostModel], release: ESPHomeVersion) throws -> DevicePipeline {
        do {
            return try DevicePipeline(models: Array(zip(interpreters, models.map(\.settings))), release: release)
        } catch {
            throw Failure(error.description)
        }
    }

    /// A fresh frontend, fresh model state and stride positions at 0, as the harness starts a stream.
    public mutating func start() {
        // The same interpreters and release built a pipeline in init, so this cannot fail.
        if let fresh = try? Self.makePipeline(interpreters: interpreters, models: hostModels, release: release) {
            pipeline = fresh
        }
        taken = 0
    }

    public mutating func feed(_ samples: [Int16], _ event: (VirtualModelEvent) -> Void) {
        let firstFeature = FirmwareTiming.firstFeatureSamples
        if taken < firstFeature, taken + samples.count >= firstFeature {
            for (index, model) in hostModels.enumerated() {
                event(.arena(model: index, used: arenaUsed[index], size: model.manifest.micro.tensorArenaSize))
            }
        }
        taken += samples.count
        samples.withUnsafeBufferPointer { buffer in
            pipeline.feed(samples: buffer) { happened in
                switch happened {
                case let .output(model, _, _, raw): event(.inference(model: model, raw: raw))
                case let .detection(model, _): event(.detection(model: model))
                }
            }
        }
    }
}
