/// The two metadata entries every model from TensorFlow's converter carries (shared/notes/tflite_tflm.md §2),
/// so that tools reading our files find the same structure. TFLite Micro ignores both.
///
/// - `min_runtime_version`: the oldest TFLite runtime that has every operator version the model uses, as
///   text NUL-padded to 16 bytes.
/// - `CONVERSION_METADATA`: a nested FlatBuffers table (`conversion_metadata.fbs`, no file identifier):
///   `ConversionMetadata { environment: Environment (0), options: ConversionOptions (1) }` with
///   `Environment { tensorflow_version (0), api_version (1), model_type (2), model_hash (3) }` and
///   `ConversionOptions { model_optimization_modes: [int] (0), … }`.
public enum ConverterMetadata {
    public static let minRuntimeVersionName = "min_runtime_version"
    public static let conversionMetadataName = "CONVERSION_METADATA"

    /// `ModelOptimizationMode` values of conversion_metadata.fbs.
    public enum OptimizationMode: Int32, Sendable {
        case postTrainingFloat16 = 1001
        case postTrainingDynamicRange = 1002
        case postTrainingFullInteger = 1003
        case postTrainingInt16 = 1004
        case quantizationAwareTraining = 2000
    }

    /// The `min_runtime_version` buffer: `version` as UTF-8, NUL-padded to 16 bytes.
    public static func minRuntimeVersion(_ version: String) -> [UInt8] {
        let text = Array(version.utf8)
        return text + [UInt8](repeating: 0, count: max(16 - text.count, 1))
    }

    /// The `CONVERSION_METADATA` buffer. The environment table is left empty unless a TensorFlow version is
    /// given: a model written without TensorFlow does not claim one (model type NONE, API version unset).
    public static func conversionMetadata(optimizationModes: [OptimizationMode], tensorflowVersion: String? = nil) -> [UInt8] {
        var builder = FlatBufferBuilder()
        let modes = builder.vector(optimizationModes.map(\.rawValue))
        builder.startTable()
        builder.add(0, modes)
        let options = builder.endTable()
        let version = tensorflowVersion.map { builder.string($0) }
        builder.startTable()
        builder.add(0, version)
        let environment = builder.endTable()
        builder.startTable()
        builder.add(1, options)
        builder.add(0, environment)
        let root = builder.endTable()
        return builder.finish(root: root, identifier: "")
    }

    /// The optimisation modes recorded in a `CONVERSION_METADATA` buffer (bounds-checked).
    public static func optimizationModes(in bytes: [UInt8]) throws(TFLiteFormatError) -> [Int32] {
        let reader = FlatBufferReader(bytes)
        let root = try reader.table(at: try reader.follow(0, "the conversion metadata"), "the conversion metadata")
        guard let options = try root.table(1, "conversion options") else { return [] }
        return try options.int32Array(0, "optimization modes") ?? []
    }
}

extension TFLiteModel {
    /// Adds a metadata entry `name` whose bytes go into a new buffer at the end of the buffer table.
    public mutating func appendMetadata(name: String, bytes: [UInt8]) {
        buffers.append(Buffer(data: bytes))
        metadata = (metadata ?? []) + [Metadata(name: name, buffer: UInt32(buffers.count - 1))]
    }

    /// The bytes of metadata entry `name`, if the model has it.
    public func metadataBytes(named name: String) -> [UInt8]? {
        guard let entry = metadata?.first(where: { $0.name == name }), Int(entry.buffer) < buffers.count else { return nil }
        return buffers[Int(entry.buffer)].data
    }
}
