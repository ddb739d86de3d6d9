import Support

/// Why an export stopped, with what to do about it.
public enum ExportError: UserFacingError, Equatable {
    /// The representative clips hold no complete stride.
    case noRepresentativeData(stride: Int)
    /// The written model breaks a rule of the firmware (SPEC §2); each line is one broken rule.
    case breaksDeviceContract([String])
    /// The emulator refused the written model (an exporter bug: the message says what it found).
    case emulatorRefused(String)
    case file(String)

    public var message: String {
        switch self {
        case let .noRepresentativeData(stride):
            "no representative data: the training feature stores hold no clip of at least \(stride) frames"
        case let .breaksDeviceContract(problems):
            "the exported model would not run on the device: " + problems.joined(separator: "; ")
        case let .emulatorRefused(reason):
            "the exported model does not load in the emulator: \(reason)"
        case let .file(reason):
            reason
        }
    }

    public var hint: String? {
        switch self {
        case .noRepresentativeData: "run `wakesmith features --config CFG` first"
        case .breaksDeviceContract: "change the model settings `wakesmith config CFG` names and train again"
        case .emulatorRefused: "please report this with the configuration and weights"
        case .file: nil
        }
    }
}
