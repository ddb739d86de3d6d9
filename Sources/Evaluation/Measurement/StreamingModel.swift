/// A streaming wake-word model as the device runs it: each inference takes `stride` feature frames of int8
/// input (the device's mapping of raw frontend values) and gives one uint8 output; state (the model's ring
/// buffers) carries from one inference to the next until `reset()`.
///
/// The emulator's interpreter conforms through a small adapter; tests use transparent fakes. Each worker
/// thread gets its own instance from a factory, so an implementation needs no locking.
public protocol StreamingModel {
    /// Feature frames per inference.
    var stride: Int { get }
    /// Values per feature frame (40).
    var channelCount: Int { get }
    /// Back to the freshly loaded state.
    mutating func reset()
    /// One inference on `stride × channelCount` int8 values, frame after frame.
    mutating func infer(_ input: UnsafeBufferPointer<Int8>) throws -> UInt8
}

/// Where evaluation reads spectrograms from: a feature store, or a list in tests. Clip `index` of a labelled
/// store is one test clip; the clips of an ambient recording are its consecutive windows.
public protocol SpectrogramSource: Sendable {
    var count: Int { get }
    /// Raw frontend values, `channelCount` per frame, frame after frame.
    func frames(at index: Int) throws -> [UInt16]
}

/// A source over spectrograms in memory.
public struct SpectrogramList: SpectrogramSource {
    public var items: [[UInt16]]
    public init(_ items: [[UInt16]]) { self.items = items }
    public var count: Int { items.count }
    public func frames(at index: Int) throws -> [UInt16] { items[index] }
}
