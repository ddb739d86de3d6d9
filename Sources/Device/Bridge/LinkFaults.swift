/// What went wrong on the link, by kind, as the bridge saw it: every damaged or missing frame and report,
/// every device reset and timeout, and what the device reported about itself. `device test --json` prints
/// these under "faults".
public struct LinkFaults: Equatable, Sendable {
    /// Frames the device discarded as damaged: its own count (`STATUS bad`), or for a harness without
    /// counters its `BAD` reports.
    public var damagedFrames = 0
    /// Times the device found frames missing (its `NAK` reports).
    public var missingFrames = 0
    /// Report lines the host discarded (checksum or syntax).
    public var damagedReports = 0
    /// Gaps in the report numbers the host had to fill with `RESEND`.
    public var missingReports = 0
    /// Device restarts: the device's own count (`STATUS resets`, plus each time it lost its counters), or for a
    /// harness without counters the `HELLO`s with a new boot id.
    public var resets = 0
    /// Waits without progress that made the host ask again.
    public var timeouts = 0
    /// Frames the host sent more than once.
    public var retransmittedFrames = 0
    /// Streams discarded and sent again from their first sample (after a reset or a desynchronisation).
    public var restartedStreams = 0
    /// Times the device started its fault counters over (it lost power): `damaged_frames` may then miss
    /// what happened between its last `STATUS` before the loss and the loss.
    public var lostCounters = 0
    /// The device's own `FAULT` reports, by kind.
    public var deviceFaults: [String: Int] = [:]
    /// Frames the device refused (`ERR`), by code.
    public var refusals: [String: Int] = [:]

    public init() {}

    /// Every count by its JSON key, the fixed kinds first.
    public var byKind: [(kind: String, count: Int)] {
        var kinds: [(String, Int)] = [
            ("damaged_frames", damagedFrames), ("missing_frames", missingFrames), ("damaged_reports", damagedReports),
            ("missing_reports", missingReports), ("resets", resets), ("timeouts", timeouts),
            ("retransmitted_frames", retransmittedFrames), ("restarted_streams", restartedStreams),
            ("lost_counters", lostCounters),
        ]
        kinds += deviceFaults.sorted { $0.key < $1.key }.map { ("device_\($0.key)", $0.value) }
        kinds += refusals.sorted { $0.key < $1.key }.map { ("refused_\($0.key)", $0.value) }
        return kinds.map { (kind: $0.0, count: $0.1) }
    }

    /// Whether anything at all went wrong.
    public var isEmpty: Bool { byKind.allSatisfy { $0.count == 0 } }

    /// Adds another session's counts.
    public mutating func add(_ other: LinkFaults) {
        damagedFrames += other.damagedFrames
        missingFrames += other.missingFrames
        damagedReports += other.damagedReports
        missingReports += other.missingReports
        resets += other.resets
        timeouts += other.timeouts
        retransmittedFrames += other.retransmittedFrames
        restartedStreams += other.restartedStreams
        lostCounters += other.lostCounters
        deviceFaults.merge(other.deviceFaults, uniquingKeysWith: +)
        refusals.merge(other.refusals, uniquingKeysWith: +)
    }
}
