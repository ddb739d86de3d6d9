import AudioIO
import Config
import Foundation

/// The per-file checks of `wakesmith validate`, with the Python reference's messages
/// (`wakesmith/audio/validation.py`): header problems need no read; content problems (truncated, silent,
/// clipped) need the samples, whose statistics the scan cache keeps.
public enum FileChecks {
    /// Problems visible in the header: unreadable or empty, sample rate, sample format, channels, duration.
    public static func headerProblems(_ record: SampleRecord, settings: DatasetConfig) -> [FileProblem] {
        guard let info = record.info, record.readError == nil else {
            let size = (try? FileManager.default.attributesOfItem(atPath: record.path)[.size] as? Int) ?? nil
            return [FileProblem(size == 0 ? "empty: 0 bytes" : "unreadable: \(record.readError ?? "unknown reason")")]
        }
        guard info.frames > 0 else { return [FileProblem("empty: no samples")] }
        var problems: [FileProblem] = []
        if info.sampleRate != DeviceAudioFormat.sampleRate {
            problems.append(FileProblem("wrong sample rate: \(info.sampleRate) Hz (needs \(DeviceAudioFormat.sampleRate))", fixable: true))
        }
        if info.encoding != .pcm16 {
            problems.append(FileProblem("not 16-bit PCM: \(record.sampleFormat)", fixable: true))
        }
        if info.channels != DeviceAudioFormat.channels {
            problems.append(FileProblem("not mono: \(info.channels) channels", fixable: true))
        }
        if let limits = settings.limits(forKind: record.kind.rawValue) {
            let seconds = info.durationSeconds
            if seconds < limits.minimumSeconds {
                problems.append(FileProblem("too short: \(format(seconds, 2)) s (\(record.kind.rawValue) needs >= \(general(limits.minimumSeconds)) s)"))
            } else if seconds > limits.maximumSeconds {
                problems.append(FileProblem("too long: \(format(seconds, 1)) s (\(record.kind.rawValue) allows <= \(general(limits.maximumSeconds)) s)"))
            }
        }
        if info.container == .wav, let lengths = WAVDataLength.of(path: record.path), lengths.isTruncated {
            problems.append(FileProblem("truncated: header says \(lengths.declaredFrames) frames, the file holds \(lengths.presentFrames)"))
        }
        return problems
    }

    /// Problems the samples show.
    public static func contentProblems(_ record: SampleRecord, stats: ContentStats, settings: DatasetConfig) -> [FileProblem] {
        var problems: [FileProblem] = []
        if Double(stats.framesRead) < Double(record.frames) * 0.99 {
            problems.append(FileProblem("truncated: header says \(record.frames) frames, only \(stats.framesRead) readable"))
        }
        let level = stats.peak > 0 ? 20 * log10(stats.peak) : -Double.infinity
        if level < settings.silenceDBFS {
            let shown = level.isInfinite ? "-inf" : format(level, 1)
            problems.append(FileProblem("silent: peak \(shown) dBFS (below \(general(settings.silenceDBFS)) dBFS)"))
        }
        if stats.clippedFraction > settings.clippingFraction {
            problems.append(FileProblem("clipped: \(format(stats.clippedFraction * 100, 1))% of samples at full scale "
                + "(limit \(format(settings.clippingFraction * 100, 1))%)"))
        }
        return problems
    }

    /// Every problem of one file, and the content statistics used (`knownStats` when the caller has them for
    /// this content, e.g. from the scan cache; read from the file otherwise). Never throws: a read failure is
    /// itself a problem.
    public static func problems(_ record: SampleRecord, settings: DatasetConfig, knownStats: ContentStats?) -> (problems: [FileProblem], stats: ContentStats?) {
        let header = headerProblems(record, settings: settings)
        guard record.isReadable, record.frames > 0 else { return (header, nil) }
        let stats: ContentStats
        if let knownStats {
            stats = knownStats
        } else {
            do {
                stats = try ContentStats(path: record.path)
            } catch {
                return (header + [FileProblem("unreadable samples: \(error.reason)")], nil)
            }
        }
        return (header + contentProblems(record, stats: stats, settings: settings), stats)
    }

    /// `value` with `digits` decimals, as Python's `f"{value:.{digits}f}"`.
    static func format(_ value: Double, _ digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }

    /// `value` as Python's `f"{value:g}"` (six significant digits, no trailing zeros).
    static func general(_ value: Double) -> String {
        String(format: "%g", value)
    }
}
