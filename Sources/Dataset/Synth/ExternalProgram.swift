import Foundation
import Support
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Runs another program (a TTS engine, `apt-get`, `dpkg-deb`) to completion: text on its standard input,
/// its standard output and error captured, an optional time limit.
///
/// Written on `posix_spawn` with close-on-exec pipes rather than Foundation's `Process`, because synth
/// starts engines from several threads at once: a pipe end inherited by a sibling child would keep a reader
/// waiting for an end of file that never comes.
public struct ExternalProgram: Sendable {
    /// What a finished run printed and how it ended.
    public struct Outcome: Sendable {
        /// The exit status, or 128 + the signal number when a signal ended the program.
        public let status: Int32
        public let output: [UInt8]
        public let errorOutput: [UInt8]

        public var succeeded: Bool { status == 0 }
        public var outputText: String { String(decoding: output, as: UTF8.self) }
        public var errorText: String { String(decoding: errorOutput, as: UTF8.self) }

        /// The last non-empty line of standard error (or output), for one-line error messages.
        public var lastErrorLine: String? {
            for text in [errorText, outputText] {
                let lines = text.split(whereSeparator: \.isNewline).map { String($0).trimmingCharacters(in: .whitespaces) }
                if let last = lines.last(where: { !$0.isEmpty }) { return last }
            }
            return nil
        }
    }

    /// The program's path, or a bare name looked up on `PATH`.
    public let executable: String

    public init(_ executable: String) {
        self.executable = executable
    }

    /// The full path of `name` on `PATH` (or `name` itself when it contains a slash and is executable).
    public static func find(_ name: String) -> String? {
        if name.contains("/") { return access(name, X_OK) == 0 ? name : nil }
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = "\(folder)/\(name)"
            var info = stat()
            if stat(candidate, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, access(candidate, X_OK) == 0 {
                return candidate
            }
        }
        return nil
    }

    /// Whether the program can be found.
    public var isInstalled: Bool { Self.find(executable) != nil }

    /// Runs the program with `arguments`, feeding `input` to its standard input.
    /// - Parameters:
    ///   - directory: the working folder (the caller's when nil).
    ///   - timeout: seconds after which the program is killed and `ProgramError.timedOut` thrown.
    /// - Throws: `ProgramError` when the program cannot be started or runs too long. A non-zero exit is
    ///   not an error here: the caller reads `status` and says what failed.
    public func run(_ arguments: [String], input: [UInt8] = [], directory: String? = nil,
                    timeout: Double? = nil) throws(ProgramError) -> Outcome
    {
        guard let path = Self.find(executable) else {
            throw ProgramError(program: executable, reason: "not found on PATH")
        }
        var inPipe: [Int32] = [-1, -1], outPipe: [Int32] = [-1, -1], errPipe: [Int32] = [-1, -1]
        guard Self.makePipe(&inPipe) == 0 else { throw ProgramError(program: executable, reason: Self.errnoText()) }
        guard Self.makePipe(&outPipe) == 0 else {
            close(inPipe[0]); close(inPipe[1])
            throw ProgramError(program: executable, reason: Self.errnoText())
        }
        guard Self.makePipe(&errPipe) == 0 else {
            for fd in inPipe + outPipe { close(fd) }
            throw ProgramError(program: executable, reason: Self.errnoText())
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, inPipe[0], 0)
        posix_spawn_file_actions_adddup2(&actions, outPipe[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errPipe[1], 2)
        if let directory {
            guard let addChdir = Self.addChdir else {
                for fd in inPipe + outPipe + errPipe { close(fd) }
                throw ProgramError(program: executable, reason: "this C library cannot start a program in another folder")
            }
            _ = addChdir(&actions, directory)
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        // The child starts with default signal handling (the parent may ignore SIGPIPE).
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGDEF))

        let argv = ([path] + arguments).map { strdup($0) }
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawnResult = (argv + [nil]).withUnsafeBufferPointer { pointers in
            posix_spawn(&pid, path, &actions, &attributes, UnsafeMutablePointer(mutating: pointers.baseAddress!), environ)
        }
        close(inPipe[0]); close(outPipe[1]); close(errPipe[1])
        guard spawnResult == 0 else {
            close(inPipe[1]); close(outPipe[0]); close(errPipe[0])
            throw ProgramError(program: executable, reason: String(cString: strerror(spawnResult)))
        }
        let (output, errorOutput, timedOut) = Self.exchange(input: input, stdin: inPipe[1], stdout: outPipe[0],
                                                            stderr: errPipe[0], pid: pid, timeout: timeout)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
        if timedOut {
            throw ProgramError(program: executable, reason: "still running after \(Int(timeout ?? 0)) s; stopped it")
        }
        let exited = status & 0x7F == 0
        let code = exited ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        return Outcome(status: code, output: output, errorOutput: errorOutput)
    }

    /// Writes the input and reads both outputs at once with `poll`, so no pipe fills up and blocks the child.
    private static func exchange(input: [UInt8], stdin: Int32, stdout: Int32, stderr: Int32, pid: pid_t,
                                 timeout: Double?) -> ([UInt8], [UInt8], Bool)
    {
        var output: [UInt8] = [], errorOutput: [UInt8] = []
        var written = 0
        var inputOpen = true
        if input.isEmpty { close(stdin); inputOpen = false } else { _ = fcntl(stdin, F_SETFL, O_NONBLOCK) }
        var open: (out: Bool, err: Bool) = (true, true)
        let deadline = timeout.map { DispatchTime.now().uptimeNanoseconds + UInt64($0 * 1e9) }
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while open.out || open.err || inputOpen {
            var fds: [pollfd] = []
            if open.out { fds.append(pollfd(fd: stdout, events: Int16(POLLIN), revents: 0)) }
            if open.err { fds.append(pollfd(fd: stderr, events: Int16(POLLIN), revents: 0)) }
            if inputOpen { fds.append(pollfd(fd: stdin, events: Int16(POLLOUT), revents: 0)) }
            var wait: Int32 = 1000
            if let deadline {
                let now = DispatchTime.now().uptimeNanoseconds
                if now >= deadline {
                    kill(pid, SIGKILL)
                    for fd in [stdout, stderr] { close(fd) }
                    if inputOpen { close(stdin) }
                    return (output, errorOutput, true)
                }
                wait = Int32(min(1000, (deadline - now) / 1_000_000 + 1))
            }
            let ready = poll(&fds, nfds_t(fds.count), wait)
            if ready < 0, errno != EINTR { break }
            for entry in fds where entry.revents != 0 {
                if entry.fd == stdin {
                    let count = input.withUnsafeBytes { bytes in
                        write(stdin, bytes.baseAddress! + written, input.count - written)
                    }
                    if count > 0 { written += count }
                    if (count < 0 && errno != EAGAIN && errno != EINTR) || written >= input.count {
                        close(stdin)
                        inputOpen = false
                    }
                    continue
                }
                let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, $0.count) }
                if count > 0 {
                    if entry.fd == stdout { output.append(contentsOf: buffer[0 ..< count]) } else {
                        errorOutput.append(contentsOf: buffer[0 ..< count])
                    }
                } else if count == 0 || (errno != EAGAIN && errno != EINTR) {
                    close(entry.fd)
                    if entry.fd == stdout { open.out = false } else { open.err = false }
                }
            }
        }
        return (output, errorOutput, false)
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }

    // glibc's pipe2 and posix_spawn_file_actions_addchdir_np are GNU extensions the Glibc module does not
    // import; looked up once by name.
    private typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    private typealias AddChdir = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    private static let pipe2: Pipe2? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "pipe2").map { unsafeBitCast($0, to: Pipe2.self) }
    private static let addChdir: AddChdir? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addchdir_np")
        .map { unsafeBitCast($0, to: AddChdir.self) }

    /// A pipe whose ends are closed in every child (only the ends `dup2` gives a child survive there).
    private static func makePipe(_ fds: inout [Int32]) -> Int32 {
        guard let pipe2 else { return -1 }
        return fds.withUnsafeMutableBufferPointer { pipe2($0.baseAddress!, O_CLOEXEC) }
    }
}

/// A program that could not be run (missing, not startable, too slow).
public struct ProgramError: UserFacingError, Equatable {
    public let program: String
    public let reason: String
    public var hint: String? = nil

    public var message: String { "cannot run \(program): \(reason)" }
}
