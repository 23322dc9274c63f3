import CShims
import Glibc

/// The one record of Ctrl-C, SIGTERM and SIGHUP: the C handler (CShims' interrupt.c) only notes
/// the signal; `Syscall` reads it after every EINTR, demos between chunks, the prompt after a
/// command. Nothing else is done in the handler, so nothing unsafe runs there.
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
