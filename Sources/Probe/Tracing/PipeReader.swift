import CShims
import Foundation
import Glibc
import Syscalls

/// Drains a pipe on its own thread into memory. A `HelperThread`: Ctrl-C, SIGTERM and SIGHUP
/// reach the tracer's thread, which stops the tracee; this one only reads on to the end.
final class PipeReader: @unchecked Sendable {
    private let fd: Int32
    private var data = Data()
    private var thread: HelperThread?
    private var finished = false

    init(fd: Int32) throws {
        self.fd = fd
        thread = try HelperThread { [self] in
            // No limit: the tracee must never block on a pipe nobody reads.
            if let bytes = try? Syscall.readAll(fd, limit: .max) { data = Data(bytes) }
        }
    }

    /// Waits for the end of the pipe (the tracee has exited) and returns what was read.
    @discardableResult
    func finish() -> Data {
        if !finished {
            finished = true
            thread?.join()
            close(fd)
        }
        return data
    }
}
