import Foundation
import Reporting
import Support

extension DeviceTestRun {
    /// `device test --json` (SPEC §6): agreement, faults by kind, arena, and each file's outputs on both sides.
    public var json: JSONValue {
        let faultsObject = JSONValue.object(faults.byKind.map { ($0.kind, JSONValue.integer($0.count)) })
        let fileValues: [JSONValue] = files.map { file in
            let c = file.comparison
            let deviceRaw = file.device.inferences[file.deviceModel].map { JSONValue.integer(Int($0.raw)) }
            let hostRaw = file.host.inferences[0].map { JSONValue.integer(Int($0.raw)) }
            return .object([
                ("path", .string(file.path)), ("samples", .integer(file.samples)), ("agrees", .bool(c.agrees)),
                ("identical", .integer(c.identical)), ("total", .integer(c.total)),
                ("raw", .array(deviceRaw)), ("host_raw", .array(hostRaw)),
                ("detections", .array(c.deviceDetections.map(JSONValue.integer))),
                ("host_detections", .array(c.hostDetections.map(JSONValue.integer))),
                ("attempts", .integer(file.device.attempts)),
            ])
        }
        return .object([
            ("agreement", .object([("identical", .integer(identical)), ("total", .integer(total))])),
            ("faults", faultsObject),
            ("arena", .object([("device", deviceArena.map(JSONValue.integer) ?? .null), ("predicted", .integer(predictedArena))])),
            ("files", .array(fileValues)),
        ])
    }

    /// The lines `device test` prints without --json.
    public var lines: [String] {
        var lines = ["\(port): \(identity.board), ESPHome \(identity.esphome), model \(model.harness.id) (\(model.harness.hash))"]
        for file in files {
            lines.append("\(file.comparison.agrees ? "agree" : "DIFFER") \(file.path): \(file.comparison.summary)")
        }
        lines.append(acoustic ? "detections: \(files.filter(\.comparison.detectionsAgree).count)/\(files.count) files agree"
            : "outputs: \(identical)/\(total) identical")
        lines.append("arena: device \(deviceArena.map(String.init) ?? "not reported"), predicted \(predictedArena) (\(identity.board))")
        let seen = faults.byKind.filter { $0.count > 0 }
        lines.append("link: " + (seen.isEmpty ? "no faults" : seen.map { "\($0.kind) \($0.count)" }.joined(separator: ", ")))
        return lines
    }

    /// The report's section on the device: what ran where, agreement per file, arena, link faults.
    public var reportSection: ReportSection {
        var body = "<p>" + HTMLText.escape("\(identity.board) running ESPHome \(identity.esphome) (harness \(identity.harnessVersion)), "
            + "model \(model.harness.id) (\(model.harness.hash)), \(acoustic ? "played through the air to its microphone" : "audio streamed over the serial link").")
        body += " " + HTMLText.escape(agrees ? "The device agrees with the emulator on every file." : "The device DISAGREES with the emulator.") + "</p>\n"
        let rows = files.map { file -> [String] in
            let c = file.comparison
            return [file.path, String(format: "%.1f", Double(file.samples) / 16000), c.comparedOutputs ? "\(c.identical)/\(c.total)" : "–",
                    "\(c.deviceDetections.count)", "\(c.hostDetections.count)", c.agrees ? "yes" : "no"]
        }
        body += HTMLTable(headers: ["file", "seconds", "identical outputs", "device detections", "host detections", "agrees"],
                          rows: rows, numeric: [1, 3, 4], caption: "Device against emulator").html + "\n"
        body += HTMLTable(headers: ["arena", "bytes"], rows: [
            ["device arena_used_bytes()", deviceArena.map(String.init) ?? "not reported"],
            ["emulator prediction (\(identity.board))", "\(predictedArena)"],
            ["manifest tensor_arena_size", "\(model.manifest.micro.tensorArenaSize)"],
        ], numeric: [1]).html + "\n"
        let seen = faults.byKind.filter { $0.count > 0 }
        body += seen.isEmpty ? "<p>No link faults.</p>"
            : HTMLTable(headers: ["link fault", "count"], rows: seen.map { [$0.kind, "\($0.count)"] }, numeric: [1],
                        caption: "Repaired on the link (no result was kept for audio the device did not take whole)").html
        return ReportSection(id: "device-test-\(model.harness.id)", title: "On the device: \(model.harness.wakeWord)", body: body)
    }
}
