import Foundation
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// A file written under a temporary name beside its destination and renamed into place on `commit()`,
/// so an interrupted or failed write never leaves a half-written file where a complete one is expected.
///
///     var file = try AtomicFile(path: "out/model.tflite")
///     try file.write(bytes)
///     try file.commit()          // or let it go out of scope: the temporary file is removed
public final class AtomicFile {
    /// Where the file ends up.
    public let path: String
    /// Where it is written until `commit()`.
    public let temporaryPath: String
    private var descriptor: Int32
    private var committed = false

    /// Creates the destination's folder if needed and opens a temporary file beside the destination.
    public init(path: String) throws(FileError) {
        self.path = path
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw FileError(path: directory, operation: "create the folder", reason: "\(error.localizedDescription)")
            }
        }
        let name = (path as NSString).lastPathComponent
        let prefix = directory.isEmpty ? "" : directory + "/"
        temporaryPath = "\(prefix).\(name).tmp-\(getpid())-\(UInt32.random(in: 0 ... .max))"
        descriptor = open(temporaryPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if descriptor < 0 {
            throw FileError(path: path, operation: "write", reason: String(cString: strerror(errno)))
        }
    }

    deinit {
        if !committed {
            if descriptor >= 0 { close(descriptor) }
            unlink(temporaryPath)
        }
    }

    /// Appends raw bytes.
    public func write(_ bytes: UnsafeRawBufferPointer) throws(FileError) {
        guard let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let written = Glibc.write(descriptor, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw FileError(path: path, operation: "write", reason: String(cString: strerror(errno)))
            }
            offset += written
        }
    }

    /// Appends bytes.
    public func write(_ bytes: [UInt8]) throws(FileError) {
        try write { bytes.withUnsafeBytes($0) }
    }

    /// Appends the contents of `data`.
    public func write(_ data: Data) throws(FileError) {
        try write { data.withUnsafeBytes($0) }
    }

    /// Appends UTF-8 text.
    public func write(_ text: String) throws(FileError) {
        try write(Array(text.utf8))
    }

    /// Appends the bytes of a contiguous array of plain values (for example `[Int16]` samples), in host order.
    public func write<T: BitwiseCopyable>(contentsOf values: [T]) throws(FileError) {
        try write { values.withUnsafeBytes($0) }
    }

    /// Writes the buffer that `access` lends (the standard `withUnsafeBytes` would lose the error's type).
    private func write(using access: ((UnsafeRawBufferPointer) -> Void) -> Void) throws(FileError) {
        var failure: FileError?
        access { buffer in
            do throws(FileError) { try write(buffer) } catch { failure = error }
        }
        if let failure { throw failure }
    }

    /// Flushes to disk when `durable` (for state a resume depends on), closes and renames into place.
    public func commit(durable: Bool = false) throws(FileError) {
        if durable, fsync(descriptor) != 0 {
            throw FileError(path: path, operation: "flush", reason: String(cString: strerror(errno)))
        }
        close(descriptor)
        descriptor = -1
        if rename(temporaryPath, path) != 0 {
            let reason = String(cString: strerror(errno))
            unlink(temporaryPath)
            throw FileError(path: path, operation: "replace", reason: reason)
        }
        committed = true
        if durable {
            let directory = (path as NSString).deletingLastPathComponent
            let folder = open(directory.isEmpty ? "." : directory, O_RDONLY | O_DIRECTORY)
            if folder >= 0 {
                fsync(folder)
                close(folder)
            }
        }
    }

    /// Writes `data` to `path` atomically in one call.
    public static func write(_ data: Data, to path: String, durable: Bool = false) throws(FileError) {
        let file = try AtomicFile(path: path)
        try file.write(data)
        try file.commit(durable: durable)
    }

    /// Writes UTF-8 text to `path` atomically in one call.
    public static func write(_ text: String, to path: String, durable: Bool = false) throws(FileError) {
        let file = try AtomicFile(path: path)
        try file.write(text)
        try file.commit(durable: durable)
    }
}

/// A file operation that failed, with the path and the system's reason.
public struct FileError: UserFacingError, Equatable {
    public let path: String
    public let operation: String
    public let reason: String

    public init(path: String, operation: String, reason: String) {
        self.path = path
        self.operation = operation
        self.reason = reason
    }

    public var message: String { "cannot \(operation) \(path): \(reason)" }
}

