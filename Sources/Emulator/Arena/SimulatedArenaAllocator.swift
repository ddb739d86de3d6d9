/// TFLite Micro's `SingleArenaBufferAllocator`, on addresses instead of memory: a tail of persistent
/// buffers growing down, a resizable head at the start, and temporary buffers above the head. The checks
/// are TFLM's own, with one deliberate difference: TFLM lets a persistent buffer grow over live temporary
/// buffers (it only checks the head), silently corrupting the TfLiteTensors a kernel is still reading;
/// measured with tflite-micro, that makes Prepare fail or crash, so here it is an allocation failure. (A
/// temporary allocation compares with the tail as an unsigned difference, as in TFLM.)
struct SimulatedArenaAllocator {
    let bufferHead: Int
    let bufferTail: Int
    private(set) var head: Int
    private(set) var tail: Int
    private(set) var temp: Int
    /// The largest `used` seen, and the largest reach of live temporaries above the head.
    private(set) var peakUsed = 0

    struct OutOfMemory: Error {
        let what: String
    }

    init(head: Int, tail: Int) {
        bufferHead = head
        bufferTail = tail
        self.head = head
        self.tail = tail
        temp = head
    }

    static func alignUp(_ value: Int, _ alignment: Int) -> Int { (value + alignment - 1) / alignment * alignment }
    static func alignDown(_ value: Int, _ alignment: Int) -> Int { value / alignment * alignment }

    /// `AllocatePersistentBuffer`: fails when the aligned result would cross the head.
    mutating func persistent(_ size: Int, _ alignment: Int) throws(OutOfMemory) {
        let result = Self.alignDown(tail - size, alignment)
        guard result >= max(head, temp) else { throw OutOfMemory(what: "a \(size)-byte persistent buffer") }
        tail = result
        note()
    }

    /// `AllocateTemp`: `tail − aligned temp` is a size_t, so a temp already past the tail "fits".
    mutating func temporary(_ size: Int, _ alignment: Int) throws(OutOfMemory) {
        let result = Self.alignUp(temp, alignment)
        let available = tail - result
        guard available < 0 || available >= size else { throw OutOfMemory(what: "a \(size)-byte temporary buffer") }
        temp = result + size
        note()
    }

    /// `ResizeBuffer` of the head (only legal with no live temporaries); returns false when it does not fit.
    @discardableResult
    mutating func resizeHead(_ size: Int, _ alignment: Int) -> Bool {
        let start = Self.alignUp(bufferHead, alignment)
        let available = tail - start // a size_t in TFLM: negative wraps and "fits"
        guard available < 0 || available >= size else { return false }
        head = start + size
        temp = head
        note()
        return true
    }

    /// `ResetTempAllocations`.
    mutating func resetTemporaries() {
        temp = head
    }

    /// `GetAvailableMemory(alignment)` as the signed difference TFLM computes before converting to size_t.
    func availableMemory(_ alignment: Int) -> Int {
        Self.alignDown(tail, alignment) - Self.alignUp(temp, alignment)
    }

    /// `arena_used_bytes()`: the tail plus the larger of head and temporaries.
    var used: Int { (bufferTail - tail) + max(head - bufferHead, temp - bufferHead) }

    var persistentBytes: Int { bufferTail - tail }

    private mutating func note() {
        peakUsed = max(peakUsed, used)
    }
}
