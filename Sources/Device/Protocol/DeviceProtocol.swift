/// The constants of the device protocol (docs/device-protocol.md, the only definition of the protocol).
/// Every other file of the protocol takes its numbers from here.
public enum DeviceProtocol {
    /// The protocol version this code speaks: the first byte of every frame and `protocol` in `HELLO`.
    public static let version: UInt8 = 1
    /// The baud rate of the firmware harness's UART.
    public static let baudRate = 921_600
    /// Bytes a receiver collects before a delimiter before it gives up on the frame (`BAD reason=long`).
    public static let maximumEncodedFrame = 1100
    /// The most samples one `AUDIO` frame carries.
    public static let maximumAudioSamples = 512
    /// The longest `LOAD` payload in bytes.
    public static let maximumLoadPayload = 1032
    /// The frame delimiter on the wire.
    public static let delimiter: UInt8 = 0
    /// What starts every report: `MWWH ` (with its space).
    public static let reportMarker: [UInt8] = Array("MWWH ".utf8)
    /// Samples in micro_wake_word's analysis window: feature k of a stream is complete after
    /// `windowSamples + k·step` samples (ESPHome 2026.6 and later).
    public static let windowSamples = 480
}
