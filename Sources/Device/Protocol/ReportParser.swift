/// Finds the reports in a line from the device. Text around them (boot messages, log prefixes, colour codes)
/// is ignored; a line holding several reports (a newline was lost) gives each of them; a `MWWH ` that does
/// not start a valid report (a damaged one) is counted.
public enum ReportParser {
    /// The valid reports in `line`, in order, and how many report markers did not start a valid report.
    public static func reports(in line: some Collection<UInt8>) -> (reports: [Report], rejected: Int) {
        let bytes = Array(line)
        var reports: [Report] = []
        var rejected = 0
        var searchFrom = 0
        while let marker = find(DeviceProtocol.reportMarker, in: bytes, from: searchFrom) {
            if let (report, end) = parse(bytes, at: marker) {
                reports.append(report)
                searchFrom = end
            } else {
                rejected += 1
                searchFrom = marker + 1
            }
        }
        return (reports, rejected)
    }

    /// Parses one report starting at `start` (the `M` of the marker); returns it and the index after its checksum.
    static func parse(_ bytes: [UInt8], at start: Int) -> (Report, Int)? {
        var index = start + DeviceProtocol.reportMarker.count
        func token() -> ArraySlice<UInt8> {
            let begin = index
            while index < bytes.count, bytes[index] != 0x20 { index += 1 }
            return bytes[begin ..< index]
        }
        let number = token()
        guard !number.isEmpty, number.count <= 10, number.allSatisfy({ (0x30 ... 0x39).contains($0) }),
              let sequence = UInt32(String(decoding: number, as: UTF8.self)), index < bytes.count else { return nil }
        index += 1
        let type = token()
        guard !type.isEmpty, type.allSatisfy({ (0x41 ... 0x5A).contains($0) }) else { return nil }
        var fields: [Report.Field] = []
        while true {
            guard index + 1 < bytes.count, bytes[index] == 0x20 else { return nil }
            index += 1
            if bytes[index] == 0x2A { break }  // " *": the checksum follows
            let pair = token()
            guard let equals = pair.firstIndex(of: 0x3D), equals > pair.startIndex,
                  pair[pair.startIndex ..< equals].allSatisfy({ (0x61 ... 0x7A).contains($0) || $0 == 0x5F }),
                  let value = ReportEscaping.unescape(pair[(equals + 1)...])
            else { return nil }
            fields.append(Report.Field(String(decoding: pair[pair.startIndex ..< equals], as: UTF8.self), value))
        }
        let checked = bytes[start ..< index - 1]
        index += 1
        guard index + 8 <= bytes.count else { return nil }
        let digits = bytes[index ..< index + 8]
        guard digits.allSatisfy({ (0x30 ... 0x39).contains($0) || (0x61 ... 0x66).contains($0) }),
              String(decoding: digits, as: UTF8.self) == CRC32.hex(checked)
        else { return nil }
        return (Report(sequence: sequence, type: String(decoding: type, as: UTF8.self), fields: fields), index + 8)
    }

    private static func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        var index = start
        while index <= haystack.count - needle.count {
            if haystack[index] == needle[0], haystack[index ..< index + needle.count].elementsEqual(needle) { return index }
            index += 1
        }
        return nil
    }
}

/// Splits the bytes arriving from a device into lines and parses their reports. A line longer than 4 KiB
/// without a newline is parsed as it stands (nothing valid is that long) so noise cannot grow it forever.
public struct ReportReceiver: Sendable {
    private var line: [UInt8] = []
    /// Report markers that did not start a valid report, so far.
    public private(set) var rejected = 0

    public init() {}

    /// Feeds bytes; returns the valid reports of every line they complete.
    public mutating func receive(_ bytes: some Sequence<UInt8>) -> [Report] {
        var reports: [Report] = []
        for byte in bytes {
            if byte == 0x0A || line.count >= 4096 {
                if byte != 0x0A { line.append(byte) }
                let found = ReportParser.reports(in: line)
                reports += found.reports
                rejected += found.rejected
                line.removeAll(keepingCapacity: true)
            } else {
                line.append(byte)
            }
        }
        return reports
    }
}
