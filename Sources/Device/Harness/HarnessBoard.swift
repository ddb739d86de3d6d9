/// The boards the firmware harness is written for, and what differs between them in its configuration.
public enum HarnessBoard: String, CaseIterable, Sendable {
    /// ESP32-S3 DevKitC-1: the harness link on UART0 (the "UART" USB port, GPIO43/44), ESPHome's log on the
    /// native USB port.
    case esp32s3
    /// A classic ESP32 DevKit: the harness link on UART0 (GPIO1/3, the board's USB-UART bridge), no serial
    /// log (it would share UART0).
    case esp32

    /// The PlatformIO board ESPHome builds for.
    public var platformBoard: String {
        switch self {
        case .esp32s3: "esp32-s3-devkitc-1"
        case .esp32: "esp32dev"
        }
    }

    public var displayName: String {
        switch self {
        case .esp32s3: "ESP32-S3"
        case .esp32: "ESP32"
        }
    }

    var transmitPin: String { self == .esp32s3 ? "GPIO43" : "GPIO1" }
    var receivePin: String { self == .esp32s3 ? "GPIO44" : "GPIO3" }

    /// The body of the `logger:` block.
    var loggerBlock: String {
        switch self {
        case .esp32s3: "  hardware_uart: USB_SERIAL_JTAG\n  level: DEBUG"
        case .esp32: "  baud_rate: 0  # UART0 carries the harness link"
        }
    }

    /// The board esptool reports (`Chip is ESP32-S3 (…)`, `Chip type: ESP32-D0WD-V3`), or nil for chips the
    /// harness does not support.
    public static func fromChipDescription(_ text: String) -> HarnessBoard? {
        let upper = text.uppercased()
        if upper.contains("ESP32-S3") { return .esp32s3 }
        if upper.contains("ESP32-S2") || upper.contains("ESP32-C") || upper.contains("ESP32-H") || upper.contains("ESP32-P") {
            return nil
        }
        return upper.contains("ESP32") ? .esp32 : nil
    }
}
