import Device
import Foundation
import Support

/// `wakesmith device simulate --link PATH [--faults drop=R,corrupt=R,reset=N]`
struct DeviceSimulateCommand: Command {
    static let path = ["device", "simulate"]
    static let abstract = "a virtual device on a pseudo-terminal: the emulator behind the harness protocol, with faults"
    static let discussion = """
        Serves the harness protocol (docs/device-protocol.md) on a pseudo-terminal whose path is linked at \
        PATH, until SIGTERM or Ctrl-C. Load models into it with `wakesmith device flash --port PATH \
        MODEL.json... [--esphome V]`; it then runs them in the emulator as that ESPHome release (bit-exact \
        frontend and kernels, the release's stride grouping and detection) and reports the emulator's ESP32-S3 \
        arena prediction as the arena used. --faults injects link faults: drop=R and corrupt=R (probability \
        per byte, both ways), reset=N (N reboots, after 1 to 20 s of audio each), slow=MS (milliseconds per \
        audio chunk), seed=S. On exit it prints what it injected.
        """
    static let options: [Option] = [
        .value("link", "PATH", "where to put the link to the pseudo-terminal (use it as --port)"),
        .value("faults", "LIST", "faults to inject, e.g. drop=0.0005,corrupt=0.0005,reset=2,slow=2,seed=1"),
        .value("esphome", "V", "the release it claims before models are loaded (default \(FirmwareHarness.newestCheckedESPHome))"),
    ]

    static func run(_ parsed: ParsedArguments) throws -> Int32 {
        let link = try parsed.required("link")
        let plan = try parsed.value("faults").map { try FaultPlan(parsing: $0) } ?? FaultPlan()
        let release = parsed.value("esphome") ?? FirmwareHarness.newestCheckedESPHome
        // A parent may have started us with SIGTERM blocked (the mask is inherited): take it back, since
        // SIGTERM is how the virtual device is stopped.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGTERM)
        sigaddset(&signals, SIGINT)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
        let terminal = try PseudoTerminal()
        try terminal.makeLink(at: link)
        let device = VirtualDevice(terminal: terminal, runner: EmptyModelRunner(esphome: release), faults: plan,
                                   factory: { manifests, esphome in try EmulatorModelRunner(manifests: manifests, esphome: esphome) },
                                   log: { printError("virtual device: \($0)") })
        printError("virtual device at \(link) (\(terminal.slavePath)), \(plan.summary); stop it with SIGTERM or Ctrl-C")
        device.run { Interrupt.isRequested }
        let tally = device.finish()
        try? FileManager.default.removeItem(atPath: link)
        printError("virtual device stopped after \(device.chunks) audio chunks; injected: \(tally.droppedBytes) dropped and "
            + "\(tally.corruptedBytes) corrupted bytes (\(tally.damagedFrames) damaged frames, \(tally.damagedReports) damaged "
            + "and \(tally.hiddenReports) hidden reports), \(tally.resets) resets")
        return 0
    }
}
