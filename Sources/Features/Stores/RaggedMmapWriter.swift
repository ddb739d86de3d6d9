#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Frontend
import Support

/// Writes an mmap-ninja RaggedMmap folder byte for byte as `RaggedMmap.from_lists` (and later `extend`s)
/// writes it, so microWakeWord's trainer and Python's mmap_ninja read ours (notes/tflite_tflm.md §5):
/// the items' elements back to back in the top folder's `data.ninja`, `starts/`, `ends/` and
/// `flattened_shapes/` (int64 element offsets and counts), `shapes_are_flat.ninja`, and `shapes/` (a numpy
/// folder when every item is 1-D, else itself a RaggedMmap of the shape tuples).
///
/// Elements are streamed to `data.ninja` as items arrive; the offsets and metadata are written by
/// `finish()`. A store with no items is an empty folder, as Python's writer leaves it.
///
/// A `final class` because it owns an open file.
public final class RaggedMmapWriter {
    public let folder: String
    private let dtype: NumpyFolder.DType
    private var descriptor: Int32 = -1
    private var shapes: [[Int]] = []
    private var totalElements = 0

    /// Starts a store of uint16 items in `folder` (created if needed; an existing `data.ninja` is replaced).
    public init(folder: String) throws(StoreError) {
        self.folder = folder
        dtype = .uint16
        try NumpyFolder.makeFolder(folder)
    }

    /// Number of items written so far.
    public var count: Int { shapes.count }

    /// Appends one spectrogram as a [frames, channels] item.
    public func append(_ spectrogram: Spectrogram) throws(StoreError) {
        try spectrogram.values.withUnsafeBufferPointer { buffer throws(StoreError) in
            try append(buffer, shape: [spectrogram.frameCount, spectrogram.channelCount])
        }
    }

    /// Appends one item of `shape` (row-major elements).
    public func append(_ values: UnsafeBufferPointer<UInt16>, shape: [Int]) throws(StoreError) {
        precondition(shape.reduce(1, *) == values.count, "an item's shape must match its element count")
        if descriptor < 0 {
            descriptor = open(folder + "/data.ninja", O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            if descriptor < 0 { throw StoreError(folder + "/data.ninja", String(cString: strerror(errno))) }
        }
        // Little-endian on every platform this runs on (x86-64, arm64).
        var offset = 0
        let bytes = UnsafeRawBufferPointer(values)
        while offset < bytes.count {
            let written = write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw StoreError(folder + "/data.ninja", String(cString: strerror(errno)))
            }
            offset += written
        }
        shapes.append(shape)
        totalElements += values.count
    }

    /// Writes the offsets, shapes and metadata, and closes the data file.
    public func finish() throws(StoreError) {
        if descriptor >= 0 {
            if fsync(descriptor) != 0 { throw StoreError(folder + "/data.ninja", String(cString: strerror(errno))) }
            close(descriptor)
            descriptor = -1
        }
        guard !shapes.isEmpty else { return }
        try Self.writeRagged(folder, dtype: dtype, totalElements: totalElements, shapes: shapes)
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// The offset and shape files of a RaggedMmap whose `data.ninja` holds `totalElements` elements.
    private static func writeRagged(_ folder: String, dtype: NumpyFolder.DType, totalElements: Int, shapes: [[Int]]) throws(StoreError) {
        let counts = shapes.map { Int64($0.reduce(1, *)) }
        var starts: [Int64] = [], ends: [Int64] = []
        var offset: Int64 = 0
        for count in counts {
            starts.append(offset)
            offset += count
            ends.append(offset)
        }
        try NumpyFolder.write(int64: starts, shape: [starts.count], to: folder + "/starts")
        try NumpyFolder.write(int64: ends, shape: [ends.count], to: folder + "/ends")
        // mmap-ninja stores a scalar item's shape as (0,).
        let stored = shapes.map { $0.isEmpty ? [0] : $0 }
        let flat = stored.allSatisfy { $0.count == 1 }
        try NumpyFolder.write(Array([UInt8(flat ? 1 : 0), 0, 0, 0]), to: folder + "/shapes_are_flat.ninja")
        if flat {
            try NumpyFolder.write(int64: stored.map { Int64($0[0]) }, shape: [stored.count, 1], to: folder + "/shapes")
        } else {
            let shapeFolder = folder + "/shapes"
            try NumpyFolder.makeFolder(shapeFolder)
            let elements = stored.flatMap { $0.map(Int64.init) }
            try NumpyFolder.write(elements.flatMap { NumpyFolder.littleEndianBytes(UInt64(bitPattern: $0)) },
                                  to: shapeFolder + "/data.ninja")
            try writeRagged(shapeFolder, dtype: .int64, totalElements: elements.count, shapes: stored.map { [$0.count] })
        }
        try NumpyFolder.write(int64: counts, shape: [counts.count], to: folder + "/flattened_shapes")
        try NumpyFolder.writeMetadata(folder, dtype: dtype, shape: [totalElements], type: "ragged")
    }
}
