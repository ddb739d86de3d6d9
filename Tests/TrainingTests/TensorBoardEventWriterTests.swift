import Foundation
import Support
import TestSupport
import Testing
@testable import Training

/// The event file writer against the golden records of notes/swift_linux.md §5 (checked there against
/// `event_pb2`), and against TensorBoard's own reader from the Python environment.
@Suite struct TensorBoardEventWriterTests {
    func hex(_ data: Data) -> String { data.map { String(format: "%02x", $0) }.joined() }

    @Test func crc32cCheckValue() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
    }

    @Test func goldenRecords() {
        let version = TensorBoardEventWriter.record(TensorBoardEventWriter.versionEvent(wallTime: 1_700_000_000))
        #expect(hex(version) == "1800000000000000" + "a37f4b22" + "0900000040fc54d9411a0d627261696e2e4576656e743a32" + "eced8f9d")
        let scalar = TensorBoardEventWriter.record(
            TensorBoardEventWriter.scalarEvent(tag: "loss/train", value: 0.25, step: 42, wallTime: 1_700_000_001.5))
        #expect(hex(scalar) == "2000000000000000" + "29eda950"
            + "0900006040fc54d941102a2a130a110a0a6c6f73732f747261696e150000803e" + "12706264")
    }

    @Test(.enabled(if: oraclePython != nil)) func tensorBoardReadsTheScalars() throws {
        let folder = TemporaryDirectory("tensorboard")
        let writer = try TensorBoardEventWriter(directory: folder.path)
        for step in [0, 250, 500, 123_456_789] {
            try writer.add([("loss", 1.0 / Double(step + 1)), ("recall", 0.5), ("skipped", .nan)], step: step)
        }
        let script = """
            import sys
            from tensorboard.backend.event_processing.event_accumulator import EventAccumulator
            acc = EventAccumulator(sys.argv[1]); acc.Reload()
            for tag in sorted(acc.Tags()["scalars"]):
                for e in acc.Scalars(tag): print(tag, e.step, repr(e.value))
            """
        let python = try #require(oraclePython)
        let result = try runProcess(python, ["-c", script, folder.path])
        #expect(result.status == 0, "\(result.standardError)")
        // TensorBoard reads each value back as the float written (printed as a double).
        let read = result.standardOutput.split(separator: "\n").map { line in
            let parts = line.split(separator: " ")
            return "\(parts[0]) \(parts[1]) \(Float(Double(parts[2]) ?? .nan))"
        }
        #expect(read == [
            "loss 0 1.0", "loss 250 \(Float(1.0 / 251))", "loss 500 \(Float(1.0 / 501))",
            "loss 123456789 \(Float(1.0 / 123_456_790))",
            "recall 0 0.5", "recall 250 0.5", "recall 500 0.5", "recall 123456789 0.5",
        ])
    }
}
