/// CRC-32 as zlib computes it (IEEE 802.3: reflected polynomial 0xEDB88320, initial value and final XOR
/// 0xFFFFFFFF): the checksum of frames and reports.
public enum CRC32 {
    private static let table: [UInt32] = (0 ..< 256).map { index in
        var value = UInt32(index)
        for _ in 0 ..< 8 { value = value & 1 == 1 ? (value >> 1) ^ 0xEDB8_8320 : value >> 1 }
        return value
    }

    /// The checksum of `bytes`.
    public static func checksum(_ bytes: some Collection<UInt8>) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        table.withUnsafeBufferPointer { table in
            for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
        }
        return crc ^ 0xFFFF_FFFF
    }

    /// The checksum as 8 lowercase hex digits (the form reports carry).
    public static func hex(_ bytes: some Collection<UInt8>) -> String {
        let text = String(checksum(bytes), radix: 16)
        return String(repeating: "0", count: 8 - text.count) + text
    }
}
