import Foundation
import ESPHome
import Support

/// The manifest half of `verify`: the closed schema (one line per problem), V1 read with a notice, the
/// model file it names, what the release does with it, and the detection settings.
enum ManifestChecks {
    /// Longest sliding window worth averaging: a wake word's peak is shorter.
    static let maxWindowMilliseconds = 1000

    static func check(_ report: inout ModelReport, release: ESPHomeVersion, behaviour: ReleaseBehaviour) {
        let url = URL(fileURLWithPath: report.path)
        switch ManifestReader.read(contentsOf: url) {
        case let .failure(error):
            for problem in error.problems { report.add("manifest", .fail, problem.description) }
            // Still find the model file when the JSON names one, so its checks run too.
            if let data = FileManager.default.contents(atPath: url.path),
               let json = try? JSONValue(parsing: [UInt8](data)), let model = json["model"]?.stringValue, !model.isEmpty
            {
                resolveModel(&report, model: model, manifestURL: url)
            }
        case let .success(manifest):
            report.manifest = manifest
            switch manifest {
            case .v2:
                report.add("manifest", .pass, "version 2, closed schema, strict types")
            case .v1:
                report.add("manifest", .warn, "legacy version 1 manifest (sliding_window_average_size, no arena or step size): ESPHome 2024.7+ converts it with a \(ManifestSchema.v1ConvertedArenaSize)-byte arena and 20 ms steps; re-export with wakesmith for a V2 manifest with a predicted arena")
            }
            resolveModel(&report, model: manifest.model, manifestURL: url)
            checkRelease(&report, manifest: manifest, release: release, behaviour: behaviour)
            if case let .v2(v2) = manifest { checkSettings(&report, v2.micro) }
        }
    }

    private static func resolveModel(_ report: inout ModelReport, model: String, manifestURL: URL) {
        if let scheme = URLComponents(string: model)?.scheme?.lowercased(), ["http", "https"].contains(scheme) {
            report.add("model file", .fail, "model is a URL (\(model)); download it and verify the local copy")
            return
        }
        let resolved = model.hasPrefix("/") ? URL(fileURLWithPath: model)
            : manifestURL.deletingLastPathComponent().appendingPathComponent(model)
        report.modelPath = resolved.standardizedFileURL.path
    }

    private static func checkRelease(_ report: inout ModelReport, manifest: AnyManifest, release: ESPHomeVersion,
                                     behaviour: ReleaseBehaviour)
    {
        guard behaviour.manifestVersions.contains(manifest.version) else {
            report.add("ESPHome release", .fail, "ESPHome \(release) reads only version \(behaviour.manifestVersions.sorted().map(String.init).joined(separator: ", ")) manifests (\"Invalid manifest version\"); V2 needs ESPHome ≥ \(ReleaseTable.firstV2Release)")
            return
        }
        let minimum: String? = switch manifest {
        case let .v2(v2): v2.micro.minimumESPHomeVersion
        case let .v1(v1): v1.minimumESPHomeVersion
        }
        if let minimum, let version = ESPHomeVersion(minimum), version > release {
            report.add("ESPHome release", .fail, "minimum_esphome_version \(minimum) is newer than ESPHome \(release), which refuses it (\"Your ESPHome version is too old\")")
        }
    }

    private static func checkSettings(_ report: inout ModelReport, _ micro: Manifest.MicroSettings) {
        if micro.featureStepSize != 10 {
            report.add("feature step", .warn, "feature_step_size is \(micro.featureStepSize) ms; the frontend the models are trained on steps 10 ms")
        }
        let threshold = micro.quantizedCutoff
        if threshold >= 254 {
            report.add("probability cutoff", .warn, "probability_cutoff \(micro.probabilityCutoff) needs a window mean above \(threshold)/255: it practically never fires")
        } else if micro.probabilityCutoff < 0.5 {
            report.add("probability cutoff", .warn, "probability_cutoff \(micro.probabilityCutoff) is below 0.5: expect many false accepts")
        } else {
            report.add("probability cutoff", .pass, "\(micro.probabilityCutoff): detection when the window mean exceeds \(threshold)/255")
        }
    }

    /// The sliding window's span, once the stride is known.
    static func checkWindow(_ report: inout ModelReport, stride: Int) {
        guard case let .v2(manifest)? = report.manifest else { return }
        let micro = manifest.micro
        let span = micro.slidingWindowSize * stride * micro.featureStepSize
        if span > maxWindowMilliseconds {
            report.add("sliding window", .warn, "sliding_window_size \(micro.slidingWindowSize) averages \(span) ms of outputs: longer than a wake word's peak, so detections get rare (official models: 5 × 30 ms)")
        } else {
            report.add("sliding window", .pass, "\(micro.slidingWindowSize) inferences = \(span) ms")
        }
    }
}
