import Testing
@testable import Device

/// The host's account of the device's fault counters (docs/device-protocol.md §4).
@Suite struct CounterLedgerTests {
    @Test func statusCountersAreReadAndOlderHarnessesHaveNone() throws {
        let fields: [Report.Field] = [.init("state", "idle"), .init("stream", "0"), .init("expect", "0"), .init("samples", "0")]
        let counters: [Report.Field] = [.init("counters", "c0ffee00"), .init("resets", "2"), .init("bad", "11")]
        let line = Report(sequence: 5, type: "STATUS", fields: fields + counters).line
        let status = try #require(ReportParser.reports(in: Array(line.utf8)).reports.first)
        #expect(DeviceCounters(status: status) == DeviceCounters(epoch: 0xC0FF_EE00, resets: 2, bad: 11))
        #expect(DeviceCounters(epoch: 0xAB).epochText == "000000ab")
        #expect(DeviceCounters(status: Report(sequence: 5, type: "STATUS", fields: fields)) == nil)
        #expect(DeviceCounters(status: Report(sequence: 5, type: "STATUS", fields: fields + [.init("counters", "xyz")] + counters.dropFirst())) == nil)
    }

    @Test func theCountsAreWhatTheCountersRoseBySinceTheFirstStatus() {
        var ledger = CounterLedger()
        #expect(!ledger.isAvailable && ledger.damagedFrames == 0 && ledger.resets == 0)
        ledger.take(DeviceCounters(epoch: 7, resets: 1, bad: 40))
        #expect(ledger.isAvailable && ledger.damagedFrames == 0 && ledger.resets == 0)
        ledger.take(DeviceCounters(epoch: 7, resets: 3, bad: 52))
        #expect(ledger.damagedFrames == 12 && ledger.resets == 2 && ledger.lostEpochs == 0)
        #expect(ledger.initial == DeviceCounters(epoch: 7, resets: 1, bad: 40))
    }

    @Test func aDeviceThatLostItsCountersKeepsWhatWasCountedBefore() {
        var ledger = CounterLedger()
        ledger.take(DeviceCounters(epoch: 7, resets: 0, bad: 5))
        ledger.take(DeviceCounters(epoch: 7, resets: 1, bad: 9))
        // Power-on: a new epoch, counting from zero; the loss itself is a reset.
        ledger.take(DeviceCounters(epoch: 8, resets: 0, bad: 2))
        #expect(ledger.damagedFrames == 4 + 2 && ledger.resets == 1 + 1 && ledger.lostEpochs == 1)
        ledger.take(DeviceCounters(epoch: 8, resets: 1, bad: 3))
        #expect(ledger.damagedFrames == 4 + 3 && ledger.resets == 1 + 1 + 1)
        // Counters that went backwards within an epoch cannot be trusted either: counted as a loss.
        ledger.take(DeviceCounters(epoch: 8, resets: 1, bad: 1))
        #expect(ledger.lostEpochs == 2 && ledger.damagedFrames == 4 + 3 + 1)
    }
}
