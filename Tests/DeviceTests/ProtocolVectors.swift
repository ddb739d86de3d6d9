import Foundation
import TestSupport

/// The shared protocol vectors (Tests/DeviceTests/Fixtures/protocol-vectors.txt, made by
/// scripts/fixtures/make_protocol_vectors.py), read line by line as tab-separated fields.
struct ProtocolVectors {
    struct Transcript {
        var name: String
        /// `("out", line)` or `("in", hex)`, in order.
        var steps: [(kind: String, value: String)]
    }

    var records: [[String]] = []
    var transcripts: [Transcript] = []

    static let shared: ProtocolVectors = {
        let url = Repository.fixture("DeviceTests", "protocol-vectors.txt")
        let bytes = (try? Data(contentsOf: url)).map { [UInt8]($0) } ?? []
        var vectors = ProtocolVectors()
        var current: Transcript?
        for rawLine in bytes.split(separator: 0x0A, omittingEmptySubsequences: true) {
            let fields = rawLine.split(separator: 0x09, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            guard let kind = fields.first, !kind.hasPrefix("#") else { continue }
            switch kind {
            case "transcript": current = Transcript(name: fields[1], steps: [])
            case "end":
                if let finished = current { vectors.transcripts.append(finished) }
                current = nil
            case "in", "out": current?.steps.append((kind, fields[1]))
            default: vectors.records.append(fields)
            }
        }
        return vectors
    }()

    func records(_ kind: String) -> [[String]] { records.filter { $0.first == kind } }
}

/// Bytes from hex ("-" is empty).
func bytes(hex: String) -> [UInt8] {
    guard hex != "-" else { return [] }
    let digits = Array(hex.utf8)
    return stride(from: 0, to: digits.count - 1, by: 2).map { index in
        UInt8(String(decoding: digits[index ... index + 1], as: UTF8.self), radix: 16) ?? 0
    }
}

/// Hex of bytes.
func hex(_ bytes: [UInt8]) -> String {
    bytes.isEmpty ? "-" : bytes.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
}
