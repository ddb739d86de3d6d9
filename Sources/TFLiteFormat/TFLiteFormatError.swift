import Support

/// Why a .tflite file could not be read or written. Every malformed input ends here: truncated files,
/// offsets pointing outside the file, vectors longer than the file, unknown enum values where the format
/// forbids them. Reading never traps.
public enum TFLiteFormatError: UserFacingError, Equatable {
    /// The file is shorter than its own header or a structure it describes.
    case truncated(what: String, needed: Int, size: Int)
    /// An offset inside the file points outside it (or backwards where the format forbids it).
    case outOfBounds(what: String, offset: Int, size: Int)
    /// A value the format does not allow (a vtable shorter than its header, a negative count, …).
    case invalid(what: String, reason: String)
    /// Writing: a value that cannot be represented (more than 2 GiB of data, …).
    case unrepresentable(what: String)

    public var message: String {
        switch self {
        case let .truncated(what, needed, size):
            "the model file is truncated: \(what) needs \(needed) bytes but the file has \(size)"
        case let .outOfBounds(what, offset, size):
            "the model file is corrupt: \(what) points to offset \(offset), outside the file (\(size) bytes)"
        case let .invalid(what, reason):
            "the model file is corrupt: \(what) \(reason)"
        case let .unrepresentable(what):
            "cannot write the model: \(what)"
        }
    }

    public var hint: String? {
        switch self {
        case .unrepresentable: nil
        default: "check that the file is a complete .tflite model (re-download or re-export it)"
        }
    }
}
