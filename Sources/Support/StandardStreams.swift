#if canImport(Glibc)
@preconcurrency import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing to standard output and standard error without Foundation and without touching the C `FILE*`
/// globals (which Swift 6 rejects as shared mutable state).
public enum StandardStream: Sendable {
    case output
    case error

    var descriptor: Int32 { self == .output ? STDOUT_FILENO : STDERR_FILENO }

    /// Writes the whole string, retrying short writes.
    public func write(_ text: String) {
        var text = text
        text.withUTF8 { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Glibc.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return
                }
                offset += written
            }
        }
    }

    /// Writes the string and a newline.
    public func writeLine(_ text: String = "") {
        write(text + "\n")
    }

    /// Whether the stream is a terminal that understands cursor control (not `TERM=dumb`).
    public var isInteractiveTerminal: Bool {
        guard isatty(descriptor) == 1 else { return false }
        if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
        return true
    }

    /// The terminal's width in columns, or 80 when it cannot be read.
    public var columns: Int {
        var size = winsize()
        if ioctl(descriptor, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}

/// Prints to standard output.
public func printOut(_ text: String) { StandardStream.output.writeLine(text) }

/// Prints to standard error.
public func printError(_ text: String) { StandardStream.error.writeLine(text) }
