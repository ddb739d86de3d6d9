import ESPHome
import Foundation

/// Writes evaluation's cutoff into a V2 manifest: only `micro.probability_cutoff` changes (the schema is
/// closed, SPEC §3), through ESPHome's writer (validated, atomic).
enum ManifestCutoff {
    /// The cutoff as the manifest holds it: two decimals, inside (0, 1).
    static func rounded(_ cutoff: Double) -> Double {
        min(max((cutoff * 100).rounded() / 100, 0.01), 0.99)
    }

    /// Sets `cutoff` in `manifest` and writes it to `path`; false when it already had that cutoff.
    static func set(_ cutoff: Double, in manifest: Manifest, path: String) throws(EvaluationError) -> Bool {
        guard manifest.micro.probabilityCutoff != cutoff else { return false }
        var updated = manifest
        updated.micro.probabilityCutoff = cutoff
        do {
            try updated.write(to: path)
        } catch {
            throw .manifestNotWritten(path, error.message)
        }
        return true
    }
}
