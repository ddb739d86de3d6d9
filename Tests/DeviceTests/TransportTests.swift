import Foundation
import Testing
import TestSupport
@testable import Device

@Suite struct TransportTests {
    @Test func esp32BoardsAreRecognisedByTheirUSBIDs() {
        #expect(USBBridge.recognise(vendor: 0x303A, product: 0x1001)?.isNative == true)
        #expect(USBBridge.recognise(vendor: 0x303A, product: 0x0002)?.isNative == true)
        #expect(USBBridge.recognise(vendor: 0x10C4, product: 0xEA60)?.name.contains("CP210x") == true)
        #expect(USBBridge.recognise(vendor: 0x1A86, product: 0x7523)?.name.contains("CH340") == true)
        #expect(USBBridge.recognise(vendor: 0x1A86, product: 0x55D4)?.name.contains("CH9102") == true)
        #expect(USBBridge.recognise(vendor: 0x046D, product: 0xC52B) == nil)
        var port = SerialPortInfo(path: "/dev/ttyUSB0", description: "", isUSB: true, vendorID: 0x10C4, productID: 0xEA60)
        #expect(port.usbIDs == "10c4:ea60" && port.bridge != nil)
        port.vendorID = nil
        #expect(port.usbIDs == nil && port.bridge == nil)
    }

    @Test func aPseudoTerminalCarriesBytesBothWaysThroughItsLink() throws {
        let directory = TemporaryDirectory("pty")
        let terminal = try PseudoTerminal()
        try terminal.makeLink(at: directory.appending("link").path)
        let host = try Transports.open(directory.appending("link").path)
        #expect(host is TerminalTransport)
        let message = (0 ..< 3000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        try host.write(message, timeout: 1)
        var received: [UInt8] = []
        while received.count < message.count {
            let bytes = try terminal.read(timeout: 1)
            if bytes.isEmpty { break }
            received += bytes
        }
        #expect(received == message)  // raw: no byte translated, none lost
        #expect(terminal.writeAvailable([10, 0, 13, 255][...]) == 4)
        #expect(try host.read(timeout: 1) == [10, 0, 13, 255])
        #expect(throws: TransportError.self) { try Transports.open(directory.appending("missing").path) }
        // A regular file at the link path is never replaced.
        try Data().write(to: directory.appending("file"))
        #expect(throws: TransportError.self) { try terminal.makeLink(at: directory.appending("file").path) }
    }
}
