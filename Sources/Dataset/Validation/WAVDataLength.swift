#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The length a RIFF/WAVE header declares for its sample data against what the file holds, which tells a
/// WAV cut short (an interrupted copy or download) from a complete one: libsndfile reads a cut file at its
/// real length without complaint.
struct WAVDataLength: Equatable {
    /// Frames the `data` chunk's header declares.
    let declaredFrames: Int
    /// Whole frames actually present after the chunk header.
    let presentFrames: Int

    var isTruncated: Bool { presentFrames < declaredFrames }

    /// The lengths of a plain RIFF/WAVE file, or nil for anything else (RF64, other containers, a
    /// streaming writer's unknown length of 0 or 0xFFFFFFFF, unparseable chunks).
    static func of(path: String) -> WAVDataLength? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { return nil }
        let fileSize = Int(info.st_size)
        func bytes(at offset: Int, count: Int) -> [UInt8]? {
            var buffer = [UInt8](repeating: 0, count: count)
            let got = buffer.withUnsafeMutableBytes { pread(descriptor, $0.baseAddress, count, off_t(offset)) }
            return got == count ? buffer : nil
        }
        func little32(_ b: [UInt8], _ at: Int) -> Int {
            Int(b[at]) | Int(b[at + 1]) << 8 | Int(b[at + 2]) << 16 | Int(b[at + 3]) << 24
        }
        guard let header = bytes(at: 0, count: 12), header[0 ..< 4] == [0x52, 0x49, 0x46, 0x46],  // RIFF
              header[8 ..< 12] == [0x57, 0x41, 0x56, 0x45]  // WAVE
        else { return nil }
        var offset = 12
        var blockAlign = 0
        for _ in 0 ..< 64 {  // a handful of chunks precede `data` in real files
            guard let chunk = bytes(at: offset, count: 8) else { return nil }
            let size = little32(chunk, 4)
            let body = offset + 8
            if chunk[0 ..< 4] == [0x66, 0x6D, 0x74, 0x20] {  // "fmt "
                guard size >= 16, let format = bytes(at: body, count: 16) else { return nil }
                blockAlign = Int(format[12]) | Int(format[13]) << 8
            } else if chunk[0 ..< 4] == [0x64, 0x61, 0x74, 0x61] {  // "data"
                guard blockAlign > 0, size != 0, size != 0xFFFF_FFFF else { return nil }
                return WAVDataLength(declaredFrames: size / blockAlign, presentFrames: max(0, fileSize - body) / blockAlign)
            }
            offset = body + size + (size & 1)
            if offset >= fileSize { return nil }
        }
        return nil
    }
}
