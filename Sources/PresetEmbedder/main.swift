// Build tool behind the EmbedPresets plugin: writes a Swift file holding the text of the preset YAML files
// (configs/*.yaml), so the `wakesmith` binary carries its presets wherever it is copied while the presets
// themselves exist once, in configs/, where the Python package reads them too.
//
// usage: PresetEmbedder OUTPUT.swift PRESET.yaml...
import Foundation

let arguments = CommandLine.arguments.dropFirst()
guard let output = arguments.first else {
    FileHandle.standardError.write(Data("usage: PresetEmbedder OUTPUT.swift PRESET.yaml...\n".utf8))
    exit(2)
}

/// A raw string literal that holds `text` unchanged: more `#`s than any run in the text.
func rawLiteral(_ text: String) -> String {
    var longest = 0, run = 0
    for character in text {
        run = character == "#" ? run + 1 : 0
        longest = max(longest, run)
    }
    let hashes = String(repeating: "#", count: longest + 1)
    return "\(hashes)\"\"\"\n\(text)\n\"\"\"\(hashes)"
}

var source = """
// Generated at build time by PresetEmbedder from configs/*.yaml; do not edit (edit the YAML files).

/// The preset files, by name (the file name without `.yaml`), in name order.
let embeddedPresets: [(name: String, text: String)] = [

"""
for path in arguments.dropFirst().sorted() {
    let name = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
        FileHandle.standardError.write(Data("PresetEmbedder: cannot read \(path)\n".utf8))
        exit(1)
    }
    // The literal drops the final newline before its closing delimiter; keep the file's own ending.
    source += "    (\"\(name)\", \(rawLiteral(text.hasSuffix("\n") ? String(text.dropLast()) : text)) + \(text.hasSuffix("\n") ? "\"\\n\"" : "\"\"")),\n"
}
source += "]\n"
do {
    try Data(source.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
} catch {
    FileHandle.standardError.write(Data("PresetEmbedder: cannot write \(output): \(error)\n".utf8))
    exit(1)
}
