/// The device's own fault counters, as `STATUS` reports them (`counters resets bad`, docs/device-protocol.md §3).
/// The device keeps them where a reset does not wipe them (the firmware in RTC memory, the virtual device across
/// its simulated resets), so a fault whose report a reset destroyed is still counted.
public struct DeviceCounters: Equatable, Sendable {
    /// Names this run of counting; new whenever the counts start again from zero (at power-on).
    public var epoch: UInt32
    /// Resets the counters survived.
    public var resets: UInt32
    /// Damaged frames the device discarded: one per `BAD` it wrote, whether or not the report got out.
    public var bad: UInt32

    public init(epoch: UInt32, resets: UInt32 = 0, bad: UInt32 = 0) {
        self.epoch = epoch
        self.resets = resets
        self.bad = bad
    }

    /// The counters of a `STATUS` report; nil when it has none (a harness before version 2).
    public init?(status report: Report) {
        guard let text = report["counters"], text.count == 8, let epoch = UInt32(text, radix: 16),
              let resets = report.integer("resets"), let bad = report.integer("bad"),
              let resets32 = UInt32(exactly: resets), let bad32 = UInt32(exactly: bad)
        else { return nil }
        self.init(epoch: epoch, resets: resets32, bad: bad32)
    }

    /// `epoch` as `STATUS` writes it: eight lowercase hex digits.
    public var epochText: String {
        let text = String(epoch, radix: 16)
        return String(repeating: "0", count: 8 - text.count) + text
    }
}
