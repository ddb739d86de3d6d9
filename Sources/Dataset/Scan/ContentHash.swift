#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Support

/// The content hash the scan cache and converted copies are keyed by: BLAKE2b with a 16-byte digest of the
/// file's bytes, as lowercase hex, equal to Python's `hashlib.blake2b(data, digest_size=16).hexdigest()`.
/// Read in 1 MiB chunks, so a file of any size needs little memory.
public enum ContentHash {
    static let chunkBytes = 1 << 20

    /// The hash of the file at `path`, or the system's reason it could not be read. `sizeHint` (the file's
    /// size, when known) keeps the read buffer small for small files.
    public static func of(file path: String, sizeHint: Int? = nil) -> Result<String, FileStatusError> {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return .failure(FileStatusError(reason: String(cString: strerror(errno)))) }
        defer { close(descriptor) }
        var hasher = BLAKE2b(digestLength: 16)
        let capacity = min(chunkBytes, max(4096, (sizeHint ?? chunkBytes) + 1))
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: capacity, alignment: 16)
        defer { chunk.deallocate() }
        while true {
            let count = read(descriptor, chunk.baseAddress, capacity)
            if count < 0 {
                if errno == EINTR { continue }
                return .failure(FileStatusError(reason: String(cString: strerror(errno))))
            }
            if count == 0 { break }
            hasher.update(UnsafeRawBufferPointer(rebasing: chunk[0 ..< count]))
        }
        return .success(BLAKE2b.hex(hasher.finalize()))
    }
}
