import Device
import Foundation
import Support

/// `wakesmith device flash --port P MODEL.json... [--esphome V] [--dry-run]`
struct DeviceFlashCommand: Command {
    static let path = ["device", "flash"]
    static let abstract = "build the firmware harness with these models and upload it (a virtual device loads them)"
    static let discussion = """
        Writes an ESPHome project for the harness (firmware-harness/: micro_wake_word runs the models \
        unchanged on audio from the serial link), builds it with ESPHome V (default: the installed one; at \
        least \(FirmwareHarness.minimumESPHome)), uploads it through PORT, and checks that the device then \
        answers with these models and that release. The board (ESP32-S3 or ESP32) is what esptool finds on \
        PORT, or WAKESMITH_HARNESS_BOARD=esp32s3|esp32. ESPHome lives in its own environment \
        (~/.cache/wakesmith/esphome-V, made on first use; the first build downloads its toolchains). \
        --dry-run writes the project and prints every command instead of running it. A virtual device's \
        link (`device simulate --link PATH`) loads the manifests instead.
        """
    static let options: [Option] = [
        .value("port", "P", "the board's serial port (`device list`), or a virtual device's link"),
        .value("esphome", "V", "the ESPHome release to build with (e.g. 2026.10.0)"),
        .flag("dry-run", "write the project and print what would run, without building or uploading"),
    ]
    static let arguments = [Argument("MODEL.json", "the manifests of the models to put on the device", count: 1 ... Int.max)]

    static func run(_ parsed: ParsedArguments) throws -> Int32 {
        let port = try parsed.required("port")
        let manifests = parsed.positional.map { URL(fileURLWithPath: $0).standardizedFileURL }
        let dryRun = parsed.flag("dry-run")
        let flasher = HarnessFlasher(port: port, manifests: manifests, release: parsed.value("esphome"))
        let models = try manifests.map { try HarnessModel(manifest: $0) }
        if flasher.isVirtual {
            let release = try flasher.checkedRelease()
            if dryRun {
                printOut("would load into the virtual device at \(port), as ESPHome \(release):")
                for model in models { printOut("  \(model.manifest.path) (\(model.wakeWord), hash \(model.hash))") }
                return 0
            }
            let session = DeviceSession(transport: try Transports.open(port))
            try session.connect()
            let identity = try session.load(manifests: manifests.map(\.path), esphome: release)
            try DeviceChecks.expect(identity, runs: models, release: release, port: port)
            printOut("\(port): virtual device runs \(identity.models.map(\.id).joined(separator: ", ")) as ESPHome \(identity.esphome)")
            return 0
        }
        let release = try flasher.checkedRelease()
        if !dryRun, !FileManager.default.fileExists(atPath: port) {
            throw TransportError(path: port, reason: "no such port", hint: "`wakesmith device list` shows the serial ports")
        }
        let detected = flasher.board(detect: !dryRun)
        guard let board = detected.board ?? (dryRun ? .esp32s3 : nil) else {
            throw Failure("cannot tell which chip is on \(port) (\(detected.how))",
                          hint: "set WAKESMITH_HARNESS_BOARD=esp32s3 or esp32")
        }
        let folder = flasher.projectFolder(board: board, release: release, models: models)
        let project = try HarnessProject.write(to: folder, board: board, esphome: release, manifests: manifests,
                                               harness: try HarnessFiles.locate())
        let tool = ESPHomeTool.installed(release: release)
        let esphome = tool?.executable.path ?? ESPHomeTool.environment(for: release).appendingPathComponent("bin/esphome").path
        var commands: [[String]] = []
        if tool == nil {
            guard let python = ESPHomeTool.findPython() else {
                throw Failure("ESPHome \(release) is not installed and no Python 3.12 or newer was found to install it",
                              hint: "install python3.12, or set WAKESMITH_ESPHOME_PYTHON to one")
            }
            commands += ESPHomeTool.installCommands(release: release, python: python)
        }
        let upload = [esphome, "run", "harness.yaml", "--device", port, "--no-logs"]
        commands.append(upload)
        printError("board: \(board.displayName) (\(detected.board == nil ? "assumed for the dry run" : detected.how))")
        printError("project: \(project.folder.path) (ESPHome \(release), \(models.count) model(s))")
        if dryRun {
            printOut("# wakesmith device flash --dry-run: the project is written; these would run:")
            if detected.board == nil {
                printOut("\(esphome.replacingOccurrences(of: "/bin/esphome", with: "/bin/esptool")) --port \(port) chip-id"
                    + "   # which chip (the project above assumes ESP32-S3; WAKESMITH_HARNESS_BOARD=esp32 for a plain ESP32)")
            }
            for command in commands {
                let line = command.map { $0.contains(" ") ? "'\($0)'" : $0 }.joined(separator: " ")
                printOut(command == upload ? "(cd \(project.folder.path) && \(line))" : line)
            }
            printOut("# then: check that \(port) answers HELLO esphome=\(release) with models \(models.map(\.id).joined(separator: ","))")
            return 0
        }
        for command in commands {
            let status = try ExternalCommand.runVisibly(command, in: command == upload ? project.folder : nil)
            guard status == 0 else {
                throw Failure("`\(command.prefix(3).joined(separator: " "))` failed (exit \(status))",
                              hint: command == upload ? "its output above says why; the first build needs the network" : nil)
            }
        }
        printError("uploaded; waiting for the harness to answer on \(port)")
        Thread.sleep(forTimeInterval: 2)
        let session = DeviceSession(transport: try Transports.open(port))
        let identity = try session.connect()
        try DeviceChecks.expect(identity, runs: models, release: release, port: port)
        printOut("\(port): \(identity.board) runs \(identity.models.map(\.id).joined(separator: ", ")) on ESPHome \(identity.esphome)")
        return 0
    }
}
