import Device
import Support

/// `wakesmith device list`: the serial ports, with the ones that look like ESP32 boards marked.
struct DeviceListCommand: Command {
    static let path = ["device", "list"]
    static let abstract = "list serial ports and recognise ESP32 boards by their USB IDs"
    static let discussion = """
        The harness talks on the ESP32's UART0 at 921600 baud, which ESP32 dev boards bring to USB through a \
        USB-UART bridge (CP210x, CH340, CH9102): use that port for `device flash` and `device test`. An \
        ESP32-S3's native USB port (Espressif 303a:1001) can flash, but the harness does not talk on it. A \
        virtual device (`device simulate --link PATH`) is not listed: use its PATH.
        """
    static let options: [Option] = []

    static func run(_ parsed: ParsedArguments) throws -> Int32 {
        let ports = try SerialPortListing.ports()
        guard !ports.isEmpty else {
            printOut("no serial ports found (is the board plugged in with a data cable?)")
            return 0
        }
        var rows: [(String, String, String)] = [("PORT", "USB ID", "WHAT")]
        for port in ports {
            var what: String
            if let bridge = port.bridge {
                what = bridge.name + (bridge.isNative ? ": flashing only, the harness talks on UART0" : ": likely an ESP32 board")
            } else if port.isUSB {
                what = [port.manufacturer, port.product].compactMap { $0 }.joined(separator: " ")
                if what.isEmpty { what = port.description }
            } else {
                what = port.description.isEmpty ? "not USB" : "\(port.description) (not USB)"
            }
            rows.append((port.path, port.usbIDs ?? "-", what))
        }
        let widths = (rows.map(\.0.count).max() ?? 0, rows.map(\.1.count).max() ?? 0)
        for row in rows {
            printOut(row.0.padding(toLength: widths.0 + 2, withPad: " ", startingAt: 0)
                + row.1.padding(toLength: widths.1 + 2, withPad: " ", startingAt: 0) + row.2)
        }
        return 0
    }
}
