/// The host's account of the device's fault counters (docs/device-protocol.md §4): what they rose by since the
/// session first synchronised. Every `STATUS` updates it; after `settle()` the counts are final and exact,
/// whatever resets destroyed on the way. When the device starts counting again from zero (a new `epoch`: it
/// lost power), what the old epoch counted up to its last `STATUS` is carried over, the power loss is counted
/// as a reset, and `lostEpochs` says the counts may miss what happened between that `STATUS` and the loss.
struct CounterLedger: Sendable {
    /// The counters at the session's first `STATUS`: what was counted before this session.
    private(set) var initial: DeviceCounters?
    /// What the current epoch's counts are measured from.
    private var baseline: DeviceCounters?
    private var latest: DeviceCounters?
    private var carriedResets = 0
    private var carriedBad = 0
    /// Times the device started its counters over (power-on) during the session.
    private(set) var lostEpochs = 0

    /// Whether the device reports counters at all (a harness of version 2 or later).
    var isAvailable: Bool { baseline != nil }

    /// Takes the counters of a `STATUS` read in order.
    mutating func take(_ counters: DeviceCounters) {
        guard let start = baseline, let previous = latest else {
            initial = counters
            baseline = counters
            latest = counters
            return
        }
        if counters.epoch == previous.epoch, counters.resets >= previous.resets, counters.bad >= previous.bad {
            latest = counters
            return
        }
        // Counting started over: keep what the old epoch counted, and count from zero in the new one.
        carriedResets += Int(previous.resets - start.resets) + 1
        carriedBad += Int(previous.bad - start.bad)
        lostEpochs += 1
        baseline = DeviceCounters(epoch: counters.epoch)
        latest = counters
    }

    /// Resets since the session began (those the counters survived, and each power loss).
    var resets: Int {
        guard let start = baseline, let now = latest else { return 0 }
        return carriedResets + Int(now.resets - start.resets)
    }

    /// Damaged frames the device discarded since the session began.
    var damagedFrames: Int {
        guard let start = baseline, let now = latest else { return 0 }
        return carriedBad + Int(now.bad - start.bad)
    }
}
