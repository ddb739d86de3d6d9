import Config
import Device
import Foundation

/// `wakesmith doctor`: everything wakesmith needs from the machine, each with a fix.
public enum Doctor {
    /// All checks; with a configuration, also free disk for its work folder and stores.
    public static func run(config: WakesmithConfig? = nil) -> [DoctorCheck] {
        var checks = [MachineChecks.cores()]
        checks += LibraryChecks.all()
        checks += ProgramChecks.all()
        checks.append(esphome())
        checks.append(serialPorts())
        if let config {
            checks.append(MachineChecks.disk(folder: config.features.workDirectory, neededBytes: estimatedBytes(config)))
        }
        return checks
    }

    /// ESPHome in its own environment: needed by `device flash`, `compat --judge` and `verify --esphome`.
    static func esphome() -> DoctorCheck {
        if let tool = ESPHomeTool.installed() {
            return DoctorCheck("esphome", .ok, found: "\(tool.release) at \(tool.executable.path)")
        }
        let python = ESPHomeTool.findPython()
        let fix = python.map { "\($0) -m venv \(ESPHomeTool.defaultEnvironment.path) && \(ESPHomeTool.defaultEnvironment.path)/bin/pip install esphome" }
            ?? "install Python 3.12 or newer, then pip install esphome into \(ESPHomeTool.defaultEnvironment.path)"
        return .optional("esphome", passed: false, found: "not installed", fix: "for the device and the manifest judge: \(fix)")
    }

    /// Serial ports, with ESP32 boards recognised by their USB IDs.
    static func serialPorts() -> DoctorCheck {
        guard let ports = try? SerialPortListing.ports() else {
            return .optional("serial ports", passed: false, found: "cannot list", fix: "check permissions on /dev/tty*")
        }
        let boards = ports.filter { $0.bridge != nil }
        if boards.isEmpty {
            return .optional("ESP32 board", passed: false, found: "\(ports.count) serial ports, no ESP32 among them",
                             fix: "only for `device …`: plug the board in by USB (and add yourself to the dialout group)")
        }
        let list = boards.map { "\($0.path) (\($0.usbIDs ?? "?"))" }.joined(separator: ", ")
        return DoctorCheck("ESP32 board", .ok, found: list)
    }

    /// Stores as the features stage writes them: uint16 frames of 40 channels, 100 per second, per slide and
    /// repetition of each training clip, plus 1 GB of headroom; files counted in the dataset folder.
    static func estimatedBytes(_ config: WakesmithConfig) -> Double {
        let files = countAudioFiles(in: config.dataset.root)
        let frames = config.features.clipDurationSeconds * 100
        let perClip = frames * 40 * 2 * Double(config.features.repetitions.training * config.features.slideFrames.training)
        return Double(files) * perClip + 1e9
    }

    static func countAudioFiles(in folder: String) -> Int {
        guard let walker = FileManager.default.enumerator(atPath: folder) else { return 0 }
        var count = 0
        for case let name as String in walker where name.hasSuffix(".wav") || name.hasSuffix(".flac") { count += 1 }
        return count
    }
}
