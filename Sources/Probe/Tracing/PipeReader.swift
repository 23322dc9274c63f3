import CShims
import Foundation
import Glibc
import Syscalls

/// Drains a pipe on its own thread into memory. The thread blocks Ctrl-C, SIGTERM and SIGHUP,
/// so they reach the tracer's thread, which stops the tracee; this one only reads on to the end.
final class PipeReader: @unchecked Sendable {
    private let fd: Int32
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)
    private var finished = false

    init(fd: Int32) {
        self.fd = fd
        Thread.detachNewThread { [self] in
            var signals = sigset_t()
            sigemptyset(&signals)
            for signal in [SIGINT, SIGTERM, SIGHUP] { sigaddset(&signals, signal) }
            pthread_sigmask(SIG_BLOCK, &signals, nil)
            // No limit: the tracee must never block on a pipe nobody reads.
            if let bytes = try? Syscall.readAll(fd, limit: .max) { data = Data(bytes) }
            done.signal()
        }
    }

    /// Waits for the end of the pipe (the tracee has exited) and returns what was read.
    @discardableResult
    func finish() -> Data {
        if !finished {
            finished = true
            done.wait()
            close(fd)
        }
        return data
    }
}
