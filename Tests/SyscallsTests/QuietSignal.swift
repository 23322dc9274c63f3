import Glibc

/// SIGUSR1 with a handler that does nothing, installed without SA_RESTART: sent to a thread
/// blocked in a syscall, it makes the call return EINTR (or a short count) without recording an
/// interruption, which is how a stray signal (SIGWINCH, SIGCHLD) meets zctour's calls.
enum QuietSignal {
    static let number = SIGUSR1

    static func install() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(number, &action, nil)
    }
}
