import Foundation
import PackagePlugin

/// Embeds the presets in `configs/*.yaml` into the `Config` module at build time (see PresetEmbedder).
@main
struct EmbedPresets: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let folder = context.package.directoryURL.appending(path: "configs")
        let presets = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "yaml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        let output = context.pluginWorkDirectoryURL.appending(path: "EmbeddedPresets.swift")
        return [
            .buildCommand(displayName: "Embedding presets from configs/",
                          executable: try context.tool(named: "PresetEmbedder").url,
                          arguments: [output.path] + presets.map(\.path),
                          inputFiles: presets,
                          outputFiles: [output]),
        ]
    }
}
