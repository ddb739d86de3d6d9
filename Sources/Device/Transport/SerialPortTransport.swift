#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import CSerialPort
import Foundation
import Support

/// A real serial port through libserialport: 8N1 at the protocol's baud rate, no flow control, and DTR and
/// RTS released so opening the port does not hold the ESP32 in reset or in its boot loader.
public final class SerialPortTransport: Transport {
    public let name: String
    private var port: OpaquePointer?
    private var descriptor: Int32 = -1

    public init(path: String, displayName: String? = nil, baudRate: Int = DeviceProtocol.baudRate) throws {
        name = displayName ?? path
        var handle: OpaquePointer?
        guard sp_get_port_by_name(path, &handle) == SP_OK, let handle else {
            throw TransportError(path: name, reason: Self.lastError(), hint: "`wakesmith device list` shows the serial ports")
        }
        port = handle
        guard sp_open(handle, SP_MODE_READ_WRITE) == SP_OK else {
            let reason = Self.lastError()
            sp_free_port(handle)
            port = nil
            throw TransportError(path: name, reason: reason,
                                 hint: reason.contains("ermission") ? "add yourself to the dialout group, then log in again" : nil)
        }
        let configured = sp_set_baudrate(handle, Int32(baudRate)) == SP_OK && sp_set_bits(handle, 8) == SP_OK
            && sp_set_parity(handle, SP_PARITY_NONE) == SP_OK && sp_set_stopbits(handle, 1) == SP_OK
            && sp_set_flowcontrol(handle, SP_FLOWCONTROL_NONE) == SP_OK
        guard configured else {
            let reason = Self.lastError()
            close()
            throw TransportError(path: name, reason: "cannot configure \(baudRate) baud 8N1: \(reason)")
        }
        _ = sp_set_dtr(handle, SP_DTR_OFF)
        _ = sp_set_rts(handle, SP_RTS_OFF)
        var fd: Int32 = -1
        guard sp_get_port_handle(handle, &fd) == SP_OK, fd >= 0 else {
            close()
            throw TransportError(path: name, reason: "cannot get its file descriptor")
        }
        descriptor = fd
    }

    deinit { close() }

    public func write(_ bytes: [UInt8], timeout: Double) throws {
        guard let port else { throw TransportError(path: name, reason: "closed") }
        var offset = 0
        let deadline = Date().addingTimeInterval(timeout)
        while offset < bytes.count {
            let remaining = max(1, Int(deadline.timeIntervalSinceNow * 1000))
            let result = bytes.withUnsafeBytes { buffer in
                sp_blocking_write(port, buffer.baseAddress! + offset, bytes.count - offset, UInt32(min(remaining, 100)))
            }
            if result.rawValue < 0 { throw TransportError(path: name, reason: "write failed: \(Self.lastError())") }
            offset += Int(result.rawValue)
            if offset < bytes.count, deadline.timeIntervalSinceNow <= 0 {
                throw TransportError(path: name, reason: "the device stopped taking data (write timed out)")
            }
        }
    }

    public func read(timeout: Double) throws -> [UInt8] {
        guard let port else { throw TransportError(path: name, reason: "closed") }
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&entry, 1, Int32(max(0, timeout) * 1000))
        guard ready > 0 else { return [] }
        if entry.revents & Int16(POLLHUP | POLLERR) != 0 {
            throw TransportError(path: name, reason: "the port went away (unplugged?)")
        }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let result = buffer.withUnsafeMutableBytes { sp_nonblocking_read(port, $0.baseAddress!, 4096) }
        if result.rawValue < 0 { throw TransportError(path: name, reason: "read failed: \(Self.lastError())") }
        return Array(buffer[..<Int(result.rawValue)])
    }

    /// Resets the chip as esptool does: EN low (RTS) for 100 ms, with IO0 (DTR) released.
    public func hardReset() {
        guard let port else { return }
        _ = sp_set_dtr(port, SP_DTR_OFF)
        _ = sp_set_rts(port, SP_RTS_ON)
        usleep(100_000)
        _ = sp_set_rts(port, SP_RTS_OFF)
    }

    public func close() {
        if let port {
            sp_close(port)
            sp_free_port(port)
        }
        port = nil
        descriptor = -1
    }

    static func lastError() -> String {
        guard let message = sp_last_error_message() else { return "unknown error" }
        defer { sp_free_error_message(message) }
        return String(cString: message)
    }
}
