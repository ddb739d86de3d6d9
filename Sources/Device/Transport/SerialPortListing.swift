import CSerialPort

/// A serial port the system offers, as libserialport describes it.
public struct SerialPortInfo: Equatable, Sendable {
    public var path: String
    public var description: String
    public var isUSB: Bool
    public var vendorID: Int?
    public var productID: Int?
    public var manufacturer: String?
    public var product: String?
    public var serialNumber: String?

    /// The ESP32 board's USB chip, when its IDs are one of those.
    public var bridge: USBBridge? {
        guard let vendorID, let productID else { return nil }
        return USBBridge.recognise(vendor: vendorID, product: productID)
    }

    /// "303a:1001", or nil for ports that are not USB.
    public var usbIDs: String? {
        guard let vendorID, let productID else { return nil }
        func hex(_ value: Int) -> String { String(repeating: "0", count: max(0, 4 - String(value, radix: 16).count)) + String(value, radix: 16) }
        return "\(hex(vendorID)):\(hex(productID))"
    }
}

public enum SerialPortListing {
    /// Every serial port libserialport finds (USB ones with their IDs), sorted by path.
    public static func ports() throws -> [SerialPortInfo] {
        var list: UnsafeMutablePointer<OpaquePointer?>?
        guard sp_list_ports(&list) == SP_OK, let list else {
            throw TransportError(path: "(all ports)", reason: "cannot list serial ports: \(SerialPortTransport.lastError())")
        }
        defer { sp_free_port_list(list) }
        var ports: [SerialPortInfo] = []
        var index = 0
        while let port = list[index] {
            index += 1
            var info = SerialPortInfo(path: string(sp_get_port_name(port)) ?? "?", description: string(sp_get_port_description(port)) ?? "",
                                      isUSB: sp_get_port_transport(port) == SP_TRANSPORT_USB)
            if info.isUSB {
                var vendor: Int32 = 0, product: Int32 = 0
                if sp_get_port_usb_vid_pid(port, &vendor, &product) == SP_OK {
                    info.vendorID = Int(vendor)
                    info.productID = Int(product)
                }
                info.manufacturer = string(sp_get_port_usb_manufacturer(port))
                info.product = string(sp_get_port_usb_product(port))
                info.serialNumber = string(sp_get_port_usb_serial(port))
            }
            ports.append(info)
        }
        return ports.sorted { $0.path < $1.path }
    }

    private static func string(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
        guard let pointer else { return nil }
        let text = String(cString: pointer)
        return text.isEmpty ? nil : text
    }
}
