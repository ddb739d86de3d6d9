#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// What `stat` says about a file that decides whether cached facts about it still hold.
public struct FileStatus: Equatable, Sendable {
    public let size: Int
    /// Modification time in nanoseconds since the epoch (Python's `st_mtime_ns`).
    public let modificationNanoseconds: Int

    /// The status of `path`, or nil with `errno`'s reason when it cannot be read.
    public static func of(_ path: String) -> Result<FileStatus, FileStatusError> {
        var info = stat()
        guard stat(path, &info) == 0 else { return .failure(FileStatusError(reason: String(cString: strerror(errno)))) }
        return .success(FileStatus(size: Int(info.st_size),
                                   modificationNanoseconds: Int(info.st_mtim.tv_sec) * 1_000_000_000 + Int(info.st_mtim.tv_nsec)))
    }
}

/// Why a file's status could not be read ("Permission denied").
public struct FileStatusError: Error, Equatable, Sendable {
    public let reason: String
}
