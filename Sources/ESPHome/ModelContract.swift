/// What the firmware checks about a model's tensors when it loads it (`StreamingModel::load_model_`), and
/// what it assumes without checking (SPEC §2; esphome_consumer.md §2.3).
public enum ModelContract {
    /// Input 0: int8, rank 3, [1, stride, 40] (stride ≤ 255); before 2024.7 the stride had to be 1.
    public static func inputProblems(type: String, shape: [Int], release: ReleaseBehaviour? = nil) -> [String] {
        var problems: [String] = []
        if type != "int8" { problems.append("input 0 is \(type); the firmware feeds int8 (\"Streaming model tensor input is not int8\")") }
        if shape.count != 3 || shape[0] != 1 || shape[2] != DeviceLimits.featureCount {
            problems.append("input 0 has shape \(shape); the firmware needs [1, stride, \(DeviceLimits.featureCount)] (\"input dimensions has improper dimensions\")")
        } else if !(1 ... DeviceLimits.maxStride).contains(shape[1]) {
            problems.append("input 0 has stride \(shape[1]); it must be 1–\(DeviceLimits.maxStride)")
        } else if let release, release.firstRelease < ReleaseTable.firstV2Release, shape[1] != 1 {
            problems.append("input 0 has stride \(shape[1]); ESPHome before 2024.7 feeds one frame per inference ([1, 1, 40])")
        }
        return problems
    }

    /// Output 0: uint8 of shape [1, 1].
    public static func outputProblems(type: String, shape: [Int]) -> [String] {
        var problems: [String] = []
        if type != "uint8" { problems.append("output 0 is \(type); the firmware reads uint8 (\"Streaming model tensor output is not uint8\")") }
        if shape != [1, 1] { problems.append("output 0 has shape \(shape); the firmware needs [1, 1] (\"output dimension is not 1x1\")") }
        return problems
    }

    /// The input quantization every official model has and the firmware's integer feature mapping assumes:
    /// scale 26/255, zero point −128. The firmware ignores the tensor's own parameters.
    public static let expectedInputScale: Float = 26.0 / 255.0
    public static let expectedInputZeroPoint: Int32 = -128
    /// Relative tolerance on the input scale before the model sees differently scaled features.
    public static let inputScaleTolerance: Float = 0.01
    /// The output quantization of the official models; the firmware reads probability as raw / 255.
    public static let expectedOutputScale: Float = 1.0 / 256.0
    public static let expectedOutputZeroPoint: Int32 = 0
}
