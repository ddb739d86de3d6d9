import Testing
import TestSupport
@testable import Device

/// The Swift codec against the shared vectors (made by scripts/fixtures/make_protocol_vectors.py, an
/// independent Python implementation); the C++ codec runs against the same file in HarnessCodecTests.
@Suite struct ProtocolCodecTests {
    let vectors = ProtocolVectors.shared

    @Test func theVectorFileIsThere() {
        #expect(vectors.records.count > 40)
        #expect(vectors.transcripts.count == 7)
    }

    @Test func checksums() {
        for record in vectors.records("crc") {
            #expect(CRC32.hex(bytes(hex: record[1])) == record[2], "crc of \(record[1].prefix(20))")
        }
    }

    @Test func byteStuffing() {
        for record in vectors.records("cobs") {
            let raw = bytes(hex: record[1])
            #expect(hex(COBS.encode(raw)) == record[2])
            #expect(COBS.decode(bytes(hex: record[2])) == raw)
        }
        #expect(COBS.decode([0x05, 0x01]) == nil)
        #expect(COBS.decode([0x02, 0x00]) == nil)
    }

    @Test func framesEncodeAndDecode() throws {
        for record in vectors.records("frame") {
            let wire = bytes(hex: record[4])
            var receiver = FrameReceiver()
            let decoded = receiver.receive(wire)
            guard decoded.count == 1, case let .success(frame) = decoded[0] else {
                Issue.record("frame \(record[1]) \(record[2]) did not decode: \(decoded)")
                continue
            }
            #expect(frame.command.type == UInt8(record[1]))
            #expect(frame.sequence == UInt16(record[2]))
            #expect(frame.encoded() == wire, "re-encoding type \(record[1]) seq \(record[2])")
        }
    }

    @Test func damagedFramesAreRejectedForTheirReason() {
        for record in vectors.records("badframe") {
            var receiver = FrameReceiver()
            let decoded = receiver.receive(bytes(hex: record[1]))
            #expect(decoded.count == 1)
            if case let .failure(reason) = decoded.first {
                #expect(reason.rawValue == record[2], "\(record[1].prefix(24))…")
            } else {
                Issue.record("accepted a frame that should fail with \(record[2])")
            }
        }
    }

    @Test func reportsFormatAndParse() {
        for record in vectors.records("report") {
            let fields: [Report.Field] = record[3] == "-" ? [] : record[3].split(separator: ",").map { pair in
                let parts = pair.split(separator: ":", maxSplits: 1).map(String.init)
                return Report.Field(parts[0], String(decoding: bytes(hex: parts[1]), as: UTF8.self))
            }
            let report = Report(sequence: UInt32(record[1]) ?? 0, type: record[2], fields: fields)
            #expect(report.line == record[4])
            let parsed = ReportParser.reports(in: Array(record[4].utf8))
            #expect(parsed.reports == [report])
            #expect(parsed.rejected == 0)
        }
    }

    @Test func damagedReportsAreRejected() {
        for record in vectors.records("badreport") {
            let parsed = ReportParser.reports(in: Array(record[1].utf8))
            #expect(parsed.reports.isEmpty, "accepted \(record[1])")
            #expect(parsed.rejected == 1)
        }
    }

    @Test func reportsAreFoundAmongNoise() {
        for record in vectors.records("multireport") {
            let expected = record[2] == "-" ? [] : record[2].split(separator: ",").compactMap { UInt32($0) }
            var receiver = ReportReceiver()
            let found = receiver.receive(Array((record[1] + "\n").utf8))
            #expect(found.map(\.sequence) == expected, "\(record[1])")
        }
    }

    @Test func reportReceiverSplitsLinesAcrossReads() {
        let lines = (0 ..< 5).map { Report(sequence: UInt32($0), type: "ACK", fields: [.init("seq", "\($0)")]).line }
        let stream = Array((lines.joined(separator: "\r\n") + "\r\n").utf8)
        var receiver = ReportReceiver()
        var found: [Report] = []
        var index = 0
        while index < stream.count {
            let end = min(stream.count, index + 7)
            found += receiver.receive(stream[index ..< end])
            index = end
        }
        #expect(found.map(\.sequence) == [0, 1, 2, 3, 4])
    }
}
