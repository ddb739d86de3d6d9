import Support
import Testing

/// Digests computed with Python's `hashlib.blake2b` (the split assignment must agree with it).
@Suite struct BLAKE2bTests {
    static let vectors: [(text: String, short: String, longPrefix: String)] = [
        ("", "e4a6a0577479b2b4", "786a02f742015903c6c6fd852552d272"),
        ("abc", "d8bb14d833d59559", "ba80a53f981c4d0d6a2797b69f12f6e9"),
        ("group:espeak-en-us-m3", "44902154296b2c12", "e3110c883dfabe2a5ad54aa14c4fd70e"),
        ("path:positive/a.wav", "e9976609a0e15cd2", "99d567392967075838e5220867429569"),
        (String(repeating: "x", count: 300), "12b539c1cad94615", "fe42f4108dd98f9b4f19fb21f386dfbe"),
    ]

    @Test(arguments: vectors.indices)
    func matchesPython(index: Int) {
        let vector = Self.vectors[index]
        #expect(BLAKE2b.hexDigest(vector.text, digestLength: 8) == vector.short)
        #expect(BLAKE2b.hexDigest(vector.text, digestLength: 64).hasPrefix(vector.longPrefix))
    }

    @Test func incrementalEqualsOneShot() {
        let bytes = (0 ..< 1000).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        var hasher = BLAKE2b(digestLength: 32)
        hasher.update(bytes[0 ..< 128])
        hasher.update(bytes[128 ..< 129])
        hasher.update(bytes[129...])
        #expect(hasher.finalize() == BLAKE2b.hash(bytes, digestLength: 32))
    }

    /// Long inputs and block boundaries, fed whole and in uneven pieces (digests from `hashlib.blake2b`).
    @Test func blockBoundariesAndLongInputsMatchPython() {
        let bytes = (0 ..< 100_000).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        let expected = [127: "73c33bf921d5205532f48c1ca32144cb", 128: "c03e5a0a57dc62670d57ff77a8992c58",
                        129: "7de1ff3904ef9ffb01220521cfcd1efb", 256: "d9b4505501186dbf503647584ca5a7a2",
                        257: "8b5bc8c943984fee0d762d0aeed0e7ef", 100_000: "96b3ddd633d8d6a5587886a654ff2ecf"]
        for (count, digest) in expected {
            #expect(BLAKE2b.hex(BLAKE2b.hash(bytes[0 ..< count], digestLength: 16)) == digest, "\(count) bytes")
            var pieces = BLAKE2b(digestLength: 16)
            var start = 0
            var size = 1
            while start < count {
                let end = min(count, start + size)
                bytes[start ..< end].withUnsafeBytes { pieces.update($0) }
                start = end
                size = size * 3 % 1000 + 1
            }
            #expect(BLAKE2b.hex(pieces.finalize()) == digest, "\(count) bytes in pieces")
        }
    }
}
