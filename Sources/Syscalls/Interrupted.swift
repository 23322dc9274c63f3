import CShims
import Glibc

/// Ctrl-C and SIGTERM during a demo: the handler only records the signal; demos check it
/// between chunks, and `Syscall` after every `EINTR`, and unwind, so their files are removed on the way out.
public struct Interrupted: Error, Equatable, Sendable, CustomStringConvertible {
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
