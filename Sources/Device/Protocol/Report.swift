/// One report line from the device (docs/device-protocol.md §3): its sequence number, type and fields.
public struct Report: Equatable, Sendable {
    /// One `key=value` of a report; `value` is the decoded text.
    public struct Field: Equatable, Sendable {
        public var key: String
        public var value: String

        public init(_ key: String, _ value: String) {
            self.key = key
            self.value = value
        }
    }

    public var sequence: UInt32
    public var type: String
    public var fields: [Field]

    public init(sequence: UInt32, type: String, fields: [Field] = []) {
        self.sequence = sequence
        self.type = type
        self.fields = fields
    }

    /// The value of `key`, or nil.
    public subscript(key: String) -> String? { fields.first { $0.key == key }?.value }

    /// The value of `key` as an integer, or nil when absent or not a decimal integer.
    public func integer(_ key: String) -> Int? {
        guard let text = self[key], !text.isEmpty, text.utf8.allSatisfy({ (0x30 ... 0x39).contains($0) }) else { return nil }
        return Int(text)
    }

    /// The line as the device writes it, without the newline: text, then ` *` and the checksum.
    public var line: String {
        var text = "MWWH \(sequence) \(type)"
        for field in fields { text += " \(field.key)=\(ReportEscaping.escape(field.value))" }
        return text + " *" + CRC32.hex(Array(text.utf8))
    }
}

/// How report values are written: bytes outside `!`…`~`, and `%`, `*`, `=`, become `%XX`.
public enum ReportEscaping {
    public static func escape(_ value: String) -> String {
        var output = ""
        for byte in value.utf8 {
            if (0x21 ... 0x7E).contains(byte), byte != 0x25, byte != 0x2A, byte != 0x3D {
                output.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                output += "%" + hexDigits(byte)
            }
        }
        return output
    }

    /// The text an escaped value stands for, or nil when an escape is malformed or a byte is not allowed.
    public static func unescape(_ bytes: ArraySlice<UInt8>) -> String? {
        var output: [UInt8] = []
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == 0x25 {
                guard index + 2 < bytes.endIndex, let high = upperHexValue(bytes[index + 1]), let low = upperHexValue(bytes[index + 2])
                else { return nil }
                output.append(high << 4 | low)
                index += 3
                continue
            }
            guard (0x21 ... 0x7E).contains(byte), byte != 0x2A, byte != 0x3D else { return nil }
            output.append(byte)
            index += 1
        }
        return String(decoding: output, as: UTF8.self)
    }

    private static func hexDigits(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String(digits[Int(byte >> 4)]) + String(digits[Int(byte & 0xF)])
    }

    private static func upperHexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30 ... 0x39: byte - 0x30
        case 0x41 ... 0x46: byte - 0x41 + 10
        default: nil
        }
    }
}
