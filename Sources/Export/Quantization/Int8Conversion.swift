import TFLiteFormat

/// A trained network → its int8 streaming TFLite model: the streaming graph, its calibration on
/// representative clips, the quantization plan and the TFLite model value (serialize it with
/// `model.serialized()`).
public struct Int8Conversion: Sendable {
    public let graph: StreamingGraph
    public let calibration: Calibration
    public let plan: QuantizationPlan
    public let model: TFLiteModel

    /// `representative`: whole clips of float features (40 per frame), streamed in order from fresh state,
    /// at most `maximumSteps` steps in total.
    public init(network: FoldedMixedNet, representative: [[Float]], maximumSteps: Int,
                progress: ((Int) -> Void)? = nil) throws(ExportError)
    {
        graph = StreamingGraph(network)
        calibration = Calibration(graph: graph, clips: representative, maximumSteps: maximumSteps, progress: progress)
        guard calibration.steps > 0 else { throw .noRepresentativeData(stride: graph.stride) }
        plan = QuantizationPlan(graph: graph, calibration: calibration)
        model = TFLiteLowering.model(graph, plan)
    }
}
