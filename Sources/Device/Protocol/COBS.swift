/// Consistent-overhead byte stuffing: re-encodes bytes so that none is zero, at a cost of one byte per 254,
/// so a zero can delimit frames and a damaged frame never hides the start of the next one.
public enum COBS {
    /// The encoding of `bytes` (without the delimiter).
    public static func encode(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count + bytes.count / 254 + 2)
        var codeIndex = 0
        output.append(1)
        for byte in bytes {
            if byte == 0 {
                codeIndex = output.count
                output.append(1)
                continue
            }
            output.append(byte)
            output[codeIndex] += 1
            if output[codeIndex] == 255 {
                codeIndex = output.count
                output.append(1)
            }
        }
        return output
    }

    /// The bytes `encoded` stands for, or nil when it is not a valid encoding (a zero, or a code that
    /// points past the end).
    public static func decode(_ encoded: some Collection<UInt8>) -> [UInt8]? {
        let input = Array(encoded)
        var output: [UInt8] = []
        output.reserveCapacity(input.count)
        var index = 0
        while index < input.count {
            let code = Int(input[index])
            if code == 0 || index + code > input.count { return nil }
            for position in index + 1 ..< index + code {
                if input[position] == 0 { return nil }
                output.append(input[position])
            }
            index += code
            if code < 255, index < input.count { output.append(0) }
        }
        return output
    }
}
