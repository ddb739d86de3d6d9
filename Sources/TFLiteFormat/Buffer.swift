/// One entry of the model's buffer table (schema.fbs `Buffer`): constant tensor data stored inline. Buffers
/// stored outside the flatbuffer (`offset`/`size`) are ignored by TFLite Micro, which then treats the tensor
/// as computed at run time.
public struct Buffer: Hashable, Sendable {
    public var data: [UInt8]?
    public var offset: UInt64
    public var size: UInt64

    public init(data: [UInt8]? = nil, offset: UInt64 = 0, size: UInt64 = 0) {
        self.data = data
        self.offset = offset
        self.size = size
    }

    /// Whether TFLite Micro finds constant data here (an inline, non-empty data vector).
    public var hasData: Bool { !(data ?? []).isEmpty }
}
