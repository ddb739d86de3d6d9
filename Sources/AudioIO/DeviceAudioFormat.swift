/// The one audio format the device ever hears (SPEC §1): 16 000 Hz, signed 16-bit PCM, mono. Training,
/// evaluation and the device bridge all work in it; other formats are converted first.
public enum DeviceAudioFormat {
    public static let sampleRate = 16000
    public static let bitDepth = 16
    public static let channels = 1
}
