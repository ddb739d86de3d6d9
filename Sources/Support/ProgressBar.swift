import Foundation
import Synchronization

/// Progress of long work on standard error: a bar redrawn in place (at most ten times a second) on a
/// terminal, plain lines (every tenth of the work, or every ten seconds) otherwise, so CI logs stay short.
/// Safe to advance from several threads.
///
///     let progress = ProgressBar(label: "features", total: clips.count, unit: "clips")
///     for clip in clips { …; progress.advance() }
///     progress.finish()
public final class ProgressBar: Sendable {
    private struct State {
        var done = 0
        var status = ""
        var lastDraw: UInt64 = 0
        var lastPlainFraction = -1
        var lastPlainTime: UInt64 = 0
        var finished = false
    }

    public let label: String
    public let total: Int?
    public let unit: String
    private let interactive: Bool
    private let enabled: Bool
    private let sink: @Sendable (String) -> Void
    private let start: UInt64
    private let state = Mutex(State())

    /// - Parameters:
    ///   - total: the amount of work, or nil when unknown (then only the count and rate are shown).
    ///   - unit: what is counted, plural ("clips", "steps").
    ///   - enabled: false draws nothing (quiet mode, JSON output).
    public convenience init(label: String, total: Int?, unit: String, enabled: Bool = true) {
        self.init(label: label, total: total, unit: unit, enabled: enabled,
                  interactive: StandardStream.error.isInteractiveTerminal) { StandardStream.error.write($0) }
    }

    /// A bar writing to `sink` instead of standard error (tests).
    init(label: String, total: Int?, unit: String, enabled: Bool, interactive: Bool, sink: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.total = total
        self.unit = unit
        self.enabled = enabled
        self.interactive = interactive
        self.sink = sink
        start = DispatchTime.now().uptimeNanoseconds
    }

    /// Counts `amount` more units of work done.
    public func advance(by amount: Int = 1) {
        advance(by: amount, at: DispatchTime.now().uptimeNanoseconds)
    }

    /// Counts `amount` more units done at clock time `now` (nanoseconds). Threads read the clock before taking
    /// the lock, so `now` may be earlier than a time another thread already recorded.
    func advance(by amount: Int, at now: UInt64) {
        let line: String? = state.withLock { state in
            state.done += amount
            return lineToDraw(&state, now: now)
        }
        if let line { sink(line) }
    }

    /// Shows a short status after the counts (the latest loss, the file being read).
    public func setStatus(_ status: String) {
        state.withLock { $0.status = status }
    }

    /// Units done so far.
    public var completed: Int { state.withLock { $0.done } }

    /// Seconds since the bar was created.
    public var elapsedSeconds: Double { Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }

    /// Units per second so far.
    public var rate: Double {
        let elapsed = elapsedSeconds
        return elapsed > 0 ? Double(completed) / elapsed : 0
    }

    /// Draws the final state and ends the line. Further calls do nothing.
    public func finish() {
        let line: String? = state.withLock { state in
            guard !state.finished else { return nil }
            state.finished = true
            guard enabled else { return nil }
            let text = render(state)
            if interactive { return "\r\u{1B}[2K" + text + "\n" }
            // In a log the last plain line may already say 100 %: do not repeat it.
            let complete = total.map { $0 > 0 && state.done >= $0 } ?? false
            return complete && state.lastPlainFraction >= 10 ? nil : text + "\n"
        }
        if let line { sink(line) }
    }

    private func lineToDraw(_ state: inout State, now: UInt64) -> String? {
        guard enabled, !state.finished else { return nil }
        if interactive {
            guard nanoseconds(from: state.lastDraw, to: now) >= 100_000_000 else { return nil }
            state.lastDraw = now
            return "\r\u{1B}[2K" + String(render(state).prefix(StandardStream.error.columns - 1))
        }
        let tenth = total.map { $0 > 0 ? state.done * 10 / $0 : 10 } ?? -1
        let dueByFraction = total != nil && tenth > state.lastPlainFraction
        let dueByTime = nanoseconds(from: max(state.lastPlainTime, start), to: now) >= 10_000_000_000
        guard dueByFraction || dueByTime else { return nil }
        state.lastPlainFraction = max(state.lastPlainFraction, tenth)
        state.lastPlainTime = max(state.lastPlainTime, now)
        return render(state) + "\n"
    }

    /// Time from `earlier` to `later`, zero when another thread's clock reading makes it negative.
    private func nanoseconds(from earlier: UInt64, to later: UInt64) -> UInt64 {
        later > earlier ? later - earlier : 0
    }

    private func render(_ state: State) -> String {
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let rate = elapsed > 0 ? Double(state.done) / elapsed : 0
        var parts = [label]
        if let total, total > 0 {
            let fraction = min(1, Double(state.done) / Double(total))
            if interactive {
                let width = 24
                let filled = Int(fraction * Double(width))
                parts.append("[" + String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled) + "]")
            }
            parts.append("\(Int(fraction * 100))%")
            parts.append("\(state.done)/\(total) \(unit)")
            if rate > 0, state.done < total {
                parts.append("eta \(formatDuration(Double(total - state.done) / rate))")
            }
        } else {
            parts.append("\(state.done) \(unit)")
        }
        parts.append("\(formatRate(rate)) \(unit)/s")
        parts.append(formatDuration(elapsed))
        if !state.status.isEmpty { parts.append(state.status) }
        return parts.joined(separator: "  ")
    }
}

/// "1:05" for 65 seconds, "1:02:03" past an hour.
public func formatDuration(_ seconds: Double) -> String {
    guard seconds.isFinite, seconds >= 0 else { return "?" }
    let total = Int(seconds.rounded())
    let (hours, minutes, secs) = (total / 3600, total / 60 % 60, total % 60)
    let two = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
    return hours > 0 ? "\(hours):\(two(minutes)):\(two(secs))" : "\(minutes):\(two(secs))"
}

/// A rate with three significant figures: "0.512", "51.2", "5120".
public func formatRate(_ value: Double) -> String {
    if value >= 100 { return String(Int(value.rounded())) }
    if value >= 10 { return String(format: "%.1f", value) }
    return String(format: "%.2f", value)
}
