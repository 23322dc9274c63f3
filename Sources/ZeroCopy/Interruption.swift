import CShims
import Glibc

/// Ctrl-C and SIGTERM during a demo: the handler only records the signal; demos check it
/// between chunks and after every `EINTR`, and unwind, so their files are removed on the way out.
public struct Interrupted: Error, Equatable, CustomStringConvertible {
    public let signal: Int32
    public init(signal: Int32) { self.signal = signal }
    public var description: String {
        switch signal {
        case SIGTERM: "terminated (SIGTERM)"
        case SIGHUP: "the terminal went away (SIGHUP)"
        default: "interrupted (Ctrl-C)"
        }
    }

    /// Whether the signal ends the session (SIGTERM, SIGHUP) rather than just the demo (Ctrl-C).
    public var endsSession: Bool { signal != SIGINT }
}

public enum Interruption {
    /// Routes SIGINT, SIGTERM and SIGHUP (the terminal closed) to the recorder. Without SA_RESTART, so blocking calls return.
    /// Also unblocks them: a parent's worker thread (a test runner's, say) may have started us
    /// with them blocked, and a blocked SIGTERM would wait until the demo ends.
    public static func install() {
        var signals = sigset_t()
        sigemptyset(&signals)
        for signal in [SIGINT, SIGTERM, SIGHUP] {
            _ = zc_interrupt_install(signal)
            sigaddset(&signals, signal)
        }
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }

    /// The signal received since the last `clear()`, if any.
    public static var pending: Int32? {
        let signal = zc_interrupt_pending()
        return signal == 0 ? nil : signal
    }

    public static func clear() { zc_interrupt_clear() }

    /// Throws `Interrupted` if a signal arrived: called once per chunk, it costs one load.
    @inline(__always)
    public static func check() throws {
        let signal = zc_interrupt_pending()
        if signal != 0 { throw Interrupted(signal: signal) }
    }
}
