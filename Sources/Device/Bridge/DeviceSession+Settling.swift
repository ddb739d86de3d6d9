import Support

extension DeviceSession {
    /// Waits until the device has taken every byte this host sent and this host has every report the device
    /// wrote in answer, so the fault counts are complete (frames damaged on their way, `BAD` reports still in
    /// flight). A `QUERY` round trip closes the exchange when nothing else was written after the `QUERY` and its
    /// `STATUS` arrived in order: the device handles its input in order, so every report it owes comes before
    /// that `STATUS`, and the host takes reports only in order. Otherwise (the `QUERY` or a report was damaged,
    /// a gap had to be filled) it asks again.
    public func settle(attempts: Int = 40) throws {
        if identity == nil {
            try connect()
        }
        for _ in 0 ..< attempts {
            try checkStop()
            let mark = writes
            let seen = statusCount
            try write(Frame(.query).encoded(), timeout: 5)
            let deadline = Self.now + timeout
            while statusCount == seen, Self.now < deadline {
                try pump(wait: 0.02, watchTimeouts: false)
            }
            if statusCount > seen, writes == mark + 1 { return }
        }
        throw Failure("the device did not answer a QUERY cleanly \(attempts) times in a row",
                      hint: "the link loses too much; check the cable, or lower the fault rates")
    }
}
