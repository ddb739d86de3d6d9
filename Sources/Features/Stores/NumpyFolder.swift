import Foundation
import Support

/// mmap-ninja's folder for one numpy array (notes/tflite_tflm.md §5): `data.ninja` (raw little-endian
/// element bytes, C order), `dtype.ninja` (numpy's dtype name, no newline), `shape.ninja` (each dimension as
/// a little-endian u64), `order.ninja` (`C`) and `type.ninja` (`numpy`).
enum NumpyFolder {
    /// The element types feature stores use, by numpy name.
    enum DType: String, Sendable {
        case uint16, int64, float32, int32, uint8

        var size: Int {
            switch self {
            case .uint8: 1
            case .uint16: 2
            case .int32, .float32: 4
            case .int64: 8
            }
        }
    }

    /// Writes the metadata files of an array whose `data.ninja` is already in `folder`.
    static func writeMetadata(_ folder: String, dtype: DType, shape: [Int], type: String = "numpy") throws(StoreError) {
        try write(Array(dtype.rawValue.utf8), to: folder + "/dtype.ninja")
        try write(shape.flatMap { littleEndianBytes(UInt64($0)) }, to: folder + "/shape.ninja")
        try write(Array("C".utf8), to: folder + "/order.ninja")
        try write(Array(type.utf8), to: folder + "/type.ninja")
    }

    /// Writes a whole int64 array as a numpy folder.
    static func write(int64 values: [Int64], shape: [Int], to folder: String) throws(StoreError) {
        try makeFolder(folder)
        try write(values.flatMap { littleEndianBytes(UInt64(bitPattern: $0)) }, to: folder + "/data.ninja")
        try writeMetadata(folder, dtype: .int64, shape: shape)
    }

    /// Reads an int64 array folder (small arrays: offsets, shapes).
    static func readInt64(_ folder: String) throws(StoreError) -> [Int64] {
        let dtype = try readText(folder + "/dtype.ninja")
        guard dtype == DType.int64.rawValue else { throw StoreError(folder, "expected int64 offsets, found \(dtype)") }
        let bytes = try read(folder + "/data.ninja")
        guard bytes.count % 8 == 0 else { throw StoreError(folder, "data.ninja is not a whole number of int64 values") }
        return stride(from: 0, to: bytes.count, by: 8).map { Int64(bitPattern: littleEndianValue(bytes, at: $0)) }
    }

    /// The shape in `shape.ninja`.
    static func readShape(_ folder: String) throws(StoreError) -> [Int] {
        let bytes = try read(folder + "/shape.ninja")
        guard bytes.count % 8 == 0 else { throw StoreError(folder, "shape.ninja is not a whole number of u64 values") }
        return stride(from: 0, to: bytes.count, by: 8).map { Int(littleEndianValue(bytes, at: $0)) }
    }

    /// The little-endian u64 at `offset`.
    static func littleEndianValue(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in 0 ..< 8 { value |= UInt64(bytes[offset + index]) << UInt64(8 * index) }
        return value
    }

    static func littleEndianBytes(_ value: UInt64) -> [UInt8] {
        (0 ..< 8).map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
    }

    static func makeFolder(_ folder: String) throws(StoreError) {
        do { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) } catch {
            throw StoreError(folder, "cannot create the folder: \(error.localizedDescription)")
        }
    }

    static func write(_ bytes: [UInt8], to path: String) throws(StoreError) {
        guard FileManager.default.createFile(atPath: path, contents: Data(bytes)) else {
            throw StoreError(path, "cannot write the file")
        }
    }

    static func read(_ path: String) throws(StoreError) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: path) else { throw StoreError(path, "missing or unreadable") }
        return [UInt8](data)
    }

    static func readText(_ path: String) throws(StoreError) -> String {
        String(decoding: try read(path), as: UTF8.self)
    }
}

/// A feature store that cannot be read or written: the path and what is wrong with it.
public struct StoreError: UserFacingError, Equatable {
    public let path: String
    public let reason: String

    init(_ path: String, _ reason: String) {
        self.path = path
        self.reason = reason
    }

    public var message: String { "\(path): \(reason)" }
    public var hint: String? { "delete the store and run `wakesmith features --config CFG` again" }
}
