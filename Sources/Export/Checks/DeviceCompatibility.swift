import Config
import ESPHome
import Training

/// Whether ESPHome's firmware can run the streaming form of a model shape, decided from the shape alone so
/// that `wakesmith config` and `train` refuse an impossible configuration before any training (SPEC §2):
/// at most 20 resource variables, only the operators ESPHome registers, a stride the firmware feeds.
/// Each problem names the setting and the nearest setting that works.
public enum DeviceCompatibility {
    /// One reason the device cannot run the model.
    public struct Problem: Equatable, Sendable {
        /// The `model:` key at fault (`repeat_in_block`).
        public var key: String
        public var message: String
    }

    public static func problems(_ architecture: MixedNetArchitecture) -> [Problem] {
        var problems: [Problem] = []
        if !(1 ... DeviceLimits.maxStride).contains(architecture.stride) {
            let nearest = min(max(architecture.stride, 1), DeviceLimits.maxStride)
            problems.append(Problem(key: "stride", message: "is \(architecture.stride); the firmware feeds 1 to \(DeviceLimits.maxStride) feature frames per inference: use \(nearest)"))
        }
        if architecture.spatialAttention {
            problems.append(Problem(key: "spatial_attention", message: "needs operators outside the \(OperatorSet.all.count) ESPHome registers and has no streaming form: set model.spatial_attention: false"))
        }
        let buffers = architecture.streamingStateCount
        if buffers > DeviceLimits.maxResourceVariables {
            problems.append(tooManyBuffers(architecture, buffers))
        }
        return problems
    }

    /// The checks `ConfigLoader.load(path:checks:)` runs for commands that lead to a device model.
    public static let configChecks: [ConfigCheck] = [
        ConfigCheck(name: "runs on ESPHome") { config in
            problems(MixedNetArchitecture(config.model)).map { problem in
                ConfigCheck.problem(problem.message, at: ConfigPath.root.appending("model").appending(problem.key))
            }
        },
    ]

    /// "More than 20 buffers": the repeats (or blocks) to drop, fewest first from the most repeated block.
    static func tooManyBuffers(_ architecture: MixedNetArchitecture, _ buffers: Int) -> Problem {
        let limit = DeviceLimits.maxResourceVariables
        let lead = "the model needs \(buffers) streaming buffers (one per temporal layer with memory) and ESPHome holds at most \(limit) resource variables per model"
        var repeats = architecture.blocks.map(\.repeats)
        var excess = buffers - limit
        let streams = architecture.blocks.map { ($0.kernelSizes.max() ?? 1) > 1 }
        while excess > 0 {
            guard let block = repeats.indices.filter({ streams[$0] && repeats[$0] > 1 }).max(by: { repeats[$0] < repeats[$1] }) else { break }
            repeats[block] -= 1
            excess -= 1
        }
        if excess <= 0 {
            return Problem(key: "repeat_in_block", message: "\(lead): use repeat_in_block: [\(repeats.map(String.init).joined(separator: ", "))] (\(limit) buffers)")
        }
        let streamingBlocks = streams.filter { $0 }.count
        return Problem(key: "pointwise_filters", message: "\(lead): use repeat_in_block of 1 and at most \(streamingBlocks - excess) blocks whose kernels are longer than 1 (one block per entry of pointwise_filters, mixconv_kernel_sizes, repeat_in_block and residual_connection)")
    }
}
