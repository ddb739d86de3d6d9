import Foundation
import Support

/// A byte link to a device: a real serial port (libserialport) or a pseudo-terminal (plain termios, which
/// libserialport cannot open). The bridge needs only these operations.
public protocol Transport: AnyObject {
    /// What the user called it (the path).
    var name: String { get }
    /// Writes all bytes (waiting at most `timeout` seconds for the link to take them).
    func write(_ bytes: [UInt8], timeout: Double) throws
    /// The bytes that arrive within `timeout` seconds (empty when none did). Returns as soon as some arrive.
    func read(timeout: Double) throws -> [UInt8]
    /// Releases the link (also done when the value is released).
    func close()
}

extension Transport {
    /// Reads and drops whatever arrives until the link has been quiet for `quiet` seconds (at most `limit`):
    /// reports an earlier host left unread must not be taken for answers.
    public func drain(quiet: Double = 0.1, limit: Double = 2) throws {
        let deadline = Date().addingTimeInterval(limit)
        while Date() < deadline, !(try read(timeout: quiet)).isEmpty {}
    }
}

/// Opening a link by path: a pseudo-terminal (or a symbolic link to one, as `device simulate` makes) goes
/// through termios, anything else through libserialport.
public enum Transports {
    public static func open(_ path: String, baudRate: Int = DeviceProtocol.baudRate) throws -> any Transport {
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard FileManager.default.fileExists(atPath: resolved) else {
            throw TransportError(path: path, reason: "no such port", hint: "`wakesmith device list` shows the serial ports")
        }
        if resolved.hasPrefix("/dev/pts/") || resolved.hasPrefix("/dev/pty") {
            return try TerminalTransport(path: path, baudRate: baudRate)
        }
        return try SerialPortTransport(path: resolved, displayName: path, baudRate: baudRate)
    }
}

/// A link that could not be opened or broke.
public struct TransportError: UserFacingError {
    public let path: String
    public let reason: String
    public let hint: String?

    public init(path: String, reason: String, hint: String? = nil) {
        self.path = path
        self.reason = reason
        self.hint = hint
    }

    public var message: String { "serial link \(path): \(reason)" }
}
