import Foundation

extension TFLiteModel {
    /// Reads a model from the bytes of a .tflite file. Every offset and length is checked: a truncated,
    /// corrupted or hostile file throws `TFLiteFormatError`, it never traps.
    public init(bytes: [UInt8]) throws(TFLiteFormatError) {
        let reader = FlatBufferReader(bytes)
        let root = try reader.root()
        version = try root.uint32(0)
        operatorCodes = try root.tables(1, "operator code") { table, _ throws(TFLiteFormatError) in
            try OperatorCode(table)
        } ?? []
        subgraphs = try root.tables(2, "subgraph") { table, index throws(TFLiteFormatError) in
            try Subgraph(table, index: index)
        } ?? []
        description = try root.string(3, "the model description")
        buffers = try root.tables(4, "buffer") { table, _ throws(TFLiteFormatError) in
            Buffer(data: try table.byteArray(0, "buffer data"), offset: try table.uint64(1), size: try table.uint64(2))
        } ?? []
        metadataBuffer = try root.int32Array(5, "the metadata buffer list")
        metadata = try root.tables(6, "metadata entry") { table, _ throws(TFLiteFormatError) in
            Metadata(name: try table.string(0, "metadata name"), buffer: try table.uint32(1))
        }
        signatureDefs = try root.tables(7, "signature") { table, _ throws(TFLiteFormatError) in
            try SignatureDef(table)
        }
    }

    /// Reads the .tflite file at `url`.
    public init(contentsOf url: URL) throws(TFLiteModelFileError) {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw .unreadable(path: url.path, reason: (error as NSError).localizedDescription)
        }
        do {
            try self.init(bytes: [UInt8](data))
        } catch {
            throw .malformed(path: url.path, error)
        }
    }

    /// The file identifier stored at bytes 4–7 of `bytes` (`TFL3` for a TFLite file), if printable.
    public static func fileIdentifier(of bytes: [UInt8]) -> String? {
        FlatBufferReader(bytes).fileIdentifier
    }
}

/// Why a .tflite file on disk could not be read.
public enum TFLiteModelFileError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case malformed(path: String, TFLiteFormatError)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): "\(path): cannot read the model file (\(reason))"
        case let .malformed(path, error): "\(path): \(error.message)"
        }
    }
}

extension OperatorCode {
    init(_ table: FlatTable) throws(TFLiteFormatError) {
        self.init(deprecatedBuiltinCode: try table.int8(0), customCode: try table.string(1, "custom operator name"),
                  version: try table.int32(2, default: 1), builtinCode: try table.int32(3))
    }
}

extension Subgraph {
    init(_ table: FlatTable, index: Int) throws(TFLiteFormatError) {
        let prefix = "subgraph \(index)"
        tensors = try table.tables(0, "\(prefix) tensor") { tensor, _ throws(TFLiteFormatError) in try Tensor(tensor) } ?? []
        inputs = try table.int32Array(1, "\(prefix) inputs") ?? []
        outputs = try table.int32Array(2, "\(prefix) outputs") ?? []
        operators = try table.tables(3, "\(prefix) operator") { op, _ throws(TFLiteFormatError) in try Operator(op) } ?? []
        name = try table.string(4, "\(prefix) name")
    }
}

extension Tensor {
    init(_ table: FlatTable) throws(TFLiteFormatError) {
        shape = try table.int32Array(0, "\(table.name) shape")
        type = TensorType(rawValue: try table.int8(1))
        buffer = try table.uint32(2)
        name = try table.string(3, "\(table.name) name")
        quantization = try table.table(4, "\(table.name) quantization").map { q throws(TFLiteFormatError) in
            Quantization(min: try q.floatArray(0, "quantization min"), max: try q.floatArray(1, "quantization max"),
                         scale: try q.floatArray(2, "quantization scale"),
                         zeroPoint: try q.int64Array(3, "quantization zero point"), detailsType: try q.uint8(4),
                         quantizedDimension: try q.int32(6))
        }
        isVariable = try table.bool(5)
        shapeSignature = try table.int32Array(7, "\(table.name) shape signature")
        hasRank = try table.bool(8)
    }
}

extension Operator {
    init(_ table: FlatTable) throws(TFLiteFormatError) {
        opcodeIndex = try table.uint32(0)
        inputs = try table.int32Array(1, "\(table.name) inputs") ?? []
        outputs = try table.int32Array(2, "\(table.name) outputs") ?? []
        let type = try table.uint8(3)
        let optionsTable = type == 0 ? nil : try table.table(4, "\(table.name) options")
        options = try BuiltinOptions(type: type, table: optionsTable)
        customOptions = try table.byteArray(5, "\(table.name) custom options")
        mutatingVariableInputs = try table.boolArray(7, "\(table.name) mutating variable inputs")
        intermediates = try table.int32Array(8, "\(table.name) intermediates")
    }
}

extension SignatureDef {
    init(_ table: FlatTable) throws(TFLiteFormatError) {
        let map = { (entry: FlatTable, _: Int) throws(TFLiteFormatError) -> TensorMap in
            TensorMap(name: try entry.string(0, "signature tensor name"), tensorIndex: try entry.uint32(1))
        }
        self.init(inputs: try table.tables(0, "signature input", map), outputs: try table.tables(1, "signature output", map),
                  signatureKey: try table.string(2, "signature key"), subgraphIndex: try table.uint32(4))
    }
}
