/// USB serial chips found on ESP32 boards, by USB vendor and product ID: how `device list` tells a likely
/// ESP32 from other serial ports.
public struct USBBridge: Equatable, Sendable {
    public let name: String
    /// Whether the chip is the ESP32's own USB (Espressif's vendor ID) rather than a USB-UART bridge.
    public let isNative: Bool

    /// The bridge with these IDs, or nil for chips not seen on ESP32 boards.
    public static func recognise(vendor: Int, product: Int) -> USBBridge? {
        switch (vendor, product) {
        case (0x303A, 0x1001): USBBridge(name: "Espressif USB-Serial/JTAG (ESP32-S3, -C3, -C6 native USB)", isNative: true)
        case (0x303A, _): USBBridge(name: "Espressif native USB", isNative: true)
        case (0x10C4, 0xEA60): USBBridge(name: "Silicon Labs CP210x USB-UART bridge", isNative: false)
        case (0x1A86, 0x7523), (0x1A86, 0x7522), (0x1A86, 0x5523): USBBridge(name: "WCH CH340 USB-UART bridge", isNative: false)
        case (0x1A86, 0x55D4), (0x1A86, 0x55D3): USBBridge(name: "WCH CH9102/CH343 USB-UART bridge", isNative: false)
        case (0x0403, 0x6001), (0x0403, 0x6010), (0x0403, 0x6014), (0x0403, 0x6015):
            USBBridge(name: "FTDI USB-UART bridge", isNative: false)
        default: nil
        }
    }
}
