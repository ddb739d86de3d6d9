/// Facts about the firmware harness the host relies on (the component in `firmware-harness/` enforces the
/// same minimum in its Python schema and C++; a test keeps them equal).
public enum FirmwareHarness {
    /// The oldest ESPHome release the harness builds with: 2026.6.0 is the first that runs an inference only
    /// when the frontend made a feature (earlier releases feed two uninitialised feature rows after each start,
    /// so no host can predict their outputs), and the member names the harness reads are those of 2026.6.0 on.
    public static let minimumESPHome = "2026.6.0"
    /// The newest release the harness was checked against (`esphome config`, code generation and a host
    /// compile of the component).
    public static let newestCheckedESPHome = "2026.10.0"
    /// The harness version the firmware reports in `HELLO harness=` (2: `STATUS` carries the fault counters).
    public static let version = 2
}
