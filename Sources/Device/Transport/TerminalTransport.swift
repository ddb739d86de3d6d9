#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Foundation
import Support

/// A link over a terminal device with plain termios: raw, 8N1, no flow control. Used for pseudo-terminals
/// (the virtual device), which libserialport cannot open (docs: shared/notes/swift_linux.md §6).
public final class TerminalTransport: Transport {
    public let name: String
    private var descriptor: Int32

    public init(path: String, baudRate: Int = DeviceProtocol.baudRate) throws {
        name = path
        descriptor = Glibc.open(path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw TransportError(path: path, reason: String(cString: strerror(errno)))
        }
        guard isatty(descriptor) == 1 else {
            Glibc.close(descriptor)
            throw TransportError(path: path, reason: "not a terminal device")
        }
        try Self.makeRaw(descriptor, baudRate: baudRate, path: path)
    }

    deinit { close() }

    /// Raw mode at `baudRate` (pseudo-terminals ignore the speed).
    static func makeRaw(_ descriptor: Int32, baudRate: Int, path: String) throws {
        var settings = termios()
        guard tcgetattr(descriptor, &settings) == 0 else {
            throw TransportError(path: path, reason: "cannot read its settings: \(String(cString: strerror(errno)))")
        }
        cfmakeraw(&settings)
        settings.c_cflag |= tcflag_t(CLOCAL | CREAD)
        settings.c_cflag &= ~tcflag_t(CRTSCTS)
        let speed: speed_t = switch baudRate {
        case 115_200: speed_t(B115200)
        case 230_400: speed_t(B230400)
        case 460_800: speed_t(B460800)
        case 1_500_000: speed_t(B1500000)
        case 2_000_000: speed_t(B2000000)
        default: speed_t(B921600)
        }
        cfsetspeed(&settings, speed)
        guard tcsetattr(descriptor, TCSANOW, &settings) == 0 else {
            throw TransportError(path: path, reason: "cannot configure it: \(String(cString: strerror(errno)))")
        }
    }

    public func write(_ bytes: [UInt8], timeout: Double) throws {
        try FileDescriptorIO.write(bytes, to: descriptor, timeout: timeout, name: name)
    }

    public func read(timeout: Double) throws -> [UInt8] {
        try FileDescriptorIO.read(from: descriptor, timeout: timeout, name: name)
    }

    public func close() {
        if descriptor >= 0 {
            Glibc.close(descriptor)
            descriptor = -1
        }
    }
}

/// Non-blocking reads and writes on a descriptor with `poll` timeouts, retrying interrupted calls.
enum FileDescriptorIO {
    static func write(_ bytes: [UInt8], to descriptor: Int32, timeout: Double, name: String) throws {
        guard descriptor >= 0 else { throw TransportError(path: name, reason: "closed") }
        let deadline = Date().addingTimeInterval(timeout)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
            if written > 0 {
                offset += written
                continue
            }
            if written < 0, errno != EAGAIN, errno != EINTR {
                throw TransportError(path: name, reason: "write failed: \(String(cString: strerror(errno)))")
            }
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { throw TransportError(path: name, reason: "the device stopped taking data (write timed out)") }
            var entry = pollfd(fd: descriptor, events: Int16(POLLOUT), revents: 0)
            _ = poll(&entry, 1, Int32(min(remaining, 0.1) * 1000) + 1)
        }
    }

    static func read(from descriptor: Int32, timeout: Double, name: String) throws -> [UInt8] {
        guard descriptor >= 0 else { throw TransportError(path: name, reason: "closed") }
        var entry = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
        let ready = poll(&entry, 1, Int32(max(0, timeout) * 1000))
        if ready < 0 {
            if errno == EINTR { return [] }
            throw TransportError(path: name, reason: "poll failed: \(String(cString: strerror(errno)))")
        }
        guard ready > 0 else { return [] }
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { Glibc.read(descriptor, $0.baseAddress!, 4096) }
        if count > 0 { return Array(buffer[..<count]) }
        if count < 0, errno == EAGAIN || errno == EINTR { return [] }
        if count < 0, errno == EIO {
            // A pseudo-terminal whose other end closed: nothing to read until it opens again.
            usleep(10000)
            return []
        }
        if count == 0 {
            if entry.revents & Int16(POLLHUP) != 0 { usleep(10000) }
            return []
        }
        throw TransportError(path: name, reason: "read failed: \(String(cString: strerror(errno)))")
    }
}
