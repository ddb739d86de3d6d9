import Foundation
import Support

/// An ESPHome project for the firmware harness: `harness.yaml` from the template, the component, and the models
/// under `models/`. `esphome config|compile|run harness.yaml` builds it.
public struct HarnessProject: Sendable {
    public let folder: URL
    public let board: HarnessBoard
    public let esphome: String
    public let models: [HarnessModel]

    public var configuration: URL { folder.appendingPathComponent("harness.yaml") }

    /// Writes the project into `folder` (created if needed; files of an earlier project there are replaced,
    /// ESPHome's build cache `.esphome/` is kept).
    public static func write(to folder: URL, board: HarnessBoard, esphome: String, manifests: [URL],
                             harness: URL) throws -> HarnessProject
    {
        guard !manifests.isEmpty else { throw Failure("give at least one model manifest") }
        var models: [HarnessModel] = []
        for manifest in manifests {
            var model = try HarnessModel(manifest: manifest)
            var suffix = 2
            let base = model.id
            while models.contains(where: { $0.id == model.id }) {
                model.id = "\(base)_\(suffix)"
                suffix += 1
            }
            models.append(model)
        }
        let project = HarnessProject(folder: folder, board: board, esphome: esphome, models: models)
        try project.writeFiles(harness: harness)
        return project
    }

    private func writeFiles(harness: URL) throws {
        let manager = FileManager.default
        let component = folder.appendingPathComponent("components/wakesmith_harness")
        let modelFolder = folder.appendingPathComponent("models")
        do {
            try? manager.removeItem(at: component)
            try? manager.removeItem(at: modelFolder)
            try manager.createDirectory(at: component, withIntermediateDirectories: true)
            try manager.createDirectory(at: modelFolder, withIntermediateDirectories: true)
        } catch {
            throw Failure("cannot create \(folder.path): \(error.localizedDescription)")
        }
        for file in try HarnessFiles.componentFiles(in: harness) {
            try copy(file, to: component.appendingPathComponent(file.lastPathComponent))
        }
        for model in models {
            // Each model gets its id as file name, so two manifests called alike cannot collide.
            guard var manifest = try? JSONValue(parsing: [UInt8](manager.contents(atPath: model.manifest.path) ?? Data())),
                  case let .object(pairs) = manifest
            else { throw Failure("cannot read \(model.manifest.path)") }
            manifest = .object(pairs.map { $0.key == "model" ? (key: "model", value: .string("\(model.id).tflite")) : $0 })
            try write(manifest.serialized(indent: 2) + "\n", to: modelFolder.appendingPathComponent("\(model.id).json"))
            try copy(model.tflite, to: modelFolder.appendingPathComponent("\(model.id).tflite"))
        }
        let template: String
        do { template = try String(contentsOf: harness.appendingPathComponent("harness.yaml.template"), encoding: .utf8) } catch {
            throw Failure("cannot read the harness template in \(harness.path)")
        }
        try write(render(template), to: configuration)
    }

    /// The template with this project's values.
    func render(_ template: String) -> String {
        let modelLines = models.map { "    - model: models/\($0.id).json\n      id: \($0.id)\n      internal: true" }
        let harnessLines = models.map { "    - model: \($0.id)\n      hash: \"\($0.hash)\"" }
        let values = [
            "board_name": board.displayName, "esphome": esphome, "board": board.platformBoard,
            "logger": board.loggerBlock, "tx_pin": board.transmitPin, "rx_pin": board.receivePin,
            "harness_board": board.rawValue, "models": modelLines.joined(separator: "\n"),
            "harness_models": harnessLines.joined(separator: "\n"),
        ]
        var text = template
        for (key, value) in values { text = text.replacingOccurrences(of: "{{\(key)}}", with: value) }
        return text
    }

    private func copy(_ source: URL, to destination: URL) throws {
        guard let data = FileManager.default.contents(atPath: source.path) else { throw Failure("cannot read \(source.path)") }
        try AtomicFile.write(data, to: destination.path)
    }

    private func write(_ text: String, to destination: URL) throws {
        try AtomicFile.write(text, to: destination.path)
    }
}
