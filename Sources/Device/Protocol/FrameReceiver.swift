/// Turns the bytes arriving at a device into frames: collects up to each delimiter and decodes, so a damaged
/// frame costs only itself. Bytes past `maximumEncodedFrame` are dropped until the next delimiter.
public struct FrameReceiver: Sendable {
    private var pending: [UInt8] = []
    private var overlong = false

    public init() {}

    /// Feeds bytes; returns each frame (or rejection) they complete, in order. Empty frames are skipped.
    public mutating func receive(_ bytes: some Sequence<UInt8>) -> [Result<Frame, FrameRejection>] {
        var results: [Result<Frame, FrameRejection>] = []
        for byte in bytes {
            if byte != DeviceProtocol.delimiter {
                if pending.count < DeviceProtocol.maximumEncodedFrame {
                    pending.append(byte)
                } else {
                    overlong = true
                }
                continue
            }
            if overlong {
                results.append(.failure(.long))
            } else if !pending.isEmpty {
                results.append(Frame.decode(encoded: pending))
            }
            pending.removeAll(keepingCapacity: true)
            overlong = false
        }
        return results
    }
}
