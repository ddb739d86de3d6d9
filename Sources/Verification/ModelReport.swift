import Emulator
import ESPHome

/// Everything `verify` learned about one manifest or bare .tflite, as named checks plus the facts the
/// group checks, `compat` and the JSON output need.
public struct ModelReport: Sendable {
    public enum Kind: String, Sendable {
        case manifest
        case tflite
    }

    public let path: String
    public let kind: Kind
    public internal(set) var checks: [Check] = []
    /// The .tflite the report is about (the manifest's `model`, resolved).
    public internal(set) var modelPath: String?
    public internal(set) var manifest: AnyManifest?
    public internal(set) var operators: [String] = []
    public internal(set) var stride: Int?
    public internal(set) var resourceVariables: Int?
    /// Predicted smallest arenas by target (bytes).
    public internal(set) var arena: [ArenaTarget: ArenaPrediction] = [:]
    /// The release whose operators the model needs at least.
    public internal(set) var requiredRelease: ESPHomeVersion?

    init(path: String, kind: Kind) {
        self.path = path
        self.kind = kind
    }

    mutating func add(_ name: String, _ status: Check.Status, _ message: String) {
        checks.append(Check(name, status, message))
    }

    /// True when nothing failed: the model will load on the release checked.
    public var willLoad: Bool { !checks.isEmpty && !checks.contains { $0.status == .fail } }

    /// The first failure, the one line to fix first.
    public var firstFailure: Check? { checks.first { $0.status == .fail } }

    /// The manifest's arena (V2), when there is one.
    public var manifestArena: Int? {
        if case let .v2(manifest)? = manifest { return manifest.micro.tensorArenaSize }
        return nil
    }

    /// The largest predicted need over the device targets (ESP32 and ESP32-S3).
    public var deviceArena: Int? {
        let needs = ArenaTarget.deviceTargets.compactMap { arena[$0]?.minimumBytes }
        return needs.max()
    }
}
