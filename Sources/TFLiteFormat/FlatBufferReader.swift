/// A bounds-checked reader of a FlatBuffers binary: every load checks that it lies inside the buffer, every
/// offset is followed only after checking where it lands, and every vector's length is checked against the
/// bytes that remain. Hostile input therefore ends in a `TFLiteFormatError`, never in a trap.
///
/// Layout rules (FlatBuffers binary format): scalars are little-endian; a `uoffset` (u32) points forward
/// from its own position; a table starts with an `soffset` (i32) to its vtable (`table − soffset`); a vtable
/// is u16s `[vtable bytes, table bytes, field offsets…]`; a vector is a u32 count followed by its elements.
struct FlatBufferReader {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var size: Int { bytes.count }

    /// Checks that `count` bytes starting at `offset` lie inside the buffer.
    func require(_ offset: Int, _ count: Int, _ what: @autoclosure () -> String) throws(TFLiteFormatError) {
        guard offset >= 0, count >= 0, offset <= bytes.count, count <= bytes.count - offset else {
            if offset >= 0, offset <= bytes.count {
                throw .truncated(what: what(), needed: offset &+ count, size: bytes.count)
            }
            throw .outOfBounds(what: what(), offset: offset, size: bytes.count)
        }
    }

    func uint8(at offset: Int, _ what: @autoclosure () -> String) throws(TFLiteFormatError) -> UInt8 {
        try require(offset, 1, what())
        return bytes[offset]
    }

    func uint16(at offset: Int, _ what: @autoclosure () -> String) throws(TFLiteFormatError) -> UInt16 {
        try require(offset, 2, what())
        return UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    func uint32(at offset: Int, _ what: @autoclosure () -> String) throws(TFLiteFormatError) -> UInt32 {
        try require(offset, 4, what())
        var value: UInt32 = 0
        for index in 0 ..< 4 { value |= UInt32(bytes[offset + index]) << (8 * index) }
        return value
    }

    func uint64(at offset: Int, _ what: @autoclosure () -> String) throws(TFLiteFormatError) -> UInt64 {
        try require(offset, 8, what())
        var value: UInt64 = 0
        for index in 0 ..< 8 { value |= UInt64(bytes[offset + index]) << (8 * index) }
        return value
    }

    func int32(at offset: Int, _ what: @autoclosure () -> String) throws(TFLiteFormatError) -> Int32 {
        Int32(bitPattern: try uint32(at: offset, what()))
    }

    /// Follows the uoffset stored at `offset`: the absolute position it points to.
    func follow(_ offset: Int, _ what: @autoclosure () -> String) throws(TFLiteFormatError) -> Int {
        let relative = Int(try uint32(at: offset, what()))
        let target = offset + relative
        guard target < bytes.count else { throw .outOfBounds(what: what(), offset: target, size: bytes.count) }
        return target
    }

    /// The table whose first byte (its soffset) is at `position`.
    func table(at position: Int, _ what: @autoclosure () -> String) throws(TFLiteFormatError) -> FlatTable {
        let name = what()
        let soffset = Int(try int32(at: position, name))
        let vtable = position - soffset
        guard vtable >= 0, vtable < bytes.count else {
            throw .outOfBounds(what: "\(name) (its field table)", offset: vtable, size: bytes.count)
        }
        let vtableBytes = Int(try uint16(at: vtable, "\(name) (its field table)"))
        let tableBytes = Int(try uint16(at: vtable + 2, "\(name) (its field table)"))
        guard vtableBytes >= 4, vtableBytes % 2 == 0 else {
            throw .invalid(what: name, reason: "has a field table of \(vtableBytes) bytes")
        }
        guard tableBytes >= 4 else { throw .invalid(what: name, reason: "is \(tableBytes) bytes long") }
        try require(vtable, vtableBytes, "\(name) (its field table)")
        try require(position, tableBytes, name)
        return FlatTable(reader: self, position: position, vtable: vtable, fieldCount: (vtableBytes - 4) / 2,
                         tableBytes: tableBytes, name: name)
    }

    /// The root table of the buffer.
    func root() throws(TFLiteFormatError) -> FlatTable {
        try require(0, 8, "the file header")
        return try table(at: try follow(0, "the root table"), "the model table")
    }

    /// The 4-character file identifier at bytes 4–7 (`TFL3` for TFLite), if it is printable ASCII.
    var fileIdentifier: String? {
        guard bytes.count >= 8 else { return nil }
        let characters = bytes[4 ..< 8]
        guard characters.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
        return String(decoding: characters, as: UTF8.self)
    }
}

/// One table of a FlatBuffers binary: looks fields up by id, with the schema's default when a field is absent.
struct FlatTable {
    let reader: FlatBufferReader
    let position: Int
    let vtable: Int
    let fieldCount: Int
    let tableBytes: Int
    let name: String

    /// The absolute position of field `id`, or nil when the field is absent.
    func fieldPosition(_ id: Int, size: Int) throws(TFLiteFormatError) -> Int? {
        guard id < fieldCount else { return nil }
        let relative = Int(try reader.uint16(at: vtable + 4 + 2 * id, "\(name) (its field table)"))
        guard relative != 0 else { return nil }
        guard relative + size <= tableBytes else {
            throw .invalid(what: name, reason: "has field \(id) outside the table (offset \(relative) of \(tableBytes))")
        }
        return position + relative
    }

    func uint8(_ id: Int, default value: UInt8 = 0) throws(TFLiteFormatError) -> UInt8 {
        guard let at = try fieldPosition(id, size: 1) else { return value }
        return try reader.uint8(at: at, name)
    }

    func int8(_ id: Int, default value: Int8 = 0) throws(TFLiteFormatError) -> Int8 {
        Int8(bitPattern: try uint8(id, default: UInt8(bitPattern: value)))
    }

    func bool(_ id: Int, default value: Bool = false) throws(TFLiteFormatError) -> Bool {
        try uint8(id, default: value ? 1 : 0) != 0
    }

    func int32(_ id: Int, default value: Int32 = 0) throws(TFLiteFormatError) -> Int32 {
        guard let at = try fieldPosition(id, size: 4) else { return value }
        return try reader.int32(at: at, name)
    }

    func uint32(_ id: Int, default value: UInt32 = 0) throws(TFLiteFormatError) -> UInt32 {
        guard let at = try fieldPosition(id, size: 4) else { return value }
        return try reader.uint32(at: at, name)
    }

    func uint64(_ id: Int, default value: UInt64 = 0) throws(TFLiteFormatError) -> UInt64 {
        guard let at = try fieldPosition(id, size: 8) else { return value }
        return try reader.uint64(at: at, name)
    }

    /// The sub-table in field `id`, or nil when absent.
    func table(_ id: Int, _ what: String) throws(TFLiteFormatError) -> FlatTable? {
        guard let at = try fieldPosition(id, size: 4) else { return nil }
        return try reader.table(at: try reader.follow(at, what), what)
    }

    /// The vector in field `id` (its elements' start and count), or nil when absent.
    func vector(_ id: Int, elementSize: Int, _ what: String) throws(TFLiteFormatError) -> FlatVector? {
        guard let at = try fieldPosition(id, size: 4) else { return nil }
        let start = try reader.follow(at, what)
        let count = Int(try reader.uint32(at: start, what))
        let available = (reader.size - start - 4) / elementSize
        guard count <= available else {
            throw .truncated(what: "\(what) (\(count) elements)", needed: start + 4 + count * elementSize, size: reader.size)
        }
        return FlatVector(reader: reader, start: start + 4, count: count, elementSize: elementSize, name: what)
    }

    /// The string in field `id` (UTF-8, invalid sequences replaced), or nil when absent.
    func string(_ id: Int, _ what: String) throws(TFLiteFormatError) -> String? {
        guard let vector = try vector(id, elementSize: 1, what) else { return nil }
        return String(decoding: reader.bytes[vector.start ..< vector.start + vector.count], as: UTF8.self)
    }

    /// The elements of an `[int]` field.
    func int32Array(_ id: Int, _ what: String) throws(TFLiteFormatError) -> [Int32]? {
        guard let vector = try vector(id, elementSize: 4, what) else { return nil }
        var values: [Int32] = []
        values.reserveCapacity(vector.count)
        for index in 0 ..< vector.count { values.append(try reader.int32(at: vector.position(index), what)) }
        return values
    }

    /// The elements of a `[float]` field.
    func floatArray(_ id: Int, _ what: String) throws(TFLiteFormatError) -> [Float]? {
        guard let vector = try vector(id, elementSize: 4, what) else { return nil }
        var values: [Float] = []
        values.reserveCapacity(vector.count)
        for index in 0 ..< vector.count {
            values.append(Float(bitPattern: try reader.uint32(at: vector.position(index), what)))
        }
        return values
    }

    /// The elements of a `[long]` field.
    func int64Array(_ id: Int, _ what: String) throws(TFLiteFormatError) -> [Int64]? {
        guard let vector = try vector(id, elementSize: 8, what) else { return nil }
        var values: [Int64] = []
        values.reserveCapacity(vector.count)
        for index in 0 ..< vector.count {
            values.append(Int64(bitPattern: try reader.uint64(at: vector.position(index), what)))
        }
        return values
    }

    /// The bytes of a `[ubyte]` field.
    func byteArray(_ id: Int, _ what: String) throws(TFLiteFormatError) -> [UInt8]? {
        guard let vector = try vector(id, elementSize: 1, what) else { return nil }
        return Array(reader.bytes[vector.start ..< vector.start + vector.count])
    }

    /// The elements of a `[bool]` field.
    func boolArray(_ id: Int, _ what: String) throws(TFLiteFormatError) -> [Bool]? {
        try byteArray(id, what).map { $0.map { $0 != 0 } }
    }

    /// The tables of a vector of tables, each read by `read`.
    func tables<Element>(_ id: Int, _ what: String,
                         _ read: (FlatTable, Int) throws(TFLiteFormatError) -> Element) throws(TFLiteFormatError) -> [Element]?
    {
        guard let vector = try vector(id, elementSize: 4, what) else { return nil }
        var elements: [Element] = []
        elements.reserveCapacity(vector.count)
        for index in 0 ..< vector.count {
            let name = "\(what) \(index)"
            let table = try reader.table(at: try reader.follow(vector.position(index), name), name)
            elements.append(try read(table, index))
        }
        return elements
    }
}

/// A vector's elements: `count` elements of `elementSize` bytes from `start`.
struct FlatVector {
    let reader: FlatBufferReader
    let start: Int
    let count: Int
    let elementSize: Int
    let name: String

    func position(_ index: Int) -> Int { start + index * elementSize }
}
