import TFLiteFormat

/// One TFLite Micro kernel: `prepare` checks the operator as TFLM's Prepare does (failing where TFLM
/// fails, refusing where TFLM would run with undefined behaviour) and returns the operation ready to run;
/// all quantization parameters are computed there, once.
protocol Kernel: Sendable {
    static func prepare(_ node: Node, _ graph: inout GraphBuilder) throws(EmulatorError) -> any PreparedOperation
}

/// A prepared operator: runs one step on the runtime's memory. Never fails (everything that could fail
/// was checked in `prepare`).
protocol PreparedOperation {
    func invoke(_ runtime: Runtime)
}

/// The kernels of ESPHome's 20 operators, by operator code.
enum KernelRegistry {
    static let kernels: [BuiltinOperator: any Kernel.Type] = [
        .callOnce: CallOnceKernel.self,
        .varHandle: VarHandleKernel.self,
        .readVariable: ReadVariableKernel.self,
        .assignVariable: AssignVariableKernel.self,
        .reshape: ReshapeKernel.self,
        .stridedSlice: StridedSliceKernel.self,
        .concatenation: ConcatenationKernel.self,
        .conv2D: Conv2DKernel.self,
        .depthwiseConv2D: DepthwiseConv2DKernel.self,
        .fullyConnected: FullyConnectedKernel.self,
        .logistic: LogisticKernel.self,
        .quantize: QuantizeKernel.self,
        .mul: MulKernel.self,
        .add: AddKernel.self,
        .mean: MeanKernel.self,
        .averagePool2D: AveragePool2DKernel.self,
        .maxPool2D: MaxPool2DKernel.self,
        .pad: PadKernel.self,
        .pack: PackKernel.self,
        .splitV: SplitVKernel.self,
    ]
}
