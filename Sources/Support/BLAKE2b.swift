/// BLAKE2b (RFC 7693), unkeyed, with a chosen digest length. Used where a hash must equal Python's
/// `hashlib.blake2b(…, digest_size=n)`: dataset splits, cache keys and file content hashes (so it is written
/// for speed: whole 128-byte blocks are compressed straight from the caller's memory, without allocation).
public struct BLAKE2b {
    private static let iv: [UInt64] = [
        0x6A09_E667_F3BC_C908, 0xBB67_AE85_84CA_A73B, 0x3C6E_F372_FE94_F82B, 0xA54F_F53A_5F1D_36F1,
        0x510E_527F_ADE6_82D1, 0x9B05_688C_2B3E_6C1F, 0x1F83_D9AB_FB41_BD6B, 0x5BE0_CD19_137E_2179,
    ]
    /// The message schedule of the ten rounds (rounds 10 and 11 repeat rounds 0 and 1), flattened.
    private static let sigma: [UInt8] = [
        0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
        14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3,
        11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4,
        7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8,
        9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13,
        2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9,
        12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11,
        13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10,
        6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5,
        10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0,
    ]

    private var h: [UInt64]
    /// The pending block: always compressed only once more input arrives, since the last block is special.
    private var buffer: [UInt8]
    private var buffered = 0
    private var byteCount: UInt64 = 0
    private let digestLength: Int

    /// A hasher producing `digestLength` bytes (1…64).
    public init(digestLength: Int = 64) {
        precondition((1 ... 64).contains(digestLength), "BLAKE2b digest length must be 1...64")
        self.digestLength = digestLength
        h = Self.iv
        h[0] ^= 0x0101_0000 ^ UInt64(digestLength)
        buffer = [UInt8](repeating: 0, count: 128)
    }

    /// Adds bytes to the message.
    public mutating func update(_ bytes: some Sequence<UInt8>) {
        let handled: Void? = bytes.withContiguousStorageIfAvailable { update(UnsafeRawBufferPointer($0)) }
        if handled == nil {
            let copy = Array(bytes)
            copy.withUnsafeBytes { update($0) }
        }
    }

    /// Adds the bytes in `bytes` to the message.
    public mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard var input = bytes.baseAddress, bytes.count > 0 else { return }
        var remaining = bytes.count
        // Fill the pending block first.
        if buffered > 0 || remaining <= 128 {
            let take = min(128 - buffered, remaining)
            let offset = buffered
            buffer.withUnsafeMutableBytes { UnsafeMutableRawBufferPointer(rebasing: $0[offset ..< offset + take]).copyMemory(from: UnsafeRawBufferPointer(start: input, count: take)) }
            buffered += take
            input += take
            remaining -= take
            guard remaining > 0 else { return }
            byteCount &+= 128
            compressBuffer(isLast: false)
            buffered = 0
        }
        // Whole blocks straight from the input, keeping at least one byte back for the final block.
        while remaining > 128 {
            byteCount &+= 128
            compress(input, isLast: false)
            input += 128
            remaining -= 128
        }
        let tail = remaining
        buffer.withUnsafeMutableBytes { UnsafeMutableRawBufferPointer(rebasing: $0[0 ..< tail]).copyMemory(from: UnsafeRawBufferPointer(start: input, count: tail)) }
        buffered = remaining
    }

    /// The digest of everything added so far.
    public mutating func finalize() -> [UInt8] {
        byteCount &+= UInt64(buffered)
        for index in buffered ..< 128 { buffer[index] = 0 }
        compressBuffer(isLast: true)
        var out: [UInt8] = []
        out.reserveCapacity(64)
        for word in h {
            for shift in stride(from: 0, to: 64, by: 8) { out.append(UInt8(truncatingIfNeeded: word >> UInt64(shift))) }
        }
        return Array(out.prefix(digestLength))
    }

    /// The digest of `bytes` in one call.
    public static func hash(_ bytes: some Sequence<UInt8>, digestLength: Int = 64) -> [UInt8] {
        var hasher = BLAKE2b(digestLength: digestLength)
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The digest of a string's UTF-8 bytes as lowercase hex.
    public static func hexDigest(_ text: String, digestLength: Int = 16) -> String {
        hex(hash(Array(text.utf8), digestLength: digestLength))
    }

    /// Bytes as lowercase hex.
    public static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 15)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    private mutating func compressBuffer(isLast: Bool) {
        let pending = buffer
        pending.withUnsafeBytes { raw in
            if let base = raw.baseAddress { compress(base, isLast: isLast) }
        }
    }

    private mutating func compress(_ block: UnsafeRawPointer, isLast: Bool) {
        let counter = byteCount
        h.withUnsafeMutableBufferPointer { state in
            Self.sigma.withUnsafeBufferPointer { sigma in
                withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 32) { scratch in
                    guard let m = scratch.baseAddress, let schedule = sigma.baseAddress else { return }
                    let v = m + 16
                    for i in 0 ..< 16 {
                        m[i] = UInt64(littleEndian: block.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self))
                    }
                    for i in 0 ..< 8 {
                        v[i] = state[i]
                        v[i + 8] = Self.iv[i]
                    }
                    v[12] ^= counter
                    if isLast { v[14] = ~v[14] }
                    @inline(__always) func rotr(_ x: UInt64, _ n: UInt64) -> UInt64 { (x >> n) | (x << (64 - n)) }
                    @inline(__always) func mix(_ a: Int, _ b: Int, _ c: Int, _ d: Int, _ x: UInt64, _ y: UInt64) {
                        v[a] = v[a] &+ v[b] &+ x; v[d] = rotr(v[d] ^ v[a], 32)
                        v[c] = v[c] &+ v[d]; v[b] = rotr(v[b] ^ v[c], 24)
                        v[a] = v[a] &+ v[b] &+ y; v[d] = rotr(v[d] ^ v[a], 16)
                        v[c] = v[c] &+ v[d]; v[b] = rotr(v[b] ^ v[c], 63)
                    }
                    for round in 0 ..< 12 {
                        let s = schedule + (round % 10) * 16
                        mix(0, 4, 8, 12, m[Int(s[0])], m[Int(s[1])])
                        mix(1, 5, 9, 13, m[Int(s[2])], m[Int(s[3])])
                        mix(2, 6, 10, 14, m[Int(s[4])], m[Int(s[5])])
                        mix(3, 7, 11, 15, m[Int(s[6])], m[Int(s[7])])
                        mix(0, 5, 10, 15, m[Int(s[8])], m[Int(s[9])])
                        mix(1, 6, 11, 12, m[Int(s[10])], m[Int(s[11])])
                        mix(2, 7, 8, 13, m[Int(s[12])], m[Int(s[13])])
                        mix(3, 4, 9, 14, m[Int(s[14])], m[Int(s[15])])
                    }
                    for i in 0 ..< 8 { state[i] ^= v[i] ^ v[i + 8] }
                }
            }
        }
    }
}
