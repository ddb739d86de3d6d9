import Foundation
import Testing
import TestSupport
@testable import TFLiteFormat

/// What the writer produces reads back identically, and TFLite Micro reads it too.
@Suite struct WriterTests {
    @Test(.enabled(if: Repository.referenceModels != nil), arguments: ReferenceModelReadingTests.models)
    func officialModelsRoundTrip(name: String) throws {
        let model = try TFLiteModel(bytes: try ReferenceModelReadingTests.bytes(name))
        let bytes = model.serialized()
        #expect(TFLiteModel.fileIdentifier(of: bytes) == "TFL3")
        #expect(bytes.count % 16 == 0)
        let again = try TFLiteModel(bytes: bytes)
        #expect(again == model)
        #expect(again.serialized() == bytes) // deterministic
    }

    @Test func aHandBuiltModelRoundTrips() throws {
        var quantization = Quantization(scale: 0.5, zeroPoint: -3)
        quantization.min = [-1]
        let model = TFLiteModel(
            operatorCodes: [OperatorCode(.reshape), OperatorCode(.varHandle), OperatorCode(deprecatedBuiltinCode: 32, customCode: "X", version: 3, builtinCode: 32)],
            subgraphs: [Subgraph(
                tensors: [Tensor(shape: [1, 3], type: .int8, buffer: 1, name: "a", quantization: quantization),
                          Tensor(shape: [3], type: .int8, name: "b", isVariable: true, shapeSignature: [-1], hasRank: true),
                          Tensor(shape: nil, type: .resource)],
                inputs: [0], outputs: [1],
                operators: [Operator(opcodeIndex: 0, inputs: [0, -1], outputs: [1], options: .reshape(ReshapeOptions(newShape: [3]))),
                            Operator(opcodeIndex: 1, inputs: [], outputs: [2], options: .varHandle(VarHandleOptions(container: "", sharedName: "s"))),
                            Operator(opcodeIndex: 2, inputs: [], outputs: [], customOptions: [1, 2, 3], mutatingVariableInputs: [true], intermediates: [])],
                name: "main")],
            description: "hand built",
            buffers: [Buffer(), Buffer(data: [1, 2, 3]), Buffer(offset: 64, size: 8)],
            metadataBuffer: [1], metadata: [Metadata(name: "m", buffer: 1)],
            signatureDefs: [SignatureDef(inputs: [TensorMap(name: "in", tensorIndex: 0)], outputs: [], signatureKey: "k", subgraphIndex: 0)])
        let again = try TFLiteModel(bytes: model.serialized())
        #expect(again == model)
    }

    @Test func everyOptionsTableRoundTrips() throws {
        var conv = Conv2DOptions()
        conv.padding = .valid; conv.strideH = 3; conv.strideW = 1; conv.activation = .relu6; conv.dilationH = 2
        var depthwise = DepthwiseConv2DOptions()
        depthwise.depthMultiplier = 2; depthwise.dilationW = 3
        var pool = Pool2DOptions()
        pool.filterHeight = 2; pool.filterWidth = 3; pool.strideH = 2
        var fully = FullyConnectedOptions()
        fully.keepNumDims = true; fully.activation = .relu
        var slice = StridedSliceOptions()
        slice.beginMask = 13; slice.endMask = 15; slice.shrinkAxisMask = 2; slice.offset = true
        var add = AddOptions()
        add.potScaleInt16 = false
        let options: [BuiltinOptions] = [.conv2D(conv), .depthwiseConv2D(depthwise), .pool2D(pool), .fullyConnected(fully),
                                         .concatenation(ConcatenationOptions()), .add(add), .reshape(ReshapeOptions()),
                                         .mul(MulOptions()), .pad, .reducer(ReducerOptions(keepDims: true)), .stridedSlice(slice),
                                         .pack(PackOptions(valuesCount: 2, axis: -1)), .splitV(SplitVOptions(numSplits: 2)),
                                         .quantize, .callOnce(CallOnceOptions(initSubgraphIndex: 1)), .varHandle(VarHandleOptions()),
                                         .readVariable, .assignVariable, .none]
        let model = TFLiteModel(operatorCodes: [OperatorCode(.add)],
                                subgraphs: [Subgraph(tensors: [], inputs: [], outputs: [],
                                                     operators: options.map { Operator(opcodeIndex: 0, inputs: [], outputs: [], options: $0) })],
                                buffers: [Buffer()])
        let again = try TFLiteModel(bytes: model.serialized())
        #expect(again.subgraphs[0].operators.map(\.options) == options)
    }
}
