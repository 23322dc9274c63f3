import Glibc

/// A thread for the far end of what zctour measures or runs (a demo's receiver, sender or
/// client; the drain of a traced or inspected program's pipe), started with SIGINT, SIGTERM and
/// SIGHUP blocked in it: the signals go to the thread that stops the demo or the program and
/// closes what the helper waits on.
public final class HelperThread: @unchecked Sendable {
    private var thread = pthread_t()
    private var joined = false

    private final class Body {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }

    /// Starts `body` on a new thread.
    public init(_ body: @escaping () -> Void) throws {
        try HelperThread.withStopSignalsBlocked { try start(body) }
    }

    /// Runs `start` with SIGINT, SIGTERM and SIGHUP blocked in the calling thread, and restores
    /// its mask after: a thread started in there inherits the blocked mask from its first
    /// instruction, where blocking them inside the new thread would leave a moment open.
    public static func withStopSignalsBlocked<T>(_ start: () throws -> T) rethrows -> T {
        var signals = sigset_t()
        var previous = sigset_t()
        sigemptyset(&signals)
        for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&signals, signal) }
        pthread_sigmask(SIG_BLOCK, &signals, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        return try start()
    }

    private func start(_ body: @escaping () -> Void) throws {
        let context = Unmanaged.passRetained(Body(body)).toOpaque()
        do {
            try Syscall.returningErrno(.pthreadCreate) {
                pthread_create(
                    &thread, nil,
                    { context in
                        guard let context else { return nil }
                        Unmanaged<Body>.fromOpaque(context).takeRetainedValue().run()
                        return nil
                    }, context)
            }
        } catch {
            Unmanaged<Body>.fromOpaque(context).release()
            joined = true
            throw error
        }
    }

    /// Waits for the thread to end; once.
    public func join() {
        guard !joined else { return }
        joined = true
        pthread_join(thread, nil)
    }

    deinit { join() }
}
