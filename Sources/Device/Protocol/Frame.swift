/// A frame from the host to the device (docs/device-protocol.md §2): what it asks, and its sequence number.
public struct Frame: Equatable, Sendable {
    public var sequence: UInt16
    public var command: Command

    public init(sequence: UInt16 = 0, _ command: Command) {
        self.sequence = sequence
        self.command = command
    }

    /// What a frame asks of the device.
    public enum Command: Equatable, Sendable {
        /// Identify yourself: `HELLO`, `MODEL`s and `STATUS`.
        case query
        /// Send your reports again from this report sequence number.
        case resend(from: UInt32)
        /// Virtual device only: run these manifests as ESPHome release `esphome` (a new boot).
        case load(esphome: String, manifests: [String])
        /// Begin stream `stream` with fresh features and models; `mode` 0 takes audio from the link, 1 from
        /// the device's own microphone.
        case start(stream: UInt16, mode: UInt8)
        /// Samples of the running stream, `offset` samples after its start.
        case audio(offset: UInt32, samples: [Int16])
        /// End the running stream.
        case stop(stream: UInt16)

        /// The type byte.
        public var type: UInt8 {
            switch self {
            case .query: 0x01
            case .resend: 0x02
            case .load: 0x03
            case .start: 0x10
            case .audio: 0x11
            case .stop: 0x12
            }
        }

        /// Whether the device processes it in sequence-number order (and acknowledges it).
        public var isSequenced: Bool { type >= 0x10 }
    }

    /// The frame as it goes on the wire: COBS-encoded body and the delimiter.
    public func encoded() -> [UInt8] {
        var body: [UInt8] = [DeviceProtocol.version, command.type, UInt8(sequence & 0xFF), UInt8(sequence >> 8)]
        switch command {
        case .query: break
        case let .resend(from): body.appendLittleEndian(from)
        case let .load(esphome, manifests):
            body += Array((["esphome=\(esphome)"] + manifests).joined(separator: "\n").utf8)
        case let .start(stream, mode):
            body.appendLittleEndian(stream)
            body.append(mode)
        case let .audio(offset, samples):
            body.reserveCapacity(12 + 2 * samples.count)
            body.appendLittleEndian(offset)
            for sample in samples { body.appendLittleEndian(UInt16(bitPattern: sample)) }
        case let .stop(stream): body.appendLittleEndian(stream)
        }
        body.appendLittleEndian(CRC32.checksum(body))
        return COBS.encode(body) + [DeviceProtocol.delimiter]
    }

    /// Decodes one frame from the bytes between two delimiters, checking in the protocol's order.
    public static func decode(encoded: some Collection<UInt8>) -> Result<Frame, FrameRejection> {
        if encoded.count > DeviceProtocol.maximumEncodedFrame { return .failure(.long) }
        guard let body = COBS.decode(encoded) else { return .failure(.cobs) }
        guard body.count >= 8 else { return .failure(.short) }
        let end = body.count - 4
        guard body.readLittleEndian(UInt32.self, at: end) == CRC32.checksum(body[..<end]) else { return .failure(.crc) }
        guard body[0] == DeviceProtocol.version else { return .failure(.version) }
        let sequence = body.readLittleEndian(UInt16.self, at: 2)
        let payload = Array(body[4 ..< end])
        let command: Command
        switch body[1] {
        case 0x01:
            guard payload.isEmpty else { return .failure(.length) }
            command = .query
        case 0x02:
            guard payload.count == 4 else { return .failure(.length) }
            command = .resend(from: payload.readLittleEndian(UInt32.self, at: 0))
        case 0x03:
            guard (1 ... DeviceProtocol.maximumLoadPayload).contains(payload.count) else { return .failure(.length) }
            let lines = String(decoding: payload, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
            let first = lines.first.map(String.init) ?? ""
            let release = first.hasPrefix("esphome=") ? String(first.dropFirst(8)) : ""
            command = .load(esphome: release, manifests: lines.dropFirst().map(String.init).filter { !$0.isEmpty })
        case 0x10:
            guard payload.count == 3 else { return .failure(.length) }
            command = .start(stream: payload.readLittleEndian(UInt16.self, at: 0), mode: payload[2])
        case 0x11:
            let count = (payload.count - 4) / 2
            guard payload.count >= 6, payload.count % 2 == 0, count <= DeviceProtocol.maximumAudioSamples else {
                return .failure(.length)
            }
            var samples = [Int16](repeating: 0, count: count)
            for index in 0 ..< count {
                samples[index] = Int16(bitPattern: payload.readLittleEndian(UInt16.self, at: 4 + 2 * index))
            }
            command = .audio(offset: payload.readLittleEndian(UInt32.self, at: 0), samples: samples)
        case 0x12:
            guard payload.count == 2 else { return .failure(.length) }
            command = .stop(stream: payload.readLittleEndian(UInt16.self, at: 0))
        default:
            return .failure(.type)
        }
        return .success(Frame(sequence: sequence, command))
    }
}

/// Why a receiver discarded a frame; the raw value is the `reason` of a `BAD` report.
public enum FrameRejection: String, Error, CaseIterable, Sendable {
    case long, cobs, short, crc, version, type, length
}

extension [UInt8] {
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        for shift in stride(from: 0, to: T.bitWidth, by: 8) { append(UInt8(truncatingIfNeeded: value >> shift)) }
    }

    func readLittleEndian<T: FixedWidthInteger>(_: T.Type, at offset: Int) -> T {
        var value: T = 0
        for index in 0 ..< T.bitWidth / 8 { value |= T(self[offset + index]) << (8 * index) }
        return value
    }
}
