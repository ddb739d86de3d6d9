/// A FlatBuffers builder, back to front as the official one: children are written before their parents,
/// so every offset points forward. Objects are identified by their distance from the end of the buffer
/// (`Offset`), which does not change as more is prepended.
struct FlatBufferBuilder {
    /// The bytes written so far, last byte first.
    private var reversed: [UInt8] = []
    /// The largest alignment used (the finished buffer's size is a multiple of it).
    private var minimumAlignment = 1
    /// Fields of the table being built: (field id, distance from the end after the field was written).
    private var fields: [(id: Int, end: Int)] = []
    private var tableStart = 0
    private var building = false

    /// An object's position, counted from the end of the buffer.
    struct Offset: Hashable {
        let end: Int
    }

    var size: Int { reversed.count }

    private mutating func pad(_ count: Int) {
        for _ in 0 ..< count { reversed.append(0) }
    }

    /// Pads so that, after `additional` more bytes, the size is a multiple of `alignment`.
    mutating func prealign(_ additional: Int, _ alignment: Int) {
        minimumAlignment = max(minimumAlignment, alignment)
        let remainder = (size + additional) % alignment
        if remainder != 0 { pad(alignment - remainder) }
    }

    private mutating func pushBytes<T: FixedWidthInteger>(_ value: T) {
        var little = value.littleEndian
        withUnsafeBytes(of: &little) { bytes in
            for byte in bytes.reversed() { reversed.append(byte) }
        }
    }

    /// Prepends a scalar, aligned to its size.
    mutating func push<T: FixedWidthInteger>(_ value: T) {
        prealign(MemoryLayout<T>.size, MemoryLayout<T>.size)
        pushBytes(value)
    }

    mutating func push(_ value: Float) { push(value.bitPattern) }

    /// Prepends a uoffset referring to `target`.
    mutating func push(offset target: Offset) {
        prealign(4, 4)
        pushBytes(UInt32(size + 4 - target.end))
    }

    // MARK: Vectors and strings

    /// A vector of scalars (`alignment` at least the element size; 16 for buffer data).
    mutating func vector<T: FixedWidthInteger>(_ values: [T], alignment: Int? = nil) -> Offset {
        let elementSize = MemoryLayout<T>.size
        prealign(values.count * elementSize, 4)
        prealign(values.count * elementSize, max(alignment ?? elementSize, elementSize))
        for value in values.reversed() { pushBytes(value) }
        prealign(4, 4)
        pushBytes(UInt32(values.count))
        return Offset(end: size)
    }

    mutating func vector(_ values: [Float]) -> Offset { vector(values.map(\.bitPattern)) }

    mutating func vector(_ values: [Bool]) -> Offset { vector(values.map { UInt8($0 ? 1 : 0) }) }

    /// A vector of tables or strings, given their offsets.
    mutating func vector(offsets: [Offset]) -> Offset {
        prealign(offsets.count * 4, 4)
        for target in offsets.reversed() { push(offset: target) }
        pushBytes(UInt32(offsets.count))
        return Offset(end: size)
    }

    /// A NUL-terminated UTF-8 string.
    mutating func string(_ text: String) -> Offset {
        let bytes = Array(text.utf8)
        prealign(bytes.count + 1, 4)
        reversed.append(0)
        for byte in bytes.reversed() { reversed.append(byte) }
        pushBytes(UInt32(bytes.count))
        return Offset(end: size)
    }

    // MARK: Tables

    mutating func startTable() {
        precondition(!building, "tables are built one at a time")
        building = true
        fields = []
        tableStart = size
    }

    /// Adds a scalar field (skipped when equal to the schema default, as the official builder does).
    mutating func add<T: FixedWidthInteger>(_ id: Int, _ value: T, default defaultValue: T = 0) {
        guard value != defaultValue else { return }
        push(value)
        fields.append((id, size))
    }

    mutating func add(_ id: Int, _ value: Bool, default defaultValue: Bool = false) {
        add(id, UInt8(value ? 1 : 0), default: UInt8(defaultValue ? 1 : 0))
    }

    /// Adds an offset field (a sub-table, vector or string).
    mutating func add(_ id: Int, _ target: Offset?) {
        guard let target else { return }
        push(offset: target)
        fields.append((id, size))
    }

    /// Finishes the table: its soffset, then its vtable just before it.
    mutating func endTable() -> Offset {
        precondition(building, "endTable without startTable")
        prealign(4, 4)
        pushBytes(Int32(0)) // patched below
        let tableEnd = size
        let fieldCount = (fields.map(\.id).max() ?? -1) + 1
        var slots = [UInt16](repeating: 0, count: fieldCount)
        for field in fields { slots[field.id] = UInt16(tableEnd - field.end) }
        let vtableBytes = 4 + 2 * fieldCount
        prealign(vtableBytes, 2)
        for slot in slots.reversed() { pushBytes(slot) }
        pushBytes(UInt16(tableEnd - tableStart))
        pushBytes(UInt16(vtableBytes))
        let vtableEnd = size
        // soffset = table position − vtable position = vtableEnd − tableEnd (the vtable is below the table).
        let soffset = Int32(vtableEnd - tableEnd)
        var little = soffset.littleEndian
        withUnsafeBytes(of: &little) { bytes in
            for (index, byte) in bytes.enumerated() { reversed[tableEnd - 1 - index] = byte }
        }
        building = false
        return Offset(end: tableEnd)
    }

    /// The finished buffer: root offset, file identifier, and everything written.
    mutating func finish(root: Offset, identifier: String) -> [UInt8] {
        prealign(8, minimumAlignment)
        for byte in Array(identifier.utf8.prefix(4)).reversed() { reversed.append(byte) }
        push(offset: root)
        return reversed.reversed()
    }
}
