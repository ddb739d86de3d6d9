import Foundation
import Support

/// Scalars in a TensorBoard event file, written without TensorFlow (notes/swift_linux.md §5).
///
/// Each record is `uint64 length, uint32 masked CRC-32C of the length, payload, uint32 masked CRC-32C of the
/// payload` (little-endian); the payload is a protobuf `Event`. The first record carries
/// `file_version: "brain.Event:2"`, then one `Event{wall_time, step, summary{value{tag, simple_value}}}` per
/// scalar. Records are flushed as they are written, so TensorBoard can follow a run live. A resumed run
/// writes a new file in the same folder; TensorBoard drops the old file's events past the resume step
/// (it purges orphaned steps when a step goes backwards).
public final class TensorBoardEventWriter {
    public let path: String
    private let handle: FileHandle

    /// Creates `events.out.tfevents.<seconds>.<host>.<pid>.v2` in `directory` and writes the version record.
    public init(directory: String, wallTime: Double = Date().timeIntervalSince1970) throws(FileError) {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw FileError(path: directory, operation: "create the folder", reason: error.localizedDescription)
        }
        let seconds = String(Int(wallTime))
        let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "localhost"
        var name = "events.out.tfevents.\(String(repeating: "0", count: max(0, 10 - seconds.count)))\(seconds)"
        name += ".\(host).\(ProcessInfo.processInfo.processIdentifier).v2"
        path = (directory as NSString).appendingPathComponent(name)
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path)
        else { throw FileError(path: path, operation: "create", reason: "cannot open for writing") }
        self.handle = handle
        try write(Self.versionEvent(wallTime: wallTime))
    }

    deinit { try? handle.close() }

    /// Appends one scalar.
    public func add(tag: String, value: Float, step: Int, wallTime: Double = Date().timeIntervalSince1970) throws(FileError) {
        try write(Self.scalarEvent(tag: tag, value: value, step: step, wallTime: wallTime))
    }

    /// Appends several scalars of one step.
    public func add(_ scalars: [(tag: String, value: Double)], step: Int,
                    wallTime: Double = Date().timeIntervalSince1970) throws(FileError)
    {
        for scalar in scalars where scalar.value.isFinite {
            try add(tag: scalar.tag, value: Float(scalar.value), step: step, wallTime: wallTime)
        }
    }

    private func write(_ payload: [UInt8]) throws(FileError) {
        do {
            try handle.write(contentsOf: Self.record(payload))
            try handle.synchronize()
        } catch {
            throw FileError(path: path, operation: "write", reason: error.localizedDescription)
        }
    }

    // MARK: encoding

    /// The framed record of a payload.
    public static func record(_ payload: [UInt8]) -> Data {
        var length: [UInt8] = []
        withUnsafeBytes(of: UInt64(payload.count).littleEndian) { length += $0 }
        var bytes = length
        withUnsafeBytes(of: CRC32C.masked(length).littleEndian) { bytes += $0 }
        bytes += payload
        withUnsafeBytes(of: CRC32C.masked(payload).littleEndian) { bytes += $0 }
        return Data(bytes)
    }

    /// `Event{wall_time, file_version: "brain.Event:2"}`.
    public static func versionEvent(wallTime: Double) -> [UInt8] {
        var event = Protobuf()
        event.double(field: 1, wallTime)
        event.bytes(field: 3, Array("brain.Event:2".utf8))
        return event.bytes
    }

    /// `Event{wall_time, step, summary{value{tag, simple_value}}}` (step omitted when 0, as proto3 does).
    public static func scalarEvent(tag: String, value: Float, step: Int, wallTime: Double) -> [UInt8] {
        var summaryValue = Protobuf()
        summaryValue.bytes(field: 1, Array(tag.utf8))
        summaryValue.float(field: 2, value)
        var summary = Protobuf()
        summary.bytes(field: 1, summaryValue.bytes)
        var event = Protobuf()
        event.double(field: 1, wallTime)
        if step != 0 { event.varint(field: 2, UInt64(bitPattern: Int64(step))) }
        event.bytes(field: 5, summary.bytes)
        return event.bytes
    }
}

/// The few protobuf wire types an event needs.
struct Protobuf {
    private(set) var bytes: [UInt8] = []

    private mutating func appendVarint(_ value: UInt64) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(value & 0x7F) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    private mutating func key(_ field: Int, _ wireType: UInt64) { appendVarint(UInt64(field) << 3 | wireType) }

    mutating func varint(field: Int, _ value: UInt64) {
        key(field, 0)
        appendVarint(value)
    }

    mutating func double(field: Int, _ value: Double) {
        key(field, 1)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 }
    }

    mutating func bytes(field: Int, _ value: [UInt8]) {
        key(field, 2)
        appendVarint(UInt64(value.count))
        bytes += value
    }

    mutating func float(field: Int, _ value: Float) {
        key(field, 5)
        withUnsafeBytes(of: value.bitPattern.littleEndian) { bytes += $0 }
    }
}
