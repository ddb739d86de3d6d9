import Foundation
import Support

/// A MixedNet's variables in one file: what training writes (`best.weights`, `last.weights`) and what the
/// exporter and the Keras parity fixtures read.
///
/// Layout, all little-endian:
///
///     "WSWEIGHT"                      8 bytes
///     header length H                 UInt64
///     header                          H bytes of UTF-8 JSON:
///         {"format": 1, "architecture": {model keys}, "variables": [{"name", "shape", "offset"}, ...],
///          "metadata": {...}}
///     zero padding to a multiple of 64 bytes from the file start
///     data                            float32 values; a variable's `offset` counts floats from here
///
/// Variables carry the Keras names (`block0_bn/moving_variance`) and shapes; batch norm is stored unfolded
/// (γ, β, moving mean and variance), so training can continue from the file and export can fold it.
public enum MixedNetWeightsFile {
    static let magic = Array("WSWEIGHT".utf8)
    static let alignment = 64

    /// The contents of a weights file.
    public struct Contents: Sendable {
        public var architecture: MixedNetArchitecture
        /// Values by variable name, each in its Keras shape, row-major.
        public var variables: [String: [Float]]
        /// Shapes by variable name.
        public var shapes: [String: [Int]]
        /// Free-form facts stored with the weights (step, metrics).
        public var metadata: JSONValue
    }

    /// Writes every variable of `model` atomically.
    public static func write(_ model: MixedNet, to path: String, metadata: JSONValue = .object([])) throws(FileError) {
        try write(architecture: model.architecture,
                  arrays: model.parameters.map { (name: $0.name, shape: $0.shape, values: $0.value.buffer) },
                  metadata: metadata, to: path)
    }

    /// Writes named arrays (each `values.count` = product of `shape`) atomically and durably: model weights,
    /// and training checkpoints, which add the optimizer's moments.
    public static func write(architecture: MixedNetArchitecture,
                             arrays: [(name: String, shape: [Int], values: UnsafeMutableBufferPointer<Float>)],
                             metadata: JSONValue, to path: String) throws(FileError)
    {
        var entries: [JSONValue] = []
        var offset = 0
        for array in arrays {
            entries.append(.object([
                (key: "name", value: .string(array.name)),
                (key: "shape", value: .array(array.shape.map { .integer($0) })),
                (key: "offset", value: .integer(offset)),
            ]))
            offset += array.values.count
        }
        let header: JSONValue = .object([
            (key: "format", value: .integer(1)),
            (key: "architecture", value: architecture.json),
            (key: "variables", value: .array(entries)),
            (key: "metadata", value: metadata),
        ])
        let headerBytes = Array(header.serialized().utf8)
        var bytes = magic
        withUnsafeBytes(of: UInt64(headerBytes.count).littleEndian) { bytes += $0 }
        bytes += headerBytes
        bytes += [UInt8](repeating: 0, count: (alignment - bytes.count % alignment) % alignment)
        let dataStart = bytes.count
        bytes += [UInt8](repeating: 0, count: offset * 4)
        bytes.withUnsafeMutableBytes { raw in
            var position = dataStart
            for array in arrays {
                for value in array.values {
                    raw.storeBytes(of: value.bitPattern.littleEndian, toByteOffset: position, as: UInt32.self)
                    position += 4
                }
            }
        }
        let file = try AtomicFile(path: path)
        try file.write(bytes)
        try file.commit(durable: true)
    }

    /// Reads a weights file; errors name the file and what is wrong with it.
    public static func read(_ path: String) throws(Failure) -> Contents {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Failure("cannot read weights file \(path)", hint: "check the path (train writes <run_dir>/best.weights)")
        }
        let bytes = [UInt8](data)
        func bad(_ reason: String) -> Failure {
            Failure("\(path) is not a wakesmith weights file: \(reason)", hint: "train again to rewrite it")
        }
        guard bytes.count >= 16, Array(bytes[0 ..< 8]) == magic else { throw bad("wrong magic bytes") }
        let headerLength = bytes[8 ..< 16].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        guard headerLength > 0, 16 + headerLength <= bytes.count else { throw bad("truncated header") }
        let header: JSONValue
        do {
            header = try JSONValue(parsing: Array(bytes[16 ..< 16 + headerLength]))
        } catch {
            throw bad(error.message)
        }
        guard header["format"]?.integerValue == 1 else { throw bad("unknown format version") }
        guard let architectureJSON = header["architecture"] else { throw bad("no architecture") }
        let architecture = try MixedNetArchitecture(json: architectureJSON)
        let dataStart = (16 + headerLength + alignment - 1) / alignment * alignment
        let floatCount = (bytes.count - dataStart) / 4
        var variables: [String: [Float]] = [:], shapes: [String: [Int]] = [:]
        for entry in header["variables"]?.arrayValue ?? [] {
            guard let name = entry["name"]?.stringValue, let offset = entry["offset"]?.integerValue,
                  let shapeItems = entry["shape"]?.arrayValue
            else { throw bad("a variable entry lacks name, shape or offset") }
            let shape = shapeItems.compactMap(\.integerValue)
            guard shape.count == shapeItems.count, shape.allSatisfy({ $0 >= 0 }) else { throw bad("bad shape of \(name)") }
            let count = shape.reduce(1, *)
            guard offset >= 0, offset + count <= floatCount else { throw bad("\(name) lies outside the data") }
            var values = [Float](repeating: 0, count: count)
            for i in 0 ..< count {
                let p = dataStart + 4 * (offset + i)
                let bits = UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24
                values[i] = Float(bitPattern: bits)
            }
            variables[name] = values
            shapes[name] = shape
        }
        return Contents(architecture: architecture, variables: variables, shapes: shapes,
                        metadata: header["metadata"] ?? .object([]))
    }

    /// A model built from a weights file.
    public static func load(_ path: String) throws(Failure) -> MixedNet {
        let contents = try read(path)
        let model = try MixedNet(contents.architecture)
        try model.assign(contents, source: path)
        return model
    }
}

extension MixedNet {
    /// Sets every variable from `contents` (same architecture; every variable present with its shape).
    public func assign(_ contents: MixedNetWeightsFile.Contents, source: String) throws(Failure) {
        guard contents.architecture == architecture else {
            throw Failure("\(source) holds a model of another shape than the configuration's",
                          hint: "use the configuration it was trained with, or train again")
        }
        for parameter in parameters {
            guard let values = contents.variables[parameter.name] else {
                throw Failure("\(source) has no variable \(parameter.name)", hint: "train again to rewrite it")
            }
            guard contents.shapes[parameter.name] == parameter.shape, values.count == parameter.count else {
                throw Failure("\(source): \(parameter.name) has shape \(contents.shapes[parameter.name] ?? []), "
                    + "expected \(parameter.shape)", hint: "train again to rewrite it")
            }
            parameter.value.assign(values)
        }
    }
}
