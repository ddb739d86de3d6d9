import Support

/// Damages the bytes of the virtual device's link as a `FaultPlan` says, and keeps the ground truth a test
/// compares the bridge's findings with.
public struct FaultInjector: Sendable {
    /// What was injected, and what the host must therefore have seen.
    public struct Tally: Equatable, Sendable {
        public var droppedBytes = 0
        public var corruptedBytes = 0
        /// Frames from the host with at least one damaged byte.
        public var damagedFrames = 0
        /// Report lines with a damaged byte after an intact `MWWH ` marker: the host must reject each of them.
        public var damagedReports = 0
        /// Report lines whose marker itself was damaged: the host cannot see them, only the gap they leave.
        public var hiddenReports = 0
        public var resets = 0
        /// Frames the device discarded as damaged: its `bad` counter, one per `BAD` it wrote, including those a
        /// reset wiped before they went out (`VirtualDevice.finish()` fills it in).
        public var badReports = 0
    }

    public let plan: FaultPlan
    public private(set) var tally = Tally()
    private var generator: SeededGenerator
    private var frameDamaged = false

    public init(plan: FaultPlan) {
        self.plan = plan
        generator = SeededGenerator(seed: plan.seed)
    }

    private mutating func roll(_ rate: Double) -> Bool { rate > 0 && generator.nextUnit() < rate }

    /// The host's bytes as the device receives them.
    public mutating func hostToDevice(_ bytes: [UInt8]) -> [UInt8] {
        guard plan.dropRate > 0 || plan.corruptRate > 0 else { return bytes }
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        for byte in bytes {
            if roll(plan.dropRate) {
                tally.droppedBytes += 1
                frameDamaged = true
            } else if roll(plan.corruptRate) {
                tally.corruptedBytes += 1
                frameDamaged = true
                output.append(byte ^ UInt8(1 + generator.next() % 255))
            } else {
                output.append(byte)
            }
            if byte == DeviceProtocol.delimiter {
                if frameDamaged { tally.damagedFrames += 1 }
                frameDamaged = false
            }
        }
        return output
    }

    /// What the injected faults did to one report line.
    public enum LineDamage: Sendable {
        case intact
        /// A byte after an intact `MWWH ` marker was hit: the host sees the line and must reject it.
        case damaged
        /// The marker itself was hit: the host cannot see the line, only the gap it leaves.
        case hidden
    }

    /// One report line (with its newline) as the host receives it, and what happened to it. The tally counts
    /// the line when it has been sent whole (`countDelivered`); a reset can cut it short first.
    public mutating func deviceToHost(_ line: [UInt8]) -> (bytes: [UInt8], damage: LineDamage) {
        guard plan.dropRate > 0 || plan.corruptRate > 0 else { return (line, .intact) }
        var output: [UInt8] = []
        output.reserveCapacity(line.count)
        var markerHit = false
        var contentHit = false
        let marker = DeviceProtocol.reportMarker.count
        for (index, byte) in line.enumerated() {
            let dropped = roll(plan.dropRate)
            let corrupted = !dropped && roll(plan.corruptRate)
            if dropped || corrupted {
                if dropped { tally.droppedBytes += 1 } else { tally.corruptedBytes += 1 }
                if index < marker { markerHit = true } else if index < line.count - 1 { contentHit = true }
            }
            if dropped { continue }
            output.append(corrupted ? byte ^ UInt8(1 + generator.next() % 255) : byte)
        }
        return (output, markerHit ? .hidden : contentHit ? .damaged : .intact)
    }

    /// A line (or what a reset left of it) reached the host with this damage.
    mutating func countDelivered(_ damage: LineDamage) {
        switch damage {
        case .intact: break
        case .damaged: tally.damagedReports += 1
        case .hidden: tally.hiddenReports += 1
        }
    }

    mutating func countReset() { tally.resets += 1 }
}
