import Glibc

/// The prompt takes the terminal's foreground in a process group of its own, and gives it back
/// on exit. libedit passes a signal on with kill(0, signo), to the whole group: without this,
/// Ctrl-C at the prompt would also reach `make run` (or whatever started zctour) and end it.
struct TerminalForeground {
    private let previous: pid_t?

    static func take() -> TerminalForeground {
        guard isatty(STDIN_FILENO) == 1 else { return TerminalForeground(previous: nil) }
        let original = tcgetpgrp(STDIN_FILENO)
        guard original >= 0, getpgrp() != getpid() else { return TerminalForeground(previous: nil) }
        signal(SIGTTOU, SIG_IGN)  // a background group may not change the foreground otherwise
        guard setpgid(0, 0) == 0, tcsetpgrp(STDIN_FILENO, getpid()) == 0 else {
            return TerminalForeground(previous: nil)
        }
        return TerminalForeground(previous: original)
    }

    func restore() {
        guard let previous else { return }
        _ = tcsetpgrp(STDIN_FILENO, previous)
    }
}
