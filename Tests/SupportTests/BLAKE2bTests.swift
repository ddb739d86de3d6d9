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
}
