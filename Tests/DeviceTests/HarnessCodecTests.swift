import Foundation
import Testing
import TestSupport
import Support
@testable import Device

/// The firmware harness's C++ codec and link engine (firmware-harness/components/wakesmith_harness), compiled
/// on the host with g++ and run against the shared vectors, and against the Swift engine on random damaged
/// byte streams.
@Suite(.serialized) struct HarnessCodecTests {
    static let compiler = ["/usr/bin/g++", "/usr/local/bin/g++"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Builds firmware-harness/tests/protocol_test.cpp once per test run.
    static let program: Result<String, Failure> = {
        guard let compiler else { return .failure(Failure("no g++")) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wakesmith-protocol-test-\(getpid())")
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let output = folder.appendingPathComponent("protocol_test").path
        let harness = Repository.root.appendingPathComponent("firmware-harness")
        let component = harness.appendingPathComponent("components/wakesmith_harness")
        let arguments = ["-std=gnu++20", "-Wall", "-Wextra", "-Werror", "-O1", "-fsanitize=address,undefined",
                         "-fno-sanitize-recover=all", "-I", component.path,
                         harness.appendingPathComponent("tests/protocol_test.cpp").path,
                         component.appendingPathComponent("protocol.cpp").path,
                         component.appendingPathComponent("link_engine.cpp").path, "-o", output]
        do {
            let result = try runProcess(compiler, arguments)
            guard result.status == 0 else { return .failure(Failure("g++ failed:\n\(result.standardError)")) }
            return .success(output)
        } catch {
            return .failure(Failure("g++ did not run: \(error)"))
        }
    }()

    @Test(.enabled(if: compiler != nil, "needs g++"))
    func theCppCodecPassesTheSharedVectors() throws {
        let program = try Self.program.get()
        let vectors = Repository.fixture("DeviceTests", "protocol-vectors.txt").path
        let result = try runProcess(program, [vectors])
        #expect(result.status == 0, "\(result.standardOutput)\(result.standardError)")
        #expect(result.standardOutput.hasPrefix("ok "))
        #expect(result.standardOutput.contains("7 transcripts"))
    }

    @Test(.enabled(if: compiler != nil, "needs g++"))
    func theTwoEnginesAgreeOnRandomDamagedStreams() throws {
        let program = try Self.program.get()
        let directory = TemporaryDirectory("engines")
        var generator = SeededGenerator(seed: 17)
        var typesSeen: Set<String> = []
        for round in 0 ..< 6 {
            let chunks = randomDamagedStream(using: &generator, frames: 120)
            let input = directory.appending("input-\(round).txt")
            try chunks.map(hex).joined(separator: "\n").write(to: input, atomically: true, encoding: .utf8)
            let cpp = try runProcess(program, ["--engine", input.path])
            #expect(cpp.status == 0, "\(cpp.standardError)")
            var engine = LinkEngine(identity: LinkEngineTests.identity, counters: LinkEngineTests.counters)
            var application = LinkEngineTests.StubApplication()
            engine.boot()
            var lines = engine.takeOutput()
            for chunk in chunks {
                var index = 0
                while index < chunk.count {
                    let (consumed, action) = engine.receive(chunk[index...])
                    index += consumed
                    if let action { application.perform(action, on: &engine) }
                }
                lines += engine.takeOutput()
            }
            let cppLines = cpp.standardOutput.split(separator: "\n").map(String.init)
            for line in lines { typesSeen.formUnion(ReportParser.reports(in: Array(line.utf8)).reports.map(\.type)) }
            #expect(cppLines == lines, "round \(round): the C++ and Swift engines differ")
        }
        // The streams exercise every rule, so agreement means something.
        #expect(typesSeen.isSuperset(of: ["HELLO", "STARTED", "ACK", "PROB", "NAK", "BAD", "ERR", "STOPPED", "GAP", "ARENA"]))
    }

    /// A plausible host's frames (streams of START, AUDIO…, STOP with QUERY, RESEND and LOAD between), then
    /// damage: whole frames lost or repeated, bytes changed or dropped, cut into random reads.
    private func randomDamagedStream(using generator: inout SeededGenerator, frames: Int) -> [[UInt8]] {
        var logical: [Frame] = []
        var sequence: UInt16 = 65530
        var offset: UInt32 = 0
        var stream: UInt16 = 0
        while logical.count < frames {
            stream &+= 1
            logical.append(Frame(sequence: sequence, .start(stream: stream, mode: UInt8(generator.next() % 8 == 0 ? 1 : 0))))
            sequence &+= 1
            offset = 0
            for _ in 0 ..< 5 + Int(generator.next() % 20) {
                switch generator.next() % 16 {
                case 0: logical.append(Frame(.query))
                case 1: logical.append(Frame(.resend(from: UInt32(generator.next() % 60))))
                case 2: logical.append(Frame(.load(esphome: "2026.6.0", manifests: ["/x.json"])))
                default:
                    let count = 1 + Int(generator.next() % 160)
                    let samples = (0 ..< count).map { _ in Int16(truncatingIfNeeded: generator.next()) }
                    logical.append(Frame(sequence: sequence, .audio(offset: offset, samples: samples)))
                    sequence &+= 1
                    offset += UInt32(count)
                }
            }
            logical.append(Frame(sequence: sequence, .stop(stream: stream)))
            sequence &+= 1
        }
        var bytes: [UInt8] = [0]
        for frame in logical {
            var wire = frame.encoded()
            switch generator.next() % 30 {
            case 0: continue  // lost whole
            case 1: wire += wire  // sent twice
            case 2: wire[Int(generator.next() % UInt64(wire.count))] ^= UInt8(1 + generator.next() % 255)
            case 3: wire.remove(at: Int(generator.next() % UInt64(wire.count)))
            default: break
            }
            bytes += wire
        }
        var chunks: [[UInt8]] = []
        var index = 0
        while index < bytes.count {
            let end = min(bytes.count, index + 1 + Int(generator.next() % 700))
            chunks.append(Array(bytes[index ..< end]))
            index = end
        }
        return chunks
    }
}
