import Glibc

/// How a child process ended: the exit status it chose, or the signal that killed it. A shell
/// folds both into one number (a death by SIGTERM and a graceful `exit(143)` are both `$? = 143`);
/// the tests must not, because zctour's promise is the graceful exit, after removing its files.
public enum Termination: Equatable, Sendable, CustomStringConvertible {
    /// The process called exit (or returned from main) with this status.
    case exited(Int32)
    /// A signal killed the process before it could exit.
    case signalled(Int32)

    /// Decodes a status as waitpid(2) reports it (WIFEXITED, WEXITSTATUS, WTERMSIG); nil for a
    /// stopped or continued child, which has not ended.
    public init?(waitStatus status: Int32) {
        let signal = status & 0x7F
        if signal == 0 {
            self = .exited((status >> 8) & 0xFF)
        } else if signal != 0x7F && status & 0xFFFF != 0xFFFF {
            self = .signalled(signal)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .exited(let status): "exited with status \(status)"
        case .signalled(let signal): "killed by signal \(signal) (\(String(cString: strsignal(signal))))"
        }
    }
}
