#if canImport(Glibc)
@preconcurrency import Glibc
#endif
import Synchronization

private let interruptRequested = Atomic<Bool>(false)

/// Ctrl-C handling for long work: the first SIGINT (or SIGTERM) asks the work to stop at its next safe point
/// (long loops poll `Interrupt.isRequested`); a second one kills the process at once.
public enum Interrupt {
    /// Installs the handlers. Call once, early, from the command line.
    public static func install() {
        signal(SIGPIPE, SIG_IGN)
        // A parent may start us with these signals blocked (posix_spawn passes its mask on): unblock them, or
        // Ctrl-C and `kill` would never reach the handlers. Threads started later inherit this mask.
        var unblocked = sigset_t()
        sigemptyset(&unblocked)
        sigaddset(&unblocked, SIGINT)
        sigaddset(&unblocked, SIGTERM)
        sigprocmask(SIG_UNBLOCK, &unblocked, nil)
        for number in [SIGINT, SIGTERM] {
            signal(number) { received in
                interruptRequested.store(true, ordering: .relaxed)
                signal(received, SIG_DFL)
            }
        }
    }

    /// Whether a stop was requested.
    public static var isRequested: Bool { interruptRequested.load(ordering: .relaxed) }

    /// Throws `Interrupted` when a stop was requested: call between units of work.
    public static func check() throws(Interrupted) {
        if isRequested { throw Interrupted() }
    }
}

/// The user pressed Ctrl-C; work stopped at a safe point. Exit status 130.
public struct Interrupted: UserFacingError {
    public init() {}
    public var message: String { "interrupted" }
    public var hint: String? { "run the same command again to continue where it stopped" }
}
