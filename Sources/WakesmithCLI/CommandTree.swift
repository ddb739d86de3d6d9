/// Every command, in the order `wakesmith --help` lists them (the order of the pipeline). A command with a
/// two-word path (`device test`) is reached through its first word, which `--help` lists as a group.
public let allCommands: [any Command.Type] = [
    InitCommand.self,
    ConfigCommand.self,
    ValidateCommand.self,
    SynthCommand.self,
    DataFetchCommand.self,
    DataListCommand.self,
    FrontendCommand.self,
    FeaturesCommand.self,
    TrainCommand.self,
    MineCommand.self,
    ExportCommand.self,
    EvalCommand.self,
    VerifyCommand.self,
    RunCommand.self,
    DemoCommand.self,
    CompatCommand.self,
    EmulateCommand.self,
    DeviceListCommand.self,
    DeviceFlashCommand.self,
    DeviceTestCommand.self,
    DeviceFahCommand.self,
    DeviceSimulateCommand.self,
    DoctorCommand.self,
    BenchScanCommand.self,
    BenchFeaturesCommand.self,
    BenchTrainCommand.self,
    BenchEmulateCommand.self,
]

/// One-line descriptions of the command groups (`wakesmith device`, `wakesmith bench`, …).
let groupAbstracts: [String: String] = [
    "data": "fetch real recordings for a dataset",
    "bench": "measure throughput: scan, features, training, emulation",
    "device": "an ESP32 in the loop: list, flash, test, false accepts per hour, a virtual device",
]
