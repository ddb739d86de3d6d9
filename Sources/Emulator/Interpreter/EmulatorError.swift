import Support
import TFLiteFormat

/// Why the emulator cannot run a model. Each case says where (subgraph, operator) and what TFLite Micro
/// would do: refuse the model (`AllocateTensors` fails, so ESPHome never runs it) or behave undefinedly
/// (which the emulator refuses to imitate).
public enum EmulatorError: UserFacingError, Equatable {
    /// An operator no kernel here implements (not one of ESPHome's 20).
    case unsupportedOperator(BuiltinOperator, subgraph: Int, index: Int)
    /// The model's structure is broken: an index out of range, a missing subgraph, an unsizable tensor.
    case malformedModel(String)
    /// TFLite Micro's Prepare of this operator fails (the device logs "failed to prepare").
    case prepareFailed(BuiltinOperator, subgraph: Int, index: Int, reason: String)
    /// A combination TFLite Micro accepts but computes with undefined behaviour or this emulator does not
    /// implement (say which); the emulator refuses rather than guess.
    case unsupportedConfiguration(BuiltinOperator, subgraph: Int, index: Int, reason: String)
    /// TFLite Micro prepares the operator but its first invocation fails (the device logs "Encountered an
    /// error while performing an inference" and stops detection).
    case invokeFails(BuiltinOperator, subgraph: Int, index: Int, reason: String)
    /// Data handed to the emulator does not fit the model (wrong input length, …).
    case invalidInput(String)

    public var message: String {
        switch self {
        case let .unsupportedOperator(op, subgraph, index):
            "operator \(index) of subgraph \(subgraph) is \(op), which the emulator (and ESPHome's micro_wake_word) does not run"
        case let .malformedModel(reason):
            "the model is malformed: \(reason)"
        case let .prepareFailed(op, subgraph, index, reason):
            "TFLite Micro would refuse the model: \(op) (operator \(index) of subgraph \(subgraph)) \(reason)"
        case let .unsupportedConfiguration(op, subgraph, index, reason):
            "\(op) (operator \(index) of subgraph \(subgraph)) cannot be emulated: \(reason)"
        case let .invokeFails(op, subgraph, index, reason):
            "TFLite Micro would fail at the first inference: \(op) (operator \(index) of subgraph \(subgraph)) \(reason)"
        case let .invalidInput(reason):
            reason
        }
    }

    public var hint: String? {
        switch self {
        case .unsupportedOperator: "export the model with only the operators ESPHome registers (wakesmith verify lists them)"
        case .malformedModel: "re-export the model; the file does not describe a valid graph"
        case .prepareFailed, .unsupportedConfiguration, .invokeFails: "re-export the model; the device would not run it as it is"
        case .invalidInput: nil
        }
    }
}
