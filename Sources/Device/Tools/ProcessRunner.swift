import Foundation
import Support

/// Runs external programs (ESPHome, esptool): to completion with captured output, or with output passed
/// through to the user's terminal.
enum ProcessRunner {
    struct Result {
        var status: Int32
        var output: String
        var error: String
    }

    /// Runs to completion, capturing both streams; kills the program after `timeout` seconds.
    static func run(_ executable: String, _ arguments: [String], in folder: URL? = nil, timeout: Double = 600) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        var environment = ProcessInfo.processInfo.environment
        environment["ESPHOME_NO_VENV"] = "1"
        process.environment = environment
        let output = Pipe(), error = Pipe()
        process.standardOutput = output
        process.standardError = error
        process.standardInput = FileHandle.nullDevice
        do { try process.run() } catch { throw Failure("cannot run \(executable): \(error.localizedDescription)") }
        let group = DispatchGroup()
        nonisolated(unsafe) var errorData = Data()
        group.enter()
        DispatchQueue.global().async {
            errorData = error.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let timer = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        timer.cancel()
        return Result(status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
                      error: String(decoding: errorData, as: UTF8.self))
    }

    /// Runs with the output going to this process's standard error (long builds the user watches); returns
    /// the exit status.
    static func runVisibly(_ executable: String, _ arguments: [String], in folder: URL? = nil) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let folder { process.currentDirectoryURL = folder }
        var environment = ProcessInfo.processInfo.environment
        environment["ESPHOME_NO_VENV"] = "1"
        process.environment = environment
        process.standardOutput = FileHandle.standardError
        process.standardError = FileHandle.standardError
        do { try process.run() } catch { throw Failure("cannot run \(executable): \(error.localizedDescription)") }
        process.waitUntilExit()
        return process.terminationStatus
    }
}

/// Running the external tools a command drives (ESPHome, esptool) with their output on the terminal.
public enum ExternalCommand {
    /// Runs `command` (program, then arguments) in `folder`; returns its exit status.
    public static func runVisibly(_ command: [String], in folder: URL? = nil) throws -> Int32 {
        guard let program = command.first else { return 0 }
        return try ProcessRunner.runVisibly(program, Array(command.dropFirst()), in: folder)
    }
}
