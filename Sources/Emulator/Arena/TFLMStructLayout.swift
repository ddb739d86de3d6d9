/// The sizes and alignments of everything TFLite Micro places in the tensor arena, for one build of TFLM.
/// Measured by compiling TFLM's own headers (`sizeof`/`alignof` under `TF_LITE_STATIC_MEMORY`) for each
/// target; see `README.md` ("Arena prediction") for how, and the host trace that confirmed them.
struct TFLMStructLayout: Sendable {
    /// sizeof(void*) and sizeof(size_t).
    var pointer: Int
    // Allocator objects created in the tail by `Create`.
    var arenaAllocator: Int
    var memoryPlanner: Int
    var microAllocator: Int
    var builtinDataAllocator: Int
    var subgraphAllocations: Int
    var evalTensor: Int
    var nodeAndRegistration: Int
    var tfLiteTensor: Int
    var affineQuantization: Int
    var scratchBufferRequest: Int
    var scratchBufferHandle: Int
    var allocationInfo: Int
    var resourceVariables: Int
    var resourceVariable: Int
    /// `alignof` of the pointer-holding structs (4 on ILP32, 8 on LP64).
    var structAlignment: Int
    /// Builtin parameter structs (`TfLite*Params`) by operator: (size, alignment); absent = not allocated.
    var builtinParameters: [String: (Int, Int)]
    /// Kernel `OpData` allocated by `Init` (16-byte aligned persistent buffers), by operator.
    var operatorData: [String: Int]
    /// Whether MEAN requests TFLM's three scratch buffers (upstream) or one (esp-tflite-micro 1.3.3).
    var meanRequestsThreeScratchBuffers: Bool

    /// The `tflite-micro` Python package (upstream TFLM, 2026-10 wheel) on x86-64: `RecordingMicroAllocator`,
    /// compression support compiled in, `TfLiteFullyConnectedParams` of 32 bytes in that wheel (traced).
    static let pythonHost64 = TFLMStructLayout(
        pointer: 8, arenaAllocator: 104, memoryPlanner: 72, microAllocator: 272, builtinDataAllocator: 16,
        subgraphAllocations: 24, evalTensor: 24, nodeAndRegistration: 64, tfLiteTensor: 64, affineQuantization: 24,
        scratchBufferRequest: 16, scratchBufferHandle: 8, allocationInfo: 32, resourceVariables: 16, resourceVariable: 40,
        structAlignment: 8,
        builtinParameters: [
            "CALL_ONCE": (4, 4), "VAR_HANDLE": (16, 8), "RESHAPE": (36, 4), "STRIDED_SLICE": (24, 4), "CONCATENATION": (8, 4),
            "CONV_2D": (28, 4), "DEPTHWISE_CONV_2D": (28, 4), "FULLY_CONNECTED": (32, 8), "SPLIT_V": (4, 4), "MEAN": (1, 1),
            "ADD": (8, 4), "MUL": (4, 4), "AVERAGE_POOL_2D": (40, 4), "MAX_POOL_2D": (40, 4), "PACK": (8, 4),
        ],
        operatorData: [
            "CALL_ONCE": 8, "VAR_HANDLE": 4, "ASSIGN_VARIABLE": 4, "CONCATENATION": 80, "STRIDED_SLICE": 84, "CONV_2D": 80,
            "DEPTHWISE_CONV_2D": 80, "FULLY_CONNECTED": 72, "LOGISTIC": 16, "QUANTIZE": 32, "ADD": 60, "MUL": 36,
            "AVERAGE_POOL_2D": 32, "MAX_POOL_2D": 32, "MEAN": 44, "PAD": 56,
        ],
        meanRequestsThreeScratchBuffers: true)

    /// esp-tflite-micro 1.3.3 as ESPHome builds it (32-bit Xtensa/RISC-V, `-DESP_NN`, no compression):
    /// `MicroAllocator` with the greedy planner; ESP-NN's DEPTHWISE_CONV_2D keeps an extra int in its node data.
    static let esp32 = TFLMStructLayout(
        pointer: 4, arenaAllocator: 36, memoryPlanner: 44, microAllocator: 36, builtinDataAllocator: 8,
        subgraphAllocations: 8, evalTensor: 12, nodeAndRegistration: 32, tfLiteTensor: 40, affineQuantization: 12,
        scratchBufferRequest: 12, scratchBufferHandle: 4, allocationInfo: 24, resourceVariables: 12, resourceVariable: 20,
        structAlignment: 4,
        builtinParameters: [
            "CALL_ONCE": (4, 4), "VAR_HANDLE": (8, 4), "RESHAPE": (36, 4), "STRIDED_SLICE": (24, 4), "CONCATENATION": (8, 4),
            "CONV_2D": (28, 4), "DEPTHWISE_CONV_2D": (28, 4), "FULLY_CONNECTED": (16, 4), "SPLIT_V": (4, 4), "MEAN": (1, 1),
            "ADD": (8, 4), "MUL": (4, 4), "AVERAGE_POOL_2D": (40, 4), "MAX_POOL_2D": (40, 4), "PACK": (8, 4),
        ],
        operatorData: [
            "CALL_ONCE": 8, "VAR_HANDLE": 4, "CONCATENATION": 24, "STRIDED_SLICE": 84, "CONV_2D": 56,
            "DEPTHWISE_CONV_2D": 60, "FULLY_CONNECTED": 48, "LOGISTIC": 16, "QUANTIZE": 32, "ADD": 60, "MUL": 36,
            "AVERAGE_POOL_2D": 32, "MAX_POOL_2D": 32, "MEAN": 40, "PAD": 56,
        ],
        meanRequestsThreeScratchBuffers: false)
}
