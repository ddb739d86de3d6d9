#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import CShims
import Foundation
import Support

/// A pseudo-terminal pair for the virtual device: the device side is the master, the host opens the slave
/// through a symbolic link (`device simulate --link PATH`). The device also keeps the slave open, so the
/// link stays in raw mode and the master does not fail while no host is connected.
public final class PseudoTerminal {
    /// The slave's real path (`/dev/pts/N`).
    public let slavePath: String
    /// The symbolic link to it, when one was made.
    public private(set) var link: String?
    private(set) var master: Int32
    private var slave: Int32

    public init() throws {
        var name = [CChar](repeating: 0, count: 128)
        master = wakesmith_open_pseudo_terminal(&name, name.count)
        guard master >= 0 else {
            throw TransportError(path: "/dev/ptmx", reason: "cannot make a pseudo-terminal: \(String(cString: strerror(errno)))")
        }
        slavePath = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        slave = Glibc.open(slavePath, O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard slave >= 0 else { throw TransportError(path: slavePath, reason: String(cString: strerror(errno))) }
        try TerminalTransport.makeRaw(slave, baudRate: DeviceProtocol.baudRate, path: slavePath)
        var settings = termios()
        tcgetattr(master, &settings)
        cfmakeraw(&settings)
        tcsetattr(master, TCSANOW, &settings)
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
    }

    deinit {
        if let link { unlink(link) }
        Glibc.close(master)
        Glibc.close(slave)
    }

    /// Makes `path` a symbolic link to the slave (replacing an earlier link, never a regular file).
    public func makeLink(at path: String) throws {
        var status = stat()
        if lstat(path, &status) == 0 {
            guard status.st_mode & S_IFMT == S_IFLNK else {
                throw TransportError(path: path, reason: "exists and is not a symbolic link; choose another --link")
            }
            unlink(path)
        }
        guard symlink(slavePath, path) == 0 else {
            throw TransportError(path: path, reason: "cannot create the link: \(String(cString: strerror(errno)))")
        }
        link = path
    }

    /// Bytes the host wrote, within `timeout` seconds.
    public func read(timeout: Double) throws -> [UInt8] {
        try FileDescriptorIO.read(from: master, timeout: timeout, name: slavePath)
    }

    /// Writes what the pseudo-terminal takes now without waiting; returns how many bytes it took.
    public func writeAvailable(_ bytes: ArraySlice<UInt8>) -> Int {
        guard !bytes.isEmpty else { return 0 }
        let written = bytes.withUnsafeBytes { Glibc.write(master, $0.baseAddress!, bytes.count) }
        return max(0, written)
    }

    /// Waits until the host side can take more bytes or sends some, at most `timeout` seconds.
    public func waitForActivity(wantWrite: Bool, timeout: Double) {
        var entry = pollfd(fd: master, events: Int16(POLLIN) | (wantWrite ? Int16(POLLOUT) : 0), revents: 0)
        _ = poll(&entry, 1, Int32(max(0, timeout) * 1000))
    }

    /// Drops bytes the host wrote that the device has not read (a device reset loses its UART buffer).
    public func discardInput() {
        tcflush(master, TCIFLUSH)
    }
}
