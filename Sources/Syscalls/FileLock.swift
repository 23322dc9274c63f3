import Glibc

/// An exclusive advisory lock (flock(2)) on an open file. The kernel drops it when the last
/// descriptor of that open file closes, which happens however its owner ends, SIGKILL and the
/// OOM killer included: a lock that can be taken is a proof that its owner is gone. zctour uses
/// it for that (its private directories and temporary files carry one for their owner's life)
/// and to take turns (two zctour processes updating the same progress file).
public enum FileLock {
    /// Waits for the lock. A stray signal's EINTR is retried; Ctrl-C (or SIGTERM) while waiting
    /// throws `Interrupted`. The corresponding C call is `flock(fd, LOCK_EX)`.
    public static func lock(_ fd: Int32, path: String? = nil) throws {
        try Syscall.value(.flock, path: path, descriptor: fd) { flock(fd, LOCK_EX) }
    }

    /// Takes the lock if nobody holds it: false when another open file holds it (its owner is
    /// alive). The corresponding C call is `flock(fd, LOCK_EX | LOCK_NB)`.
    public static func tryLock(_ fd: Int32, path: String? = nil) throws -> Bool {
        do {
            try Syscall.value(.flock, path: path, descriptor: fd) { flock(fd, LOCK_EX | LOCK_NB) }
            return true
        } catch let error as SystemError where error.errno == EWOULDBLOCK {
            return false
        }
    }
}
