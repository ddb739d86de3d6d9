#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Frontend
import Support

/// Reads an mmap-ninja RaggedMmap folder (ours or one Python wrote). The element data is memory-mapped,
/// so opening a store of any size costs only its offsets.
///
/// Items are uint16 raw frontend values; float32 stores (microWakeWord's pymicro-features path writes float
/// features, raw × 0.0390625) are converted back to raw units when read.
///
/// A `final class` because it owns the mapping; immutable once open, so safe to read from several threads.
public final class RaggedMmapReader: @unchecked Sendable {
    public let folder: String
    /// Element offsets of each item (end exclusive).
    public let starts: [Int]
    public let ends: [Int]
    /// Each item's shape.
    public let shapes: [[Int]]
    private let dtype: NumpyFolder.DType
    private let mapping: UnsafeRawPointer?
    private let mappedBytes: Int

    /// Opens `folder`; an empty folder is an empty store.
    public init(folder: String) throws(StoreError) {
        self.folder = folder
        guard FileManagerShim.exists(folder + "/shapes_are_flat.ninja") else {
            guard FileManagerShim.isFolder(folder) else { throw StoreError(folder, "no feature store here") }
            (starts, ends, shapes, dtype, mapping, mappedBytes) = ([], [], [], .uint16, nil, 0)
            return
        }
        guard let dtype = NumpyFolder.DType(rawValue: try NumpyFolder.readText(folder + "/dtype.ninja")),
              dtype == .uint16 || dtype == .float32
        else {
            throw StoreError(folder, "holds \(try NumpyFolder.readText(folder + "/dtype.ninja")) elements, not uint16 or float32 features")
        }
        self.dtype = dtype
        starts = try NumpyFolder.readInt64(folder + "/starts").map { Int($0) }
        ends = try NumpyFolder.readInt64(folder + "/ends").map { Int($0) }
        let flatBytes = try NumpyFolder.read(folder + "/shapes_are_flat.ninja")
        if flatBytes.first == 1 {
            shapes = try NumpyFolder.readInt64(folder + "/shapes").map { [Int($0)] }
        } else {
            let nested = try RaggedMmapReader.readShapes(folder + "/shapes")
            shapes = nested
        }
        let total = try NumpyFolder.readShape(folder).first ?? 0
        guard starts.count == ends.count, shapes.count == starts.count,
              zip(starts, ends).allSatisfy({ 0 <= $0 && $0 <= $1 && $1 <= total })
        else { throw StoreError(folder, "offsets and shapes disagree (a truncated or mixed store)") }
        mappedBytes = total * dtype.size
        if mappedBytes == 0 {
            mapping = nil
        } else {
            let descriptor = open(folder + "/data.ninja", O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { throw StoreError(folder + "/data.ninja", String(cString: strerror(errno))) }
            defer { close(descriptor) }
            var status = stat()
            guard fstat(descriptor, &status) == 0, Int(status.st_size) >= mappedBytes else {
                throw StoreError(folder + "/data.ninja", "shorter than shape.ninja says (a truncated store)")
            }
            guard let pointer = mmap(nil, mappedBytes, PROT_READ, MAP_PRIVATE, descriptor, 0), pointer != MAP_FAILED else {
                throw StoreError(folder + "/data.ninja", "cannot map: \(String(cString: strerror(errno)))")
            }
            mapping = UnsafeRawPointer(pointer)
        }
    }

    deinit {
        if let mapping { munmap(UnsafeMutableRawPointer(mutating: mapping), mappedBytes) }
    }

    /// Number of items.
    public var count: Int { starts.count }

    /// Item `index`'s elements as raw frontend values.
    public func values(_ index: Int) -> [UInt16] {
        let start = starts[index], end = ends[index]
        guard let mapping else { return [] }
        switch dtype {
        case .float32:
            let floats = mapping.bindMemory(to: Float.self, capacity: mappedBytes / 4)
            return (start ..< end).map { FeatureScaling.raw(float: floats[$0]) }
        default:
            let raw = mapping.bindMemory(to: UInt16.self, capacity: mappedBytes / 2)
            return Array(UnsafeBufferPointer(start: raw + start, count: end - start))
        }
    }

    /// Frames of item `index` ([frames, channels] items; elements / 40 otherwise).
    public func frameCount(of index: Int) -> Int {
        let shape = shapes[index]
        return shape.count == 2 ? shape[0] : (ends[index] - starts[index]) / FrontendParameters.device.channelCount
    }

    /// Calls `body` with item `index`'s raw values, straight from the mapped file for uint16 stores (no
    /// copy), converted for float32 stores.
    public func withFrames<R>(of index: Int, _ body: (UnsafeBufferPointer<UInt16>) throws -> R) rethrows -> R {
        let start = starts[index], end = ends[index]
        guard let mapping, dtype == .uint16 else {
            return try values(index).withUnsafeBufferPointer { try body($0) }
        }
        let raw = mapping.bindMemory(to: UInt16.self, capacity: mappedBytes / 2)
        return try body(UnsafeBufferPointer(start: raw + start, count: end - start))
    }

    /// Item `index` as a spectrogram (items must be [frames, channels]).
    public func spectrogram(_ index: Int) throws(StoreError) -> Spectrogram {
        let shape = shapes[index]
        guard shape.count == 2, shape[1] > 0 else { throw StoreError(folder, "item \(index) is not [frames, channels] but \(shape)") }
        return Spectrogram(values: values(index), channelCount: shape[1])
    }

    /// Every item as a spectrogram.
    public func spectrograms() throws(StoreError) -> [Spectrogram] {
        var all: [Spectrogram] = []
        for index in 0 ..< count { all.append(try spectrogram(index)) }
        return all
    }

    /// The shape tuples of a nested shapes RaggedMmap.
    private static func readShapes(_ folder: String) throws(StoreError) -> [[Int]] {
        let starts = try NumpyFolder.readInt64(folder + "/starts"), ends = try NumpyFolder.readInt64(folder + "/ends")
        let elements = try NumpyFolder.readInt64Data(folder)
        guard starts.count == ends.count, zip(starts, ends).allSatisfy({ 0 <= $0 && $0 <= $1 && Int($1) <= elements.count }) else {
            throw StoreError(folder, "shape offsets are inconsistent")
        }
        return zip(starts, ends).map { elements[Int($0) ..< Int($1)].map { Int($0) } }
    }
}

extension NumpyFolder {
    /// The int64 elements of a folder whose `type.ninja` may be `ragged` (no dtype check beyond int64).
    static func readInt64Data(_ folder: String) throws(StoreError) -> [Int64] {
        try readInt64(folder)
    }
}

/// File-system questions without Foundation's reference types in signatures.
enum FileManagerShim {
    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    static func isFolder(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }
}
